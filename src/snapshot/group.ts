/**
 * Group snapshots (issue 10 §3–4): the filing of a group workbook is one ordinary snapshot per entity, wrapped as
 * `{format: "levy-snapshot", kind: "group", …, entities: [Snapshot, …], digest}`; a one-entity workbook's snapshot
 * stays exactly what it always was. And the one rule that pairs the entities of two filings (a snapshot and the
 * workbook now, or last year and this year): by 统一社会信用代码 first, else by 单位名称 — an entity left without a
 * partner on either side is reported by the caller, never dropped.
 *
 * Pure: plain data in, plain data out.
 */
import { canonicalJson } from "./canonical";
import { parseSnapshot } from "./parse";
import { sha256Hex } from "./sha256";
import { GROUP_SNAPSHOT_KIND, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError } from "./types";
import type { Bilingual } from "../core/rules/types";
import type { GroupSnapshot, Snapshot } from "./types";
import type { VerifyReport } from "./verify";

/** SHA-256 of the group's canonical JSON without its own digest (each entity keeps its own digest inside). */
export function groupDigest(g: Omit<GroupSnapshot, "digest"> & { digest?: string }): string {
  const { digest: _digest, ...rest } = g;
  return sha256Hex(canonicalJson(rest));
}

export function buildGroupSnapshot(entities: readonly Snapshot[], o: { file: string; options?: Snapshot["source"]["options"]; createdAt: string; toolVersion: string; toolName: string }): GroupSnapshot {
  const body: Omit<GroupSnapshot, "digest"> = {
    format: SNAPSHOT_FORMAT,
    kind: GROUP_SNAPSHOT_KIND,
    version: SNAPSHOT_VERSION,
    createdAt: o.createdAt,
    tool: { name: o.toolName, version: o.toolVersion },
    source: { file: o.file, options: o.options ?? {} },
    entities: [...entities],
  };
  return { ...body, digest: groupDigest(body) };
}

/** What a snapshot file holds: one entity's snapshot (as always), or a group's. */
export type SnapshotDocument = { kind: "single"; snapshot: Snapshot } | { kind: "group"; group: GroupSnapshot };

function bad(what: string): never {
  throw new SnapshotError({ zh: `这不是有效的残保金快照：${what}。`, en: `This is not a valid levy snapshot: ${what}.` });
}

/** Read a snapshot file's JSON: a group (kind "group") or one entity's snapshot (parseSnapshot's checks). */
export function parseSnapshotDocument(text: string): SnapshotDocument {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return { kind: "single", snapshot: parseSnapshot(text) }; // parseSnapshot says why it does not parse
  }
  const o = data as Record<string, unknown> | null;
  if (typeof o !== "object" || o === null || Array.isArray(o) || o.kind !== GROUP_SNAPSHOT_KIND) return { kind: "single", snapshot: parseSnapshot(text) };
  if (o.format !== SNAPSHOT_FORMAT) bad(`format "${String(o.format).slice(0, 40)}"`);
  if (typeof o.version !== "number" || o.version > SNAPSHOT_VERSION || o.version < 1) {
    throw new SnapshotError({
      zh: `快照版本 ${String(o.version)} 不受本版本工具支持（支持 ${SNAPSHOT_VERSION}）。`,
      en: `Snapshot version ${String(o.version)} is not supported by this tool (it reads version ${SNAPSHOT_VERSION}).`,
    });
  }
  if (!Array.isArray(o.entities) || o.entities.length === 0) bad("entities");
  if (typeof o.digest !== "string") bad("digest");
  const entities = (o.entities as unknown[]).map((e) => parseSnapshot(JSON.stringify(e)));
  return { kind: "group", group: { ...(o as unknown as GroupSnapshot), entities } };
}

/* ---------------------------------------------------------------------------------------------------------------
 * Pairing entities.
 * ------------------------------------------------------------------------------------------------------------- */

/** The 统一社会信用代码 and 单位名称 an entity is known by (the split's and the parameter block's, when they differ). */
export interface EntityKey {
  usccs: string[];
  names: string[];
}

