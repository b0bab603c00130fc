import { eq, sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import type { ErrorCode } from "~/kernel/errors";
import { audit } from "~/kernel/audit/service";
import { monAreas } from "../schema";
import { AREA_LEVELS, isAreaLevel, type AreaLevel } from "../shared";
import { describeArea, listAreas, normName, type Area } from "./areas";
import { openTable, TabularError, type FormatOptions } from "./tabular";

// Areas from a plain list (CSV or XLSX: key, name, level, parent key, parent level) – what a statistics
// office has long before a shapefile. Geometry stays empty until the geometry import adds it.

const MAX_KEY = 60;
const MAX_NAME = 200;

/** One row of the list, with its line in the file. */
export interface AreaListRow {
  line: number;
  key: string;
  name: string;
  level: string;
  parentKey: string;
  parentLevel: string;
}

export interface AreaListReport {
  rows: number;
  created: number;
  updated: number;
  /** Rows that stop the whole list: nothing is written while there is one. */
  errors: { line: number; key: string; name: string; reason: ErrorCode }[];
  /** Rows that are fine but worth knowing: a key or name that another level uses too. */
  notes: { line: number; key: string; name: string; reason: ErrorCode }[];
  /** True when the list was checked but nothing written (errors, or a dry run). */
  written: boolean;
}

/** Column names the list may use (compared without case, blanks and punctuation), German and English. */
const COLUMNS: Record<keyof Omit<AreaListRow, "line">, string[]> = {
  key: ["schlüssel", "schluessel", "key", "gebietsschlüssel", "nummer", "nr", "id"],
  name: ["name", "gebiet", "gebietsname", "bezeichnung"],
  level: ["ebene", "level", "gebietsebene"],
  parentKey: [
    "übergeordnet",
    "übergeordneter schlüssel",
    "übergeordnetes gebiet",
    "eltern",
    "parent",
    "parent key",
    "parentkey",
    "parent_key",
  ],
  parentLevel: ["übergeordnete ebene", "ebene übergeordnet", "parent level", "parentlevel", "parent_level"],
};
const col = (s: string) =>
  s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\-_.]+/g, " ")
    .trim();

/** A level as a list writes it: the code ("stadtteil") or its German name in any case. */
export function levelOf(s: string): AreaLevel | null {
  const l = col(s).replace(/\s/g, "");
  return isAreaLevel(l) ? l : null;
}

/** Reads the list (CSV or XLSX, header detected as for value files) into rows; refuses a list without its columns. */
export async function readAreaList(bytes: Uint8Array, fmt: FormatOptions = {}): Promise<AreaListRow[]> {
  const table = await openTable(bytes, fmt);
  const header = table.detected.header.map(col);
  const idx = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))]),
  ) as Record<keyof typeof COLUMNS, number>;
  const missing = (["key", "name", "level"] as const).filter((k) => idx[k] < 0);
  if (missing.length)
    throw new TabularError("monitoring.areaList.columnsMissing", {
      columns: missing.map((k) => COLUMNS[k][0]).join(", "),
      found: table.detected.header.join(", "),
    });
  const rows: AreaListRow[] = [];
  const cell = (cells: string[], i: number) => (i >= 0 ? String(cells[i] ?? "").trim() : "");
  for await (const { line, cells } of table.rows) {
    if (cells.every((c) => String(c ?? "").trim() === "")) continue;
    rows.push({
      line,
      key: cell(cells, idx.key),
      name: cell(cells, idx.name),
      level: cell(cells, idx.level),
      parentKey: cell(cells, idx.parentKey),
      parentLevel: cell(cells, idx.parentLevel),
    });
  }
  return rows;
}

/**
 * Checks the whole list against itself and the register, then – only if no row is in error and it
 * is no dry run – creates the new areas and updates name and parent of existing ones (same level and
 * key), in list order so a parent may come from the list itself. Geometries are never touched.
 *
 * A row is in error when it lacks key, name or a known level, or they are too long; when its (level, key) or its name at
 * its level appears in an earlier row or in another area of the register at that level; when its
 * parent is not found, is not above it, or its key names areas at several levels and the row gives
 * no parent level. A key or name used at another level is a note, not an error: areas are (level,
 * key), but value files matched by key or name alone then need the level.
 */
