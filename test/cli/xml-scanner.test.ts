/** The streaming XML scanner: tags, attributes, text and entities, whatever the chunk boundaries. */
import { describe, expect, it } from "vitest";
import { XmlScanner } from "../../src/cli/xml-scanner";

type Event = [string, string, Record<string, string | undefined>?];

function scan(xml: string, chunkSizes: number[] = [xml.length], ask: string[] = ["r", "t", "s", "r:id"]): Event[] {
  const events: Event[] = [];
  let text = "";
  const flush = () => {
    if (text) events.push(["text", text]);
    text = "";
  };
  const scanner = new XmlScanner({
    open(name, tag) {
      flush();
      const attrs: Record<string, string | undefined> = {};
      for (const a of ask) if (tag.attr(a) !== undefined) attrs[a] = tag.attr(a);
      if (tag.attrLocal("id") !== undefined) attrs["~id"] = tag.attrLocal("id");
      events.push(["open", name, attrs]);
    },
    close(name) {
      flush();
      events.push(["close", name]);
    },
    text(t) {
      text += t;
    },
  });
  let pos = 0;
  let i = 0;
  while (pos < xml.length) {
    const size = chunkSizes[i++ % chunkSizes.length];
    scanner.write(xml.slice(pos, pos + size));
    pos += size;
  }
  scanner.end();
  flush();
  return events;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8"?><!-- a comment with <c> inside --><x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>A &amp; B &lt;1&gt; &#x4E2D;&#25991;</x:t></x:is></x:c><x:c r="B1" s="3"/><x:c r="C1" t="str"><x:f>IF(A1&gt;0,"a&gt;b","")</x:f><x:v><![CDATA[raw <text> & more]]></x:v></x:c></x:row></x:sheetData></x:worksheet>`;

describe("XmlScanner", () => {
  it("reads tags, prefixed names, attributes, entities, CDATA and self-closing tags", () => {
    const events = scan(SHEET);
    expect(events).toEqual([
      ["open", "worksheet", {}],
      ["open", "sheetData", {}],
      ["open", "row", { r: "1" }],
      ["open", "c", { r: "A1", t: "inlineStr" }],
      ["open", "is", {}],
      ["open", "t", {}],
      ["text", "A & B <1> 中文"],
      ["close", "t"],
      ["close", "is"],
      ["close", "c"],
      ["open", "c", { r: "B1", s: "3" }],
      ["close", "c"],
      ["open", "c", { r: "C1", t: "str" }],
      ["open", "f", {}],
      ["text", 'IF(A1>0,"a>b","")'],
      ["close", "f"],
      ["open", "v", {}],
      ["text", "raw <text> & more"],
      ["close", "v"],
      ["close", "c"],
      ["close", "row"],
      ["close", "sheetData"],
      ["close", "worksheet"],
    ]);
  });

  it("gives the same events whatever the chunk boundaries (entities and tags cut in two)", () => {
    const whole = scan(SHEET);
    for (const sizes of [[1], [2], [3], [7], [13, 1, 5], [64]]) expect(scan(SHEET, sizes), JSON.stringify(sizes)).toEqual(whole);
  });

  it("reads attributes with '>' in quotes, single quotes, spaces, and by local name", () => {
    const events = scan(`<sheet name='A > B' r:id = "rId3" s="&quot;x&quot;"/>`, [5], ["name", "r:id", "s"]);
    expect(events[0]).toEqual(["open", "sheet", { name: "A > B", "r:id": "rId3", s: '"x"', "~id": "rId3" }]);
  });

  it("never expands entities a DOCTYPE declares", () => {
    const events = scan(`<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><t>&a;&a;</t>`);
    expect(events).toEqual([
      ["open", "t", {}],
      ["text", "&a;&a;"],
      ["close", "t"],
    ]);
  });

  it("refuses a tag that never ends instead of buffering without limit", () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {} });
    scanner.write('<c r="');
    expect(() => {
      for (let i = 0; i < 40; i++) scanner.write("x".repeat(32 * 1024));
    }).toThrow(/malformed XML/);
  });
});
