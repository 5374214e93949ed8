/** The CLI's window on the world, injectable so tests can run commands in-process and read what they print. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Exit codes shared by all commands (issue 3 §3): 0 clean, 1 findings of severity error, 2 unusable input. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;
