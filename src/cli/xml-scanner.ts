/**
 * A small streaming XML scanner for the parts of an .xlsx file. SpreadsheetML is a narrow, machine-written dialect,
 * and a worksheet with a million rows is mostly `<c r="B7" s="3" t="s"><v>12</v></c>` repeated, so a scanner that
 * finds tags with indexOf and reads an attribute only when asked does several times less work than a general SAX
 * parser that builds a node and an attribute object for every tag (saxes, which ExcelJS uses).
 *
 * What it does: tags (open, close, self-closing; namespace prefixes dropped from the names handed on), text with the
 * five XML entities and numeric character references decoded, CDATA as text; comments and processing instructions
 * are skipped.
 *
 * It is strict about well-formedness, because a part that is not well formed is a damaged part and reading "what can
 * be read" of it silently drops the rest of a sheet (issue 9): every end tag must match the open element, the part
 * must hold exactly one root element and end with it closed, nothing but white space may stand outside it, an
 * unterminated comment, CDATA section, processing instruction or tag is an error, as are an undefined entity, a
 * character XML 1.0 forbids (control characters, U+FFFE, U+FFFF) and a DOCTYPE (OOXML parts never carry one, and
 * refusing it means no entity is ever expanded: no "billion laughs"). Errors are thrown as XmlSyntaxError; a
 * construct that does not end within 1 MB is one too (no unbounded buffering).
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

/** The part is not well-formed XML. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlSyntaxError";
  }
}

const MAX_TAG = 1024 * 1024;

/** Characters XML 1.0 does not allow anywhere in a document (§2.2): C0 controls other than tab, LF, CR; U+FFFE/FFFF. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decode the five entities and character references; anything else after "&" is an error (XML 1.0 §4.1 WFC). */
export function decodeXmlEntities(s: string): string {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    const name = semi > amp && semi - amp <= 12 ? s.slice(amp + 1, semi) : "";
    let decoded: string | undefined;
    if (name[0] === "#") {
      const code = name[1] === "x" ? (/^#x[0-9A-Fa-f]+$/.test(name) ? Number.parseInt(name.slice(2), 16) : NaN) : /^#[0-9]+$/.test(name) ? Number.parseInt(name.slice(1), 10) : NaN;
      if (code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)) decoded = String.fromCodePoint(code);
    } else decoded = NAMED[name];
    if (decoded === undefined) throw new XmlSyntaxError(`undefined or malformed entity reference "${s.slice(amp, Math.min(s.length, amp + 12))}"`);
    out += s.slice(from, amp) + decoded;
    from = semi + 1;
    amp = s.indexOf("&", from);
  }
  return out + s.slice(from);
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
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`malformed attribute "${key}"`);
      const end = raw.indexOf(quote, i + 1);
      if (end < 0) throw new XmlSyntaxError(`unterminated attribute value "${key}"`);
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

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 /* _ */ || c === 58 /* : */ || c >= 0xc0;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

export class XmlScanner {
  private buf = "";
  private readonly tag = new Tag();
  /** Qualified names of the open elements. */
  private readonly stack: string[] = [];
  private rootSeen = false;

  constructor(private readonly handler: XmlHandler) {}

  /** Text between tags: inside the root it goes to the handler; outside it only white space is allowed. */
  private emitText(raw: string): void {
    if (this.stack.length === 0) {
      if (!isBlank(raw)) throw new XmlSyntaxError(this.rootSeen ? "text after the root element" : "text before the root element");
      return;
    }
    this.handler.text(decodeXmlEntities(raw));
  }

