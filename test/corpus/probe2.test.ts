import { it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { makeCompany } from "./people";
import { render, RENDERINGS } from "./layouts";
it("probe2", () => {
  const people = makeCompany(7);
  for (const name of (process.env.R ?? "combinedA").split(",")) {
    const sheets = render(people, RENDERINGS[name]);
    const r = analyseWorkbook(sheets, { today: "2025-03-01" });
    console.log(name, JSON.stringify(r.tables!.map(t => [t.sheet, t.kind, t.headerRow, t.rows, t.columns.map(c => c.header + "=" + c.field).join("|")])).slice(0, 3000));
    console.log(r.findings.map(f => f.code + ":" + f.severity + ":" + f.message.en.slice(0, 150)).join("\n"));
    if (process.env.DUMP) console.log(JSON.stringify(sheets.find(s => s.name === process.env.DUMP)?.values.slice(0, 8)));
  }
});
