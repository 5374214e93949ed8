/** Run CLI commands in-process and capture what they print. */
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/io";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (t: string) => ((stdout += t), true) },
    stderr: { write: (t: string) => ((stderr += t), true) },
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
