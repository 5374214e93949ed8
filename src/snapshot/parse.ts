/** Read a snapshot from its JSON text, refusing anything that is not one (SnapshotError → exit 2). */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError } from "./types";
import type { Snapshot } from "./types";

function bad(what: string): never {
  throw new SnapshotError({ zh: `这不是有效的残保金快照：${what}。`, en: `This is not a valid levy snapshot: ${what}.` });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parseSnapshot(text: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (e) {
    bad(`JSON 无法解析 / JSON does not parse (${(e as Error).message.slice(0, 80)})`);
  }
  if (!isObject(data)) bad("not an object");
  if (data.format !== SNAPSHOT_FORMAT) bad(`format "${String(data.format).slice(0, 40)}"`);
  if (typeof data.version !== "number" || data.version > SNAPSHOT_VERSION || data.version < 1) {
    throw new SnapshotError({
      zh: `快照版本 ${String(data.version)} 不受本版本工具支持（支持 ${SNAPSHOT_VERSION}）。`,
      en: `Snapshot version ${String(data.version)} is not supported by this tool (it reads version ${SNAPSHOT_VERSION}).`,
    });
  }
  const period = data.period;
  if (!isObject(period) || typeof period.filingYear !== "number" || typeof period.filingDate !== "string") bad("period");
  const inputs = data.inputs;
  if (!isObject(inputs) || !isObject(inputs.case) || !Array.isArray(inputs.tables)) bad("inputs");
  for (const t of inputs.tables as unknown[]) {
    if (!isObject(t) || typeof t.sheet !== "string" || typeof t.kind !== "string" || typeof t.rowNumbers !== "string" || typeof t.rowHashes !== "string" || !Array.isArray(t.columns)) bad("inputs.tables");
  }
  const result = data.result;
  if (!isObject(result) || typeof result.payable !== "string" || typeof result.grossDue !== "string") bad("result");
  const rules = data.rules;
  if (!isObject(rules) || !Array.isArray(rules.parameters) || typeof rules.version !== "string") bad("rules");
  for (const p of rules.parameters as unknown[]) if (!isObject(p) || typeof p.name !== "string") bad("rules.parameters");
  if (typeof data.digest !== "string") bad("digest");
  return data as unknown as Snapshot;
}
