/**
 * A small streaming XML scanner for the parts of an .xlsx file. SpreadsheetML is a narrow, machine-written dialect,
 * and a worksheet with a million rows is mostly `<c r="B7" s="3" t="s"><v>12</v></c>` repeated, so a scanner that
 * finds tags with indexOf and reads an attribute only when asked does several times less work than a general SAX
 * parser that builds a node and an attribute object for every tag (saxes, which ExcelJS uses).
 *
 * What it does: tags (open, close, self-closing; namespace prefixes dropped from element names), text with the five
 * XML entities and numeric character references decoded, CDATA as text. What it skips: comments, processing
 * instructions, DOCTYPE — and therefore any entity a DOCTYPE declares is never expanded (no "billion laughs").
 * It does not validate: a malformed part yields what can be read, and a tag that never closes within 1 MB is an error.
 */

export interface XmlTag {
  /** Attribute value by its qualified name ("r", "t", "r:id"), entities decoded; undefined when absent. */
  attr(name: string): string | undefined;
  /** Attribute value by local name, whatever its prefix ("id" finds "r:id"). */
  attrLocal(name: string): string | undefined;
}

export interface XmlHandler {
  open(name: string, tag: XmlTag): void;
  close(name: string): void;
  text(text: string): void;
}

const MAX_TAG = 1024 * 1024;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== "#") return NAMED[e] ?? m;
    const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

class Tag implements XmlTag {
  raw = "";
  /** Index in `raw` just after the element name. */
  start = 0;

  private scan(match: (key: string) => boolean): string | undefined {
    const raw = this.raw;
    const n = raw.length;
    let i = this.start;
    while (i < n) {
      let c = raw.charCodeAt(i);
      while (i < n && (c === 32 || c === 9 || c === 10 || c === 13)) c = raw.charCodeAt(++i);
      if (i >= n || c === 47 /* / */) return undefined;
      const keyStart = i;
      while (i < n && (c = raw.charCodeAt(i)) !== 61 /* = */ && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
      const key = raw.slice(keyStart, i);
      while (i < n && raw.charCodeAt(i) !== 61) i++;
      i++;
      while (i < n && ((c = raw.charCodeAt(i)) === 32 || c === 9 || c === 10 || c === 13)) i++;
      const quote = raw[i];
      if (quote !== '"' && quote !== "'") return undefined;
      const end = raw.indexOf(quote, i + 1);
      if (end < 0) return undefined;
      if (match(key)) return decodeXmlEntities(raw.slice(i + 1, end));
      i = end + 1;
    }
    return undefined;
  }

  attr(name: string): string | undefined {
    return this.scan((key) => key === name);
  }

  attrLocal(name: string): string | undefined {
    return this.scan((key) => key === name || (key.length > name.length && key.endsWith(name) && key[key.length - name.length - 1] === ":"));
  }
}

export class XmlScanner {
  private buf = "";
  private readonly tag = new Tag();

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    const n = buf.length;
    const h = this.handler;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        // Text up to the end of the chunk; an entity cut in two ("&am" | "p;") waits for the next chunk.
        const amp = buf.lastIndexOf("&");
        const end = amp >= pos && buf.indexOf(";", amp) < 0 && n - amp < 12 ? amp : n;
        if (end > pos) h.text(decodeXmlEntities(buf.slice(pos, end)));
        pos = end;
        break;
      }
      if (lt > pos) h.text(decodeXmlEntities(buf.slice(pos, lt)));
      pos = lt;
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith("<![CDATA[", lt)) {
          const end = buf.indexOf("]]>", lt + 9);
          if (end < 0) break;
          h.text(buf.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        // A comment ends at -->; a DOCTYPE with an internal subset at ]>; anything else at >.
        const bracket = buf.indexOf("[", lt);
        const close = buf.indexOf(">", lt);
        const terminator = buf.startsWith("<!--", lt) ? "-->" : bracket >= 0 && (close < 0 || bracket < close) ? "]>" : ">";
        const end = buf.indexOf(terminator, lt + 2);
        if (end < 0) break;
        pos = end + terminator.length;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = buf.indexOf("?>", lt + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      // Find the tag's end, skipping '>' inside quoted attribute values.
      let i = lt + 1;
      let gt = -1;
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === 62 /* > */) {
          gt = i;
          break;
        }
        if (c === 34 || c === 39) {
          const close = buf.indexOf(c === 34 ? '"' : "'", i + 1);
          if (close < 0) break;
          i = close + 1;
        } else i++;
      }
      if (gt < 0) break;
      if (buf.charCodeAt(lt + 1) === 47 /* / */) {
        h.close(localName(buf, lt + 2, gt));
      } else {
        const selfClosing = buf.charCodeAt(gt - 1) === 47;
        let e = lt + 1;
        while (e < gt) {
          const c = buf.charCodeAt(e);
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
          e++;
        }
        const name = localName(buf, lt + 1, e);
        const tag = this.tag;
        tag.raw = buf.slice(lt + 1, selfClosing ? gt - 1 : gt);
        tag.start = e - lt - 1;
        h.open(name, tag);
        if (selfClosing) h.close(name);
      }
      pos = gt + 1;
    }
    this.buf = pos < n ? buf.slice(pos) : "";
    if (this.buf.length > MAX_TAG) throw new Error("malformed XML: a tag does not end");
  }

  end(): void {
    if (this.buf.length > 0 && this.buf.indexOf("<") < 0) this.handler.text(decodeXmlEntities(this.buf));
    this.buf = "";
  }
}

function localName(buf: string, from: number, to: number): string {
  let end = to;
  while (end > from) {
    const c = buf.charCodeAt(end - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) end--;
    else break;
  }
  let start = from;
  for (let i = from; i < end; i++) if (buf.charCodeAt(i) === 58 /* : */) start = i + 1;
  return buf.slice(start, end);
}
