/* manifest.xml, checked offline (second half of `npm run validate`; scripts/validate-manifest.js is the first).
 * A tiny XML parser (elements, attributes, text; comments, declarations and CDATA handled) is enough for the manifest,
 * and keeps the test free of dependencies. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(xml)) !== null) {
    if (m.index !== consumed) throw new Error(`unparsable XML at offset ${consumed}: ${xml.slice(consumed, consumed + 40)}`);
    consumed = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      const closed = stack.pop();
      if (!closed || closed.name !== m[2]) throw new Error(`</${m[2]}> closes <${closed?.name}>`);
    } else if (m[3] !== undefined) {
      const attributes: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attributes) throw new Error(`duplicate attribute ${a[1]} on <${m[3]}>`);
        attributes[a[1]] = decodeEntities(a[2] ?? a[3] ?? "");
      }
      const element: XmlElement = { name: m[3], attributes, children: [], text: "" };
      top.children.push(element);
      if (m[5] !== "/") stack.push(element);
    } else if (m[6] !== undefined) {
      if (stack.length === 1 && m[6].trim() !== "") throw new Error("text outside the root element");
      top.text += decodeEntities(m[6]);
    }
  }
  if (consumed !== xml.length) throw new Error(`unparsable XML at offset ${consumed}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (root.children.length !== 1) throw new Error("expected exactly one root element");
  return root.children[0];
}

/** Local name without the namespace prefix (bt:String → String). */
const local = (e: XmlElement) => e.name.replace(/^.*:/, "");
const child = (e: XmlElement, name: string) => e.children.find((c) => local(c) === name);
const kids = (e: XmlElement, name: string) => e.children.filter((c) => local(c) === name);
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}
function walk(e: XmlElement, visit: (el: XmlElement, ancestors: XmlElement[]) => void, ancestors: XmlElement[] = []): void {
  visit(e, ancestors);
  for (const c of e.children) walk(c, visit, [...ancestors, e]);
}
/** The only element at this path of local names below `e`. */
function at(e: XmlElement, ...names: string[]): XmlElement {
  let current = e;
  for (const n of names) current = need(child(current, n), `<${n}> under <${current.name}>`);
  return current;
}

const manifestXml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const app = parseXml(manifestXml);
const versionOverrides = at(app, "VersionOverrides");
const host = at(versionOverrides, "Hosts", "Host");
const resources = at(versionOverrides, "Resources");

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
interface Resource {
  kind: ResourceKind;
  value: string;
  overrides: Record<string, string>;
}
const resourceTable = new Map<string, Resource>();
const duplicateIds: string[] = [];
for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as ResourceKind[]) {
  for (const item of child(resources, kind)?.children ?? []) {
    const id = item.attributes.id;
    if (resourceTable.has(id)) duplicateIds.push(id);
    const overrides: Record<string, string> = {};
    for (const o of kids(item, "Override")) overrides[o.attributes.Locale] = o.attributes.Value;
    resourceTable.set(id, { kind, value: item.attributes.DefaultValue, overrides });
  }
}
const resource = (id: string) => need(resourceTable.get(id), `resource ${id}`);

