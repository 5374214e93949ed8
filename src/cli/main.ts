/**
 * `levy <command>`: calc (aggregates from a JSON case file), audit (workbooks), template (the firm template).
 * Each command lives in its own module. Imports are static: tsx (bin/levy.js) and vitest both resolve them, whereas a
 * dynamic import() would bypass tsx's CommonJS hook.
 */
import { runAudit } from "./audit";
import { runCalc } from "./calc";
import { EXIT } from "./io";
import { runTemplate } from "./template";
import type { CliIO } from "./io";

const USAGE = `levy — 残保金助手 / Levy Assistant

用法 Usage:
  levy calc CASE.json [--json]                     计算 compute the levy from aggregates
  levy audit FILE.xlsx [FILE2.xlsx …] [--json] [--out REPORT.xlsx] [--map 列=字段 …]
             [--region CN-JS] [--year 2025] [--entity 企业] [--today YYYY-MM-DD] [--max-cells N]
                                                   审核工作簿 audit workbooks
  levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]
                                                   生成模板 generate the firm template
  levy --help
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "calc":
        return await runCalc(rest, io);
      case "audit":
        return await runAudit(rest, io);
      case "template":
        return await runTemplate(rest, io);
      case undefined:
      case "-h":
      case "--help":
      case "help":
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        io.stderr.write(`levy: 未知命令 unknown command "${command}"\n\n${USAGE}`);
        return EXIT.badInput;
    }
  } catch (error) {
    io.stderr.write(`levy: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.badInput;
  }
}
