/** The streaming XML scanner: tags, attributes, text and entities, whatever the chunk boundaries. */
import { describe, expect, it } from "vitest";
import { XmlScanner, XmlSyntaxError } from "../../src/cli/xml-scanner";

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

  it("refuses a DOCTYPE (OOXML parts never carry one), so no declared entity is ever expanded", () => {
    expect(() => scan(`<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><t>&a;&a;</t>`)).toThrow(XmlSyntaxError);
    expect(() => scan(`<t>&a;</t>`)).toThrow(/undefined or malformed entity/);
    expect(() => scan(`<t>a & b</t>`)).toThrow(/entity/);
  });

  it("is strict about well-formedness: a damaged or cut part is an error, never a shorter part", () => {
    const cases: Array<[string, RegExp]> = [
      [SHEET.slice(0, Math.floor(SHEET.length / 2)), /ends inside/],
      [`<a><b>x</a>`, /end tag <\/a> where <\/b> was expected/],
      [`<a></a></a>`, /without a start tag/],
      [`<a><!-- never closed <b/></a>`, /unterminated comment/],
      [`<a><![CDATA[ never closed </a>`, /unterminated CDATA/],
      [`<a/><b/>`, /second root/],
      [`<a/>junk`, /text after the root/],
      [``, /no XML element/],
      [`<a>\u0001</a>`, /U\+0001/],
      [`<a>\ufffe</a>`, /U\+FFFE/],
      [`<a>&#1;</a>`, /entity/],
      [`<a>< b/></a>`, /malformed tag/],
      [`<a x=1/>`, /malformed attribute/],
    ];
    for (const [xml, message] of cases) {
      for (const sizes of [[xml.length || 1], [3]]) expect(() => scan(xml, sizes, ["x"]), JSON.stringify(xml)).toThrow(message);
    }
    // What is legal stays legal: comments and PIs around the root, white space, a short comment at the very end.
    expect(scan(`<?xml version="1.0"?>\n<!--c--><a>1</a>\n<!---->`, [1])).toEqual([["open", "a", {}], ["text", "1"], ["close", "a"]]);
  });

  it("refuses a tag that never ends instead of buffering without limit", () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {} });
    scanner.write('<c r="');
    expect(() => {
      for (let i = 0; i < 40; i++) scanner.write("x".repeat(32 * 1024));
    }).toThrow(/unterminated tag .* does not end within 1 MB/);
  });
});
