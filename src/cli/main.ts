/**
 * `levy <command>`: calc (aggregates from a JSON case file), audit (workbooks), template (the firm template).
 *
 * Each command lives in its own module and is loaded only when it runs (issue 9 §5): `levy calc` must not pay for
 * ExcelJS, which `audit` and `template` need. bin/levy.js runs the webpack bundle of this file (dist-cli/levy.js),
 * where each dynamic import() below is a chunk file (dist-cli/calc.js, audit.js, template.js) required on first
 * use; vitest resolves them from the sources.
 */
import { EXIT } from "./io";
import type { CliIO } from "./io";

const CALC_USAGE = `levy calc CASE.json [--json] [--today YYYY-MM-DD]
  计算 compute the levy from aggregates in a JSON case file (decimals as strings).
  --json                 一个 JSON 对象 print one JSON object (money and ratios as decimal strings)
  --today YYYY-MM-DD     “今天”，用于日期合理性检查 the date the plausibility checks take as today (default: today in China)
  退出码 exit: 0 ok, 2 无法使用的输入或明显笔误 unusable input or a likely typo (e.g. 安置比例 1.5 read as 150%)
`;

const AUDIT_USAGE = `levy audit FILE.xlsx [FILE2.xlsx …] [--json] [--out REPORT.xlsx] [--map 列=字段 HEADER=field …]
           [--region CN-JS] [--year 2025] [--entity 企业] [--today YYYY-MM-DD] [--max-cells N]
           [--max-mb N] [--max-seconds N] [--force] [--explain] [--mapping MAP.json] [--save-mapping MAP.json]
  审核工作簿 audit workbooks: form columns 4–12, row accounting, findings by severity.
  --explain              每张表的识别结果、得分、次选与理由 each sheet's role, score, runner-up and reasons
  --map KEY=VALUE        指定表或列的用途 name a sheet's role (表:Sheet=花名册) or a column's field (Sheet!F=用工形式)
  --mapping / --save-mapping FILE.json   读取/保存映射 read / write the mapping (same format as the pane's)
  --out REPORT.xlsx      写审计底稿（不覆盖已有文件，除非 --force）write the working paper (never over an input; --force for an existing file)
  --max-mb / --max-seconds   读取上限 reading limits (default 2048 MB, 300 s)
  --snapshot OUT.json    写申报快照（汇总数、数据行摘要、参数及来源、结果；不覆盖已有文件，除非 --force）
                         write the filed snapshot (aggregates, row digests, rule values and sources, result); --out
                         also stores it in the working paper's hidden 快照 sheet. Check it later with levy verify.
  --last-year LAST       同比分析 year-over-year bridge from last year's snapshot (.json), working paper or workbook
  退出码 exit: 0 ok, 1 有错误 findings of severity error, 2 无法使用 unusable input

levy audit DIR/ [FILE …] [--out GROUP.xlsx] [--jobs N] [--json] [--force]      批量审核 a batch of client workbooks
  文件夹中的每个工作簿（含多单位工作簿的每个单位）按各自地区规则审核；--out 写汇总表及“GROUP-底稿”文件夹（每单位一份底稿）。
  Every workbook in the folder (every entity of a group workbook) under its own region's rules; --out writes the
  consolidated summary and one working paper per entity in the folder "GROUP-底稿" beside it (never over existing files without --force).
  --jobs N               并行线程数 worker threads (default: the number of cores); --batch treats listed files as a batch
  退出码 exit: 0 全部通过 all clean, 1 有单位有错误 some entity has errors, 2 有文件无法审核 some file could not be audited
`;

const TEMPLATE_USAGE = `levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]
  生成模板 write the firm template (parameter block, roster, payroll, disabled register, declaration with LEVY.* formulas).
`;

const VERIFY_USAGE = `levy verify SNAPSHOT.json|WORKING-PAPER.xlsx [WORKBOOK.xlsx] [--json]
  核对申报快照 re-check a filed snapshot (written by levy audit --snapshot or --out):
  (a) 工作簿是否仍得出申报结果 does the workbook still give the filed result? (which tables/rows, columns 4–12, amounts)
  (b) 按现行规则是否会得出不同结果 would today's rules give a different result for the filed inputs?
  --json                 一个 JSON 对象 print one JSON object
  退出码 exit: 0 一致 all the same, 1 有差异 differences, 2 无法读取 unreadable
`;

const USAGE = `levy — 残保金助手 / Levy Assistant

用法 Usage:
  levy calc CASE.json [--json] [--today YYYY-MM-DD]
                                                   计算 compute the levy from aggregates
  levy audit FILE.xlsx [FILE2.xlsx …] [--json] [--out REPORT.xlsx] [--map 列=字段 …]
             [--region CN-JS] [--year 2025] [--entity 企业] [--today YYYY-MM-DD] [--max-cells N]
                                                   审核工作簿 audit workbooks
  levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]
                                                   生成模板 generate the firm template
  levy verify SNAPSHOT.json [WORKBOOK.xlsx] [--json]
                                                   核对申报快照 re-check a filed snapshot
  levy <command> --help                            命令说明 help on one command
  levy --help
`;

const COMMAND_USAGE: Record<string, string> = { calc: CALC_USAGE, audit: AUDIT_USAGE, template: TEMPLATE_USAGE, verify: VERIFY_USAGE };

type Command = (args: string[], io: CliIO) => Promise<number>;

/** The command modules, loaded on demand (audit and template load ExcelJS). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  calc: async () => (await import(/* webpackChunkName: "calc" */ "./calc")).runCalc,
  audit: async () => (await import(/* webpackChunkName: "audit" */ "./audit")).runAudit,
  template: async () => (await import(/* webpackChunkName: "template" */ "./template")).runTemplate,
  verify: async () => (await import(/* webpackChunkName: "verify" */ "./verify")).runVerify,
};

function wantsHelp(args: readonly string[]): boolean {
  // Only before a "--" separator: after it, "--help" would be a file name.
  const end = args.indexOf("--");
  const flags = end >= 0 ? args.slice(0, end) : args;
  return flags.includes("--help") || flags.includes("-h");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
      if (wantsHelp(rest)) {
        io.stdout.write(COMMAND_USAGE[command]);
        return EXIT.ok;
      }
      const run = await COMMANDS[command]();
      return await run(rest, io);
    }
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help": {
        const topic = rest[0];
        if (command === "help" && topic !== undefined && Object.prototype.hasOwnProperty.call(COMMAND_USAGE, topic)) {
          io.stdout.write(COMMAND_USAGE[topic]);
          return EXIT.ok;
        }
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      }
      default:
        io.stderr.write(`levy: 未知命令 unknown command "${String(command).slice(0, 60)}"\n\n${USAGE}`);
        return EXIT.badInput;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`levy: ${message.length > 500 ? `${message.slice(0, 500)}…` : message}\n`);
    return EXIT.badInput;
  }
}
