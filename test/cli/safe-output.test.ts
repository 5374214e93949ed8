/** Output safety helpers: text for terminals and for XML, and the output-path rules (issue 9 §2). */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, linkSync, readFileSync, readdirSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutputPath, OutputRefused, terminalSafe, writeAtomically, xmlSafe } from "../../src/cli/safe-output";

const dir = mkdtempSync(join(tmpdir(), "levy-safe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("terminalSafe", () => {
  it("removes CSI, OSC and other escape sequences, control characters and bidi overrides, keeps text and newlines", () => {
    expect(terminalSafe("备注\u001b[2J\u001b[H")).toBe("备注");
    expect(terminalSafe("a\u001b]0;pwned\u0007b")).toBe("ab");
    expect(terminalSafe("x\u001bcy")).toBe("xy");
    expect(terminalSafe("张三\r李四\u0008\u007f\u009b31m")).toBe("张三李四");
    expect(terminalSafe("abc\u202edef")).toBe("abcdef");
    expect(terminalSafe("行一\n\t行二 ¥1,000.00")).toBe("行一\n\t行二 ¥1,000.00");
  });
});

describe("xmlSafe", () => {
  it("replaces characters XML 1.0 forbids with U+FFFD and counts them", () => {
    expect(xmlSafe("张\ufffe三")).toEqual({ text: "张\ufffd三", replaced: 1 });
    expect(xmlSafe("a\u0001b\u001fc\uffff")).toEqual({ text: "a\ufffdb\ufffdc\ufffd", replaced: 3 });
    expect(xmlSafe("lone \ud800 surrogate")).toEqual({ text: "lone \ufffd surrogate", replaced: 1 });
    expect(xmlSafe("emoji 😀 tab\tnewline\n")).toEqual({ text: "emoji 😀 tab\tnewline\n", replaced: 0 });
  });
});

describe("output paths", () => {
  const input = join(dir, "in.xlsx");
  writeFileSync(input, "input");
  const refused = (f: () => void): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(OutputRefused);
      return (error as OutputRefused).message_.en;
    }
    throw new Error("not refused");
  };

  it("refuses an input (same path, symlink, hard link) whatever --force says", () => {
    symlinkSync(input, join(dir, "sym.xlsx"));
    linkSync(input, join(dir, "hard.xlsx"));
    for (const out of [input, join(dir, "sym.xlsx"), join(dir, "hard.xlsx"), join(dir, ".", "x", "..", "in.xlsx")]) {
      expect(refused(() => checkOutputPath(out, "o", [input], true))).toMatch(/one of the workbooks being audited/);
    }
  });

  it("refuses an existing file without --force and a folder always; a new path is fine", () => {
    writeFileSync(join(dir, "old.xlsx"), "old");
    expect(refused(() => checkOutputPath(join(dir, "old.xlsx"), "old.xlsx", [input], false))).toMatch(/already exists/);
    expect(() => checkOutputPath(join(dir, "old.xlsx"), "old.xlsx", [input], true)).not.toThrow();
    mkdirSync(join(dir, "folder"));
    expect(refused(() => checkOutputPath(join(dir, "folder"), "folder", [input], true))).toMatch(/is a folder/);
    expect(() => checkOutputPath(join(dir, "new.xlsx"), "new.xlsx", [input], false)).not.toThrow();
  });

  it("writes through a temporary file, never replaces a file that appeared meanwhile without --force, cleans up", async () => {
    await writeAtomically(join(dir, "a.xlsx"), false, async (temp) => writeFileSync(temp, "paper"));
    expect(readFileSync(join(dir, "a.xlsx"), "utf8")).toBe("paper");
    await expect(writeAtomically(join(dir, "a.xlsx"), false, async (temp) => writeFileSync(temp, "second"))).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(join(dir, "a.xlsx"), "utf8")).toBe("paper");
    await writeAtomically(join(dir, "a.xlsx"), true, async (temp) => writeFileSync(temp, "forced"));
    expect(readFileSync(join(dir, "a.xlsx"), "utf8")).toBe("forced");
    await expect(writeAtomically(join(dir, "b.xlsx"), true, async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