  write(chunk: string): void {
    if (FORBIDDEN.test(chunk)) {
      const m = FORBIDDEN.exec(chunk) as RegExpExecArray;
      throw new XmlSyntaxError(`a character XML does not allow (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`);
    }
    const buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    const n = buf.length;
    const h = this.handler;
    const stack = this.stack;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        // Text up to the end of the chunk; an entity cut in two ("&am" | "p;") waits for the next chunk.
        const amp = buf.lastIndexOf("&");
        const end = amp >= pos && buf.indexOf(";", amp) < 0 && n - amp < 12 ? amp : n;
        if (end > pos) this.emitText(buf.slice(pos, end));
        pos = end;
        break;
      }
      if (lt > pos) this.emitText(buf.slice(pos, lt));
      pos = lt;
      if (lt + 1 >= n) break;
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith("<![CDATA[", lt)) {
          const end = buf.indexOf("]]>", lt + 9);
          if (end < 0) break;
          if (stack.length === 0) throw new XmlSyntaxError("CDATA outside the root element");
          h.text(buf.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        if (buf.startsWith("<!--", lt)) {
          const end = buf.indexOf("-->", lt + 4);
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
        if (buf.startsWith("<!DOCTYPE", lt)) throw new XmlSyntaxError("a DOCTYPE declaration (not allowed in an Office Open XML part)");
        if (n - lt < 9) break; // not enough yet to tell a comment from CDATA or a DOCTYPE
        throw new XmlSyntaxError(`unknown markup "${buf.slice(lt, lt + 9)}"`);
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
        } else if (c === 60 /* < */) {
          throw new XmlSyntaxError(`"<" inside a tag: "${buf.slice(lt, Math.min(i + 1, lt + 40))}"`);
        } else i++;
      }
      if (gt < 0) break;
      if (next === 47 /* / */) {
        let end = gt;
        while (end > lt + 2 && isBlankCode(buf.charCodeAt(end - 1))) end--;
        const qname = buf.slice(lt + 2, end);
        const open = stack.pop();
        if (open !== qname) throw new XmlSyntaxError(open === undefined ? `end tag </${qname}> without a start tag` : `end tag </${qname}> where </${open}> was expected`);
        const colon = qname.indexOf(":");
        h.close(colon < 0 ? qname : qname.slice(colon + 1));
      } else {
        if (!isNameStart(next)) throw new XmlSyntaxError(`malformed tag "${buf.slice(lt, Math.min(gt + 1, lt + 40))}"`);
        const selfClosing = buf.charCodeAt(gt - 1) === 47;
        let e = lt + 1;
        while (e < gt) {
          const c = buf.charCodeAt(e);
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
          e++;
        }
        const qname = buf.slice(lt + 1, e);
        if (stack.length === 0) {
          if (this.rootSeen) throw new XmlSyntaxError(`a second root element <${qname}>`);
          this.rootSeen = true;
        }
        const colon = qname.indexOf(":");
        const name = colon < 0 ? qname : qname.slice(colon + 1);
        const tag = this.tag;
        tag.raw = buf.slice(lt + 1, selfClosing ? gt - 1 : gt);
        tag.start = e - lt - 1;
        if (!selfClosing) stack.push(qname);
        h.open(name, tag);
        if (selfClosing) h.close(name);
      }
      pos = gt + 1;
    }
    this.buf = pos < n ? buf.slice(pos) : "";
    if (this.buf.length > MAX_TAG) throw new XmlSyntaxError(`${unterminated(this.buf)} does not end within 1 MB`);
  }

  /** The part has ended: anything left open or unterminated means it is damaged or cut short. */
  end(): void {
    const rest = this.buf;
    this.buf = "";
    if (rest.length > 0 && rest.indexOf("<") >= 0) throw new XmlSyntaxError(`the part ends inside ${unterminated(rest)}`);
    if (rest.length > 0 && this.stack.length === 0) this.emitText(rest);
    if (this.stack.length > 0) throw new XmlSyntaxError(`the part ends inside <${this.stack[this.stack.length - 1]}> (${this.stack.length} element${this.stack.length > 1 ? "s" : ""} left open: cut short)`);
    if (!this.rootSeen) throw new XmlSyntaxError("the part holds no XML element (empty)");
  }
}

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** What an unfinished construct at the start of `rest` is, for messages. */
function unterminated(rest: string): string {
  const lt = rest.indexOf("<");
  const at = lt < 0 ? rest : rest.slice(lt);
  if (at.startsWith("<!--")) return "an unterminated comment";
  if (at.startsWith("<![CDATA[")) return "an unterminated CDATA section";
  if (at.startsWith("<?")) return "an unterminated processing instruction";
  if (at.startsWith("<")) return `an unterminated tag "${at.slice(0, 24)}"`;
  return "text";
}