/** Every element with a resid, and the kind of resource it must point at. */
function expectedKind(el: XmlElement, ancestors: XmlElement[]): ResourceKind {
  const name = local(el);
  if (name === "Image") return "Images";
  if (["Runtime", "SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(name)) return "Urls";
  if (["Label", "Title", "Namespace"].includes(name)) return "ShortStrings";
  if (name === "Description") return "LongStrings";
  throw new Error(`unexpected resid on <${el.name}> under <${ancestors.map((a) => a.name).join(">")}>`);
}
const residUses: Array<{ element: string; resid: string; kind: ResourceKind }> = [];
walk(versionOverrides, (el, ancestors) => {
  if (el.attributes.resid !== undefined) residUses.push({ element: el.name, resid: el.attributes.resid, kind: expectedKind(el, ancestors) });
});

const DEV_ORIGIN = "https://localhost:3000/";
/** Files the webpack build writes to dist/ (webpack.config.js) that the manifest may point at. */
const BUILT_FILES = ["taskpane.html", "functions.html", "help.html", "functions.js", "functions.json", "functions.zh-CN.json"];

describe("manifest.xml", () => {
  it("is an Excel task pane add-in with a fixed id, version and en-US default locale", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(at(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(at(app, "Version").text).toBe("1.0.0.0");
    expect(at(app, "DefaultLocale").text).toBe("en-US");
    expect(at(app, "ProviderName").text.trim()).not.toBe("");
    expect(kids(at(app, "Hosts"), "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(versionOverrides.attributes["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(kids(at(versionOverrides, "Hosts"), "Host").map((h) => h.attributes["xsi:type"])).toEqual(["Workbook"]);
  });

  it("keeps the XSD element order of <OfficeApp>", () => {
    const order = ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "Dictionary", "VersionOverrides"];
    const names = app.children.map(local);
    for (const n of names) expect(order, `unexpected <${n}>`).toContain(n);
    const positions = names.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(versionOverrides.children.map(local)).toEqual(["Hosts", "Resources"]);
    expect(resources.children.map(local)).toEqual(["Images", "Urls", "ShortStrings", "LongStrings"]);
  });

  it("has <Runtimes> as the first child of <Host>, then AllFormFactors and DesktopFormFactor", () => {
    expect(host.children.map(local)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtimes = kids(at(host, "Runtimes"), "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attributes.lifetime).toBe("long");
  });

  it("requires the shared runtime and the custom functions runtime 1.1", () => {
    const sets = kids(at(app, "Requirements", "Sets"), "Set").map((s) => [s.attributes.Name, s.attributes.MinVersion]);
    expect(sets).toEqual(expect.arrayContaining([["SharedRuntime", "1.1"], ["CustomFunctionsRuntime", "1.1"]]));
  });

  it("resolves every resid to a resource of the right kind, with no duplicate ids", () => {
    expect(duplicateIds).toEqual([]);
    expect(residUses.length).toBeGreaterThan(10);
    const unresolved = residUses.filter((u) => resourceTable.get(u.resid)?.kind !== u.kind);
    expect(unresolved).toEqual([]);
    // And no resource is defined without being used.
    const used = new Set(residUses.map((u) => u.resid));
    expect([...resourceTable.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it("uses one page for the runtime, the custom functions page, the function file and the task pane", () => {
    const runtime = at(host, "Runtimes", "Runtime").attributes.resid;
    const customFunctions = need(kids(at(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions"), "CustomFunctions extension point");
    const page = at(customFunctions, "Page", "SourceLocation").attributes.resid;
    const desktop = at(host, "DesktopFormFactor");
    const functionFile = at(desktop, "FunctionFile").attributes.resid;
    const actions: XmlElement[] = [];
    walk(desktop, (el) => {
      if (local(el) === "Action" && el.attributes["xsi:type"] === "ShowTaskpane") actions.push(el);
    });
    expect(actions).toHaveLength(1);
    expect(at(actions[0], "TaskpaneId").text).toBe("ButtonId1");
    const taskpane = at(actions[0], "SourceLocation").attributes.resid;
    expect(runtime).toBe("Taskpane.Url");
    expect([page, functionFile, taskpane]).toEqual([runtime, runtime, runtime]);
    expect(resource(runtime).value).toBe(at(app, "DefaultSettings", "SourceLocation").attributes.DefaultValue);
    expect(resource(runtime).value).toBe(`${DEV_ORIGIN}taskpane.html`);
    expect(resource(at(customFunctions, "Script", "SourceLocation").attributes.resid).value).toBe(`${DEV_ORIGIN}functions.js`);
  });

  it("declares the LEVY namespace", () => {
    const customFunctions = need(kids(at(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions"), "CustomFunctions extension point");
    const ns = resource(at(customFunctions, "Namespace").attributes.resid);
    expect(ns.kind).toBe("ShortStrings");
    expect(ns.value).toBe("LEVY");
    for (const value of Object.values(ns.overrides)) expect(value).toBe("LEVY");
  });

  it("points the zh-CN metadata override at functions.zh-CN.json", () => {
    const customFunctions = need(kids(at(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions"), "CustomFunctions extension point");
    const metadata = resource(at(customFunctions, "Metadata", "SourceLocation").attributes.resid);
    expect(metadata.value).toBe(`${DEV_ORIGIN}functions.json`);
    expect(metadata.overrides["zh-CN"]).toBe(`${DEV_ORIGIN}functions.zh-CN.json`);
  });

  it("uses https for every URL, and only files the build emits or the icons in assets/", () => {
    const urls: string[] = [];
    walk(app, (el) => {
      for (const [name, value] of Object.entries(el.attributes)) {
        if (name === "xmlns" || name.startsWith("xmlns:")) continue;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) urls.push(value);
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(el.text.trim())) urls.push(el.text.trim());
    });
    for (const r of resourceTable.values()) {
      if (r.kind === "Urls" || r.kind === "Images") expect(r.value).toMatch(/^https:\/\//);
    }
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith("https://"))).toEqual([]);
    for (const url of urls) {
      expect(url.startsWith(DEV_ORIGIN), url).toBe(true);
      const file = url.slice(DEV_ORIGIN.length);
      if (file.startsWith("assets/")) expect(fs.existsSync(path.join(ROOT, file)), `${file} exists`).toBe(true);
      else expect(BUILT_FILES, url).toContain(file);
    }
  });

  it("has icons of the declared sizes", () => {
    const pngSize = (file: string) => {
      const png = fs.readFileSync(path.join(ROOT, file));
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    const fileOf = (url: string) => url.slice(DEV_ORIGIN.length);
    expect(pngSize(fileOf(at(app, "IconUrl").attributes.DefaultValue))).toEqual([32, 32]);
    expect(pngSize(fileOf(at(app, "HighResolutionIconUrl").attributes.DefaultValue))).toEqual([64, 64]);
    walk(host, (el) => {
      if (local(el) !== "Image") return;
      const size = Number(el.attributes.size);
      expect(pngSize(fileOf(resource(el.attributes.resid).value))).toEqual([size, size]);
    });
  });

  it("asks only for ReadWriteDocument and no other domains", () => {
    expect(at(app, "Permissions").text).toBe("ReadWriteDocument");
    expect(kids(app, "Permissions")).toHaveLength(1);
    // No other domains. <AppDomains> itself may not be empty, so it is left out altogether.
    expect(child(app, "AppDomains")).toBeUndefined();
  });

  it("keeps string lengths within the schema limits, overrides included", () => {
    const tooLong: string[] = [];
    const check = (what: string, value: string | undefined, max: number) => {
      if (value === undefined || value.length === 0 || value.length > max) tooLong.push(`${what} (${value?.length ?? "missing"} > ${max} or empty)`);
    };
    for (const [id, r] of resourceTable) {
      const max = r.kind === "ShortStrings" ? 125 : r.kind === "LongStrings" ? 250 : 2048;
      check(id, r.value, max);
      for (const [locale, v] of Object.entries(r.overrides)) check(`${id} [${locale}]`, v, max);
    }
    for (const [name, max] of [["DisplayName", 125], ["Description", 250]] as const) {
      const el = at(app, name);
      check(name, el.attributes.DefaultValue, max);
      for (const o of kids(el, "Override")) check(`${name} [${o.attributes.Locale}]`, o.attributes.Value, max);
    }
    expect(tooLong).toEqual([]);
  });

  it("has zh-CN overrides for the display name, the description and every short and long string", () => {
    const zh = (el: XmlElement) => kids(el, "Override").find((o) => o.attributes.Locale === "zh-CN")?.attributes.Value;
    expect(at(app, "DisplayName").attributes.DefaultValue).toBe("Levy Assistant");
    expect(zh(at(app, "DisplayName"))).toBe("残保金助手");
    expect(zh(at(app, "Description"))).toMatch(/残疾人就业保障金/);
    const missing = [...resourceTable].filter(([, r]) => (r.kind === "ShortStrings" || r.kind === "LongStrings") && !r.overrides["zh-CN"]).map(([id]) => id);
    expect(missing).toEqual([]);
    // Apart from the namespace, the zh-CN text is actually Chinese.
    for (const [id, r] of resourceTable) {
      if ((r.kind === "ShortStrings" || r.kind === "LongStrings") && id !== "Functions.Namespace") expect(r.overrides["zh-CN"], id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("the test's XML parser", () => {
  it("reads elements, attributes, entities, comments and self-closing tags, and rejects broken XML", () => {
    const doc = parseXml(`<?xml version="1.0"?><!-- c --><a x="1 &amp; 2" y='&#x4e2d;'><b/><c>t&lt;</c></a>`);
    expect(doc.name).toBe("a");
    expect(doc.attributes).toEqual({ x: "1 & 2", y: "中" });
    expect(doc.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(doc.children[1].text).toBe("t<");
    expect(() => parseXml("<a><b></a>")).toThrow();
    expect(() => parseXml("<a>")).toThrow();
    expect(() => parseXml("<a x=1></a>")).toThrow();
  });
});