function usccKey(v: string | null | undefined): string | null {
  const k = (v ?? "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  return k === "" ? null : k;
}

function nameKey(v: string | null | undefined): string | null {
  const k = (v ?? "").normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  return k === "" ? null : k;
}

export function entityKey(usccs: ReadonlyArray<string | null | undefined>, names: ReadonlyArray<string | null | undefined>): EntityKey {
  const u = [...new Set(usccs.map(usccKey).filter((k): k is string => k !== null))];
  const n = [...new Set(names.map(nameKey).filter((k): k is string => k !== null))];
  return { usccs: u, names: n };
}

/** A snapshot's key: its entity (group member) and its employer (parameter block). */
export function snapshotKey(s: Snapshot): EntityKey {
  return entityKey([s.entity?.uscc, s.employer?.uscc], [s.entity?.name, s.employer?.name]);
}

/** How an entity is shown: its name, else its credit code, else its position. */
export function snapshotLabel(s: Snapshot): { name: string | null; uscc: string | null } {
  return { name: s.entity?.name ?? s.employer?.name ?? null, uscc: s.entity?.uscc ?? s.employer?.uscc ?? null };
}

export interface EntityMatch<L, R> {
  pairs: Array<{ left: L; right: R; via: "uscc" | "name" }>;
  leftOnly: L[];
  rightOnly: R[];
}

const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * Pair two lists of entities: first by credit code (any code of one equals any code of the other), then — only
 * between entities of which at least one gives no code, so two different codes never pair — by name. Each entity
 * pairs at most once, in list order. The rest are returned on their side.
 */
export function matchEntities<L, R>(left: readonly L[], right: readonly R[], keyL: (l: L) => EntityKey, keyR: (r: R) => EntityKey): EntityMatch<L, R> {
  const kl = left.map(keyL);
  const kr = right.map(keyR);
  const usedL = new Set<number>();
  const usedR = new Set<number>();
  const pairs: Array<{ l: number; r: number; via: "uscc" | "name" }> = [];
  for (let i = 0; i < left.length; i++) {
    for (let j = 0; j < right.length; j++) {
      if (usedR.has(j) || kl[i].usccs.length === 0 || !shares(kl[i].usccs, kr[j].usccs)) continue;
      pairs.push({ l: i, r: j, via: "uscc" });
      usedL.add(i);
      usedR.add(j);
      break;
    }
  }
  for (let i = 0; i < left.length; i++) {
    if (usedL.has(i)) continue;
    for (let j = 0; j < right.length; j++) {
      if (usedR.has(j)) continue;
      if (kl[i].usccs.length > 0 && kr[j].usccs.length > 0) continue;
      if (kl[i].names.length === 0 || !shares(kl[i].names, kr[j].names)) continue;
      pairs.push({ l: i, r: j, via: "name" });
      usedL.add(i);
      usedR.add(j);
      break;
    }
  }
  pairs.sort((a, b) => a.l - b.l);
  return {
    pairs: pairs.map((p) => ({ left: left[p.l], right: right[p.r], via: p.via })),
    leftOnly: left.filter((_, i) => !usedL.has(i)),
    rightOnly: right.filter((_, j) => !usedR.has(j)),
  };
}

/* ---------------------------------------------------------------------------------------------------------------
 * `levy verify` of a group: one report per entity.
 * ------------------------------------------------------------------------------------------------------------- */

export interface GroupEntityCheck {
  name: string | null;
  uscc: string | null;
  /** How the filed entity was paired with the workbook's (absent without a workbook or a partner). */
  matchedBy?: "uscc" | "name";
  /**
   * "same" / "different": the entity's own report says so; "missing-in-workbook": filed, but the workbook holds no
   * such entity now; "missing-in-snapshot": in the workbook, but not in what was filed. Both missing kinds are
   * differences.
   */
  status: "same" | "different" | "missing-in-workbook" | "missing-in-snapshot";
  message?: Bilingual;
  /** The entity's verify report (the one-entity report), whenever the snapshot holds the entity. */
  report?: VerifyReport;
}

export interface GroupVerifyReport {
  kind: "group";
  snapshot: { file: string; createdAt: string; entities: number };
  /** The group snapshot's own digest (a JSON with an entity removed or edited by hand shows here). */
  integrity: { ok: boolean; problems: Bilingual[] };
  workbook: { file: string; entities: number } | null;
  /** The filed entities in the snapshot's order, then the workbook's entities missing from the snapshot. */
  entities: GroupEntityCheck[];
  /** 0 every entity the same on both sides, 1 any difference. */
  exitCode: 0 | 1;
}

export function checkGroupIntegrity(g: GroupSnapshot): GroupVerifyReport["integrity"] {
  if (groupDigest(g) === g.digest) return { ok: true, problems: [] };
  return {
    ok: false,
    problems: [
      {
        zh: "集团快照内容与其校验值（digest）不符：快照在生成后被修改过（例如删除或改动了某个单位），以下比较以修改后的内容为准。",
        en: "The group snapshot does not match its own digest: it was changed after it was written (an entity removed or edited, say); the comparisons below use its content as it now stands.",
      },
    ],
  };
}