export async function importAreaList(tx: Tx, rows: AreaListRow[], opts: { dryRun: boolean }): Promise<AreaListReport> {
  const register = await listAreas(tx);
  const report: AreaListReport = { rows: rows.length, created: 0, updated: 0, errors: [], notes: [], written: false };
  const err = (r: AreaListRow, code: string, params?: ErrorCode["params"]) =>
    report.errors.push({ line: r.line, key: r.key, name: r.name, reason: { code, params } });

  // The register as it will be: (level, key) → area or list row.
  type Entry = { level: string; key: string; name: string; line?: number; area?: Area };
  const byId = new Map<string, Entry>(register.map((a) => [`${a.level}\u0000${a.key}`, { ...a, area: a }]));
  const listed = new Map<string, AreaListRow>();
  const checked: { row: AreaListRow; level: AreaLevel; parent: Entry | null }[] = [];

  for (const r of rows) {
    const level = levelOf(r.level);
    if (!r.key || !r.name) {
      err(r, "monitoring.areaList.keyNameMissing");
      continue;
    }
    if (!level) {
      err(r, "monitoring.areaList.unknownLevel", { level: r.level, levels: AREA_LEVELS.join(", ") });
      continue;
    }
    // A key is part of the profile's address; neither it nor a name is a paragraph.
    if (r.key.length > MAX_KEY || r.name.length > MAX_NAME) {
      err(r, "monitoring.areaList.tooLong", { key: MAX_KEY, name: MAX_NAME });
      continue;
    }
    const id = `${level}\u0000${r.key}`;
    const earlier = listed.get(id);
    if (earlier) {
      err(r, "monitoring.areaList.duplicateKey", { first: earlier.line });
      continue;
    }
    listed.set(id, r);
    const existing = byId.get(id);
    byId.set(id, { level, key: r.key, name: r.name, line: r.line, area: existing?.area });
    checked.push({ row: r, level, parent: null });
  }

  // Names within a level must be unique (a name is how value files are matched when keys differ).
  const names = new Map<string, Entry[]>();
  for (const e of byId.values()) {
    const k = `${e.level}\u0000${normName(e.name)}`;
    names.set(k, [...(names.get(k) ?? []), e]);
  }
  for (const c of checked) {
    const same = (names.get(`${c.level}\u0000${normName(c.row.name)}`) ?? []).filter((e) => e.key !== c.row.key);
    if (same.length)
      err(c.row, "monitoring.areaList.duplicateName", {
        others: same.map((e) => describeArea(e) + (e.line ? ` (Zeile ${e.line})` : "")).join("; "),
      });
  }

  // Parents: by key, at the given level or at the one level that has the key.
  const byKey = new Map<string, Entry[]>();
  for (const e of byId.values()) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  for (const c of checked) {
    const r = c.row;
    if (r.parentLevel && !r.parentKey) {
      err(r, "monitoring.areaList.parentLevelWithoutKey");
      continue;
    }
    if (!r.parentKey) continue;
    const pLevel = r.parentLevel ? levelOf(r.parentLevel) : null;
    if (r.parentLevel && !pLevel) {
      err(r, "monitoring.areaList.unknownLevel", { level: r.parentLevel, levels: AREA_LEVELS.join(", ") });
      continue;
    }
    const candidates = (byKey.get(r.parentKey) ?? []).filter((e) => !pLevel || e.level === pLevel);
    if (!candidates.length) {
      err(r, "monitoring.areaList.parentNotFound", { parent: pLevel ? `${pLevel} ${r.parentKey}` : r.parentKey });
      continue;
    }
    if (candidates.length > 1) {
      err(r, "monitoring.areaList.parentAmbiguous", {
        parent: r.parentKey,
        candidates: candidates.map((e) => describeArea(e)).join("; "),
      });
      continue;
    }
    const p = candidates[0];
    if (AREA_LEVELS.indexOf(p.level as AreaLevel) >= AREA_LEVELS.indexOf(c.level)) {
      err(r, "monitoring.areaList.parentNotAbove", { parent: describeArea(p) });
      continue;
    }
    c.parent = p;
  }

  // Notes: the same key or name at another level – legal, but value files then need the level.
  for (const c of checked) {
    const r = c.row;
    const otherKey = (byKey.get(r.key) ?? []).filter((e) => e.level !== c.level);
    const otherName = [...byId.values()].filter((e) => e.level !== c.level && normName(e.name) === normName(r.name));
    for (const [list, code] of [
      [otherKey, "monitoring.areaList.keyOtherLevel"],
      [otherName, "monitoring.areaList.nameOtherLevel"],
    ] as const)
      if (list.length)
        report.notes.push({
          line: r.line,
          key: r.key,
          name: r.name,
          reason: { code, params: { others: list.map((e) => describeArea(e)).join("; ") } },
        });
  }

  report.errors.sort((a, b) => a.line - b.line);
  for (const c of checked) {
    if (byId.get(`${c.level}\u0000${c.row.key}`)?.area) report.updated++;
    else report.created++;
  }
  if (report.errors.length || opts.dryRun) return report;

  // Write in list order, parents first when they come from the list too.
  const ids = new Map<string, string>(register.map((a) => [`${a.level}\u0000${a.key}`, a.id]));
  const pending = [...checked];
  while (pending.length) {
    const before = pending.length;
    for (let i = 0; i < pending.length;) {
      const c = pending[i];
      const parentId = c.parent ? ids.get(`${c.parent.level}\u0000${c.parent.key}`) : null;
      if (c.parent && !parentId) {
        i++;
        continue;
      }
      const id = `${c.level}\u0000${c.row.key}`;
      const existing = ids.get(id);
      if (existing)
        await tx
          .update(monAreas)
          .set({ name: c.row.name, ...(c.parent ? { parentId } : {}) })
          .where(eq(monAreas.id, existing));
      else {
        const [a] = await tx
          .insert(monAreas)
          .values({
            tenantId: sqlTenant(),
            level: c.level,
            key: c.row.key,
            name: c.row.name,
            parentId: parentId ?? null,
          })
          .returning({ id: monAreas.id });
        ids.set(id, a.id);
      }
      pending.splice(i, 1);
    }
    // A parent below its child in the list is found on the next pass; none found means a cycle.
    if (pending.length === before) throw new Error("area list: parents form a cycle");
  }
  await audit(tx, {
    action: "import",
    entity: "mon_areas",
    after: { list: true, created: report.created, updated: report.updated },
  });
  report.written = true;
  return report;
}

const sqlTenant = () => sql`app_tenant_id()` as unknown as string;
