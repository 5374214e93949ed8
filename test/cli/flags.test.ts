/** Issue 9 §3: flags that used to be ignored when invalid are refused with exit 2 (checked before any file is read). */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers";

const root = resolve(__dirname, "..", "..");

describe("levy audit refuses an invalid --today and an empty --region", () => {
  it("--today 2025-02-30 and --today yesterday: exit 2 naming the flag", async () => {
    for (const today of ["2025-02-30", "yesterday"]) {
      const r = await runCli(["audit", "examples/example-company.xlsx", "--today", today], root);
      expect(r.code, today).toBe(2);
      expect(r.stderr, today).toContain("--today");
      expect(r.stdout, today).toBe("");
    }
  });

  it('--region "" and --region "  ": exit 2', async () => {
    for (const region of ["", "  "]) {
      const r = await runCli(["audit", "examples/example-company.xlsx", `--region=${region}`], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--region");
    }
  });
});
