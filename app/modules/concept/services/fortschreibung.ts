import { diffWords } from "diff";
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { todayBerlin } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { getEdition, listHandlungsfelder, loadGoals, type Edition, type GoalInfo } from "./concept";
import { getMeasureRow, listMeasures, type MeasureListItem, type TimelineEntry } from "./measures";

// Fortschreibung (decision 0035): the carry state of each measure of an edition copied from another,
// the measures staff end in a draft, the history a carried measure brings along, and the comparison
// of two editions word by word.

export type CarryState = "fortgefuehrt" | "geaendert" | "neu";

export interface EndedMeasure {
  /** The measure of the source edition that is not continued. */
  id: string;
  code: string;
  title: string;
  status: string;
  /** The reason staff gave when they ended it in the draft; null when it stayed behind for its status. */
  reason: string | null;
  endedOn: string | null;
  by: string | null;
}

export interface Carry {
  source: { id: string; title: string } | null;
  /** Carry state by measure id of this edition. */
  states: Record<string, CarryState>;
  ended: EndedMeasure[];
  counts: Record<CarryState | "beendet", number>;
}

/** What the comparison and the carry state look at in a measure, as comparable text. */
function measureFields(m: MeasureListItem, hfName: Map<string, string>) {
  return {
    title: m.title,
    description: m.description ?? "",
    targetGroups: m.targetGroups ?? "",
    period: `${m.startsOn ?? ""}–${m.endsOn ?? ""}`,
    quantitativeTarget: m.quantitativeTarget ?? "",
    budget: m.budget == null ? "" : String(m.budget),
    goals: [...m.goalRefs].sort().join(", "),
    handlungsfelder: m.handlungsfeldIds
      .map((h) => hfName.get(h) ?? "?")
      .sort()
      .join(", "),
    lead: m.lead?.name ?? "",
    partners: m.partners
      .map((p) => p.name)
      .sort()
      .join(", "),
    status: m.status,
  };
}

/**
 * Each measure of an edition that was copied from another: fortgeführt (as its predecessor),
 * geändert (differs from it in any of measureFields but progress), neu (no predecessor); and the
 * source's measures that were not continued (beendet), with the reason staff gave where they ended one.
 */
export async function carryStates(tx: Tx, edition: Edition): Promise<Carry> {
  const counts = { fortgefuehrt: 0, geaendert: 0, neu: 0, beendet: 0 };
  const source = edition.sourceEditionId ? await getEdition(tx, edition.sourceEditionId) : undefined;
  if (!source) return { source: null, states: {}, ended: [], counts };
  const [mine, theirs, hfs, endings] = await Promise.all([
    listMeasures(tx, { editionId: edition.id }),
    listMeasures(tx, { editionId: source.id }),
    listHandlungsfelder(tx),
    endingsOf(tx, edition.id),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const before = new Map(theirs.map((m) => [m.id, m]));
  const states: Record<string, CarryState> = {};
  for (const m of mine) {
    const p = m.predecessorId ? before.get(m.predecessorId) : undefined;
    const state: CarryState = !p
      ? "neu"
      : JSON.stringify(measureFields(m, hfName)) === JSON.stringify(measureFields(p, hfName))
        ? "fortgefuehrt"
        : "geaendert";
    states[m.id] = state;
    counts[state]++;
  }
  const continued = new Set(mine.map((m) => m.predecessorId).filter(Boolean));
  const ended = theirs
    .filter((m) => !continued.has(m.id))
    .map((m) => {
      const e = endings.get(m.id);
      return {
        id: m.id,
        code: m.code,
        title: m.title,
        status: m.status,
        reason: e?.reason ?? null,
        endedOn: e?.endedOn ?? null,
        by: e?.by ?? null,
      };
    });
  counts.beendet = ended.length;
  return { source: { id: source.id, title: source.title }, states, ended, counts };
}

/** One measure's carry state (its page): reads the measure and its predecessor only. */
export async function carryStateOf(
  tx: Tx,
  m: { id: string; editionId: string; predecessorId: string | null },
  edition: Edition,
): Promise<CarryState | null> {
  if (!edition.sourceEditionId) return null;
  if (!m.predecessorId) return "neu";
  const p = await getMeasureRow(tx, m.predecessorId);
  if (!p) return "neu";
  const one = { limit: 1, offset: 0 };
  const [[mine], [theirs], hfs] = await Promise.all([
    listMeasures(tx, { editionId: m.editionId, measureIds: [m.id] }, one),
    listMeasures(tx, { editionId: p.editionId, measureIds: [p.id] }, one),
    listHandlungsfelder(tx),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  return JSON.stringify(measureFields(mine, hfName)) === JSON.stringify(measureFields(theirs, hfName))
    ? "fortgefuehrt"
    : "geaendert";
}

async function endingsOf(tx: Tx, editionId: string) {
  const list = await rows<{ measure_id: string; reason: string; ended_on: string; actor_label: string }>(
    tx,
    sql`SELECT measure_id, reason, ended_on::text, actor_label FROM concept_measure_endings WHERE edition_id = ${editionId}`,
  );
  return new Map(list.map((e) => [e.measure_id, { reason: e.reason, endedOn: e.ended_on, by: e.actor_label }]));
}

/**
 * Ends a carried measure in a draft: the new edition does not continue it. The copy goes (with its
 * links and open milestones); the predecessor keeps its history, and the reason is recorded.
 */
export async function endCarriedMeasure(
  tx: Tx,
  measureId: string,
  reason: string,
): Promise<Result<{ editionId: string }>> {
  const m = await getMeasureRow(tx, measureId);
  if (!m) return fail("concept.errors.measureNotFound");
  if (!m.predecessorId) return fail("concept.errors.endNotCarried");
  const e = await getEdition(tx, m.editionId);
  if (!e || (e.status !== "entwurf" && e.status !== "in_beratung")) return fail("concept.errors.endOnlyInDraft");
  const why = reason.trim();
  if (why.length < 3) return fail("concept.errors.endReasonRequired", "reason");
  if (why.length > 2000) return fail("concept.errors.endReasonLong", "reason");
  await tx.execute(
    sql`INSERT INTO concept_measure_endings (tenant_id, edition_id, measure_id, reason, ended_on, actor_id, actor_label)
        VALUES (app_tenant_id(), ${e.id}, ${m.predecessorId}, ${why}, ${todayBerlin()}::date, app_user_id(),
          coalesce(nullif(current_setting('app.actor_label', true), ''), 'System'))`,
  );
  await tx.execute(sql`DELETE FROM concept_measures WHERE id = ${m.id}`);
  await audit(tx, {
    action: "delete",
    entity: "concept_measure",
    entityId: m.id,
    before: m,
    after: { ended: true, predecessorId: m.predecessorId, reason: why },
  });
  return ok({ editionId: e.id });
}

export interface HistoryEntry extends TimelineEntry {
  /** The earlier edition the entry belongs to. */
  edition: string;
}

/**
 * What happened to a measure in earlier editions: the chain of predecessors (one recursive query),
 * then their status changes, reports and done milestones (their open ones were carried). The public
 * pages ask only for published reports and no reasons or names.
 */
export async function measureHistory(
  tx: Tx,
  measureId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<{ carriedFrom: { edition: string; measureId: string } | null; entries: HistoryEntry[] }> {
  const chain = await rows<{ id: string; edition: string; status: string; depth: number }>(
    tx,
    sql`WITH RECURSIVE chain AS (
          SELECT p.id, p.edition_id, p.predecessor_id, p.status, 1 AS depth
          FROM concept_measures m JOIN concept_measures p ON p.id = m.predecessor_id WHERE m.id = ${measureId}
          UNION ALL
          SELECT p.id, p.edition_id, p.predecessor_id, p.status, chain.depth + 1
          FROM chain JOIN concept_measures p ON p.id = chain.predecessor_id WHERE chain.depth < 50
        )
        SELECT chain.id, e.title AS edition, chain.status, chain.depth FROM chain
        JOIN concept_editions e ON e.id = chain.edition_id
        ${opts.publicOnly ? sql`WHERE e.status IN ('beschlossen', 'abgeloest')` : sql``}
        ORDER BY chain.depth`,
  );
  if (!chain.length) return { carriedFrom: null, entries: [] };
  const ids = sql.join(
    chain.map((c) => sql`${c.id}`),
    sql`, `,
  );
  const edition = new Map(chain.map((c) => [c.id, c.edition]));
  const [changes, reports, done] = await Promise.all([
    rows<{
      measure_id: string;
      changed_on: string;
      to_status: string;
      from_status: string | null;
      reason: string;
      actor_label: string;
    }>(
      tx,
      sql`SELECT measure_id, changed_on::text, to_status, from_status, reason, actor_label FROM concept_status_changes
          WHERE measure_id IN (${ids}) ORDER BY created_at`,
    ),
    rows<{ measure_id: string; reported_on: string; body: string; author_label: string; status: string }>(
      tx,
      sql`SELECT measure_id, reported_on::text, body, author_label, status FROM concept_updates
          WHERE measure_id IN (${ids}) ${opts.publicOnly ? sql`AND status = 'veroeffentlicht'` : sql``}
          ORDER BY reported_on DESC, created_at DESC`,
    ),
    rows<{ measure_id: string; title: string; done_on: string }>(
      tx,
      sql`SELECT measure_id, title, done_on::text FROM concept_milestones WHERE measure_id IN (${ids}) AND done_on IS NOT NULL`,
    ),
  ]);
  const entries: HistoryEntry[] = [
    ...changes.map((c) => ({
      date: c.changed_on,
      kind: "status" as const,
      title: c.to_status,
      detail: opts.publicOnly ? null : c.reason,
      who: opts.publicOnly ? null : c.actor_label,
      state: c.from_status ?? "",
      edition: edition.get(c.measure_id)!,
    })),
    ...reports.map((u) => ({
      date: u.reported_on,
      kind: "update" as const,
      title: u.body,
      who: opts.publicOnly ? null : u.author_label,
      state: u.status,
      edition: edition.get(u.measure_id)!,
    })),
    ...done.map((x) => ({
      date: x.done_on,
      kind: "milestone" as const,
      title: x.title,
      state: "done",
      edition: edition.get(x.measure_id)!,
    })),
  ];
  return {
    carriedFrom: { edition: chain[0].edition, measureId: chain[0].id },
    entries: entries.sort((a, b) => b.date.localeCompare(a.date)),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export type WordPart = { kind: "same" | "ins" | "del"; text: string };

/** Word by word (the diff package's diffWords): runs of unchanged, inserted and removed words. */
export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((c) => ({
    kind: c.added ? "ins" : c.removed ? "del" : "same",
    text: c.value,
  }));
}

export type ComparedField = "title" | "description" | "handlungsfelder" | "lead" | "status" | "goals";

export interface FieldChange {
  field: ComparedField;
  before: string;
  after: string;
  /** Word runs for texts; null for a status (shown as two labels). */
  words: WordPart[] | null;
}

export interface Compared {
  ref: string;
  title: string;
  changes: FieldChange[];
}

export interface ItemDiff {
  added: { ref: string; title: string }[];
  removed: { ref: string; title: string; reason: string | null; status: string | null }[];
  changed: Compared[];
}

export interface EditionComparison {
  goals: ItemDiff;
  measures: ItemDiff;
  /** Handlungsfelder that goals or measures of one edition use and the other's do not. */
  handlungsfelder: { added: string[]; removed: string[] };
}

function changesOf(a: Record<string, string>, b: Record<string, string>, fields: ComparedField[]): FieldChange[] {
  return fields
    .filter((f) => (a[f] ?? "") !== (b[f] ?? ""))
    .map((f) => ({
      field: f,
      before: a[f] ?? "",
      after: b[f] ?? "",
      words: f === "status" ? null : wordDiff(a[f] ?? "", b[f] ?? ""),
    }));
}

const goalRef = (g: GoalInfo) => `${g.kind === "themenfeld" ? "TF " : ""}${g.ref}`;

/**
 * Compares edition a (earlier) with b (later): goals matched by their reference (Themenfeld/Nummer),
 * measures by the predecessor link and, where there is none, by their Kennung; titles, descriptions,
 * Handlungsfelder, lead (Federführung), goals and status, texts word by word. A measure of a that b
 * ended carries the reason given.
 */
export async function compareEditions(tx: Tx, a: string, b: string): Promise<EditionComparison> {
  const [ga, gb, ma, mb, hfs, endings] = await Promise.all([
    loadGoals(tx, a),
    loadGoals(tx, b),
    listMeasures(tx, { editionId: a }),
    listMeasures(tx, { editionId: b }),
    listHandlungsfelder(tx),
    endingsOf(tx, b),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const hfList = (ids: string[]) =>
    ids
      .map((h) => hfName.get(h) ?? "?")
      .sort()
      .join(", ");

  // Goals by reference.
  const A = new Map(ga.map((g) => [goalRef(g), g])),
    B = new Map(gb.map((g) => [goalRef(g), g]));
  const goalText = (g: GoalInfo) => ({
    title: g.title,
    description: g.description ?? "",
    handlungsfelder: hfList(g.handlungsfeldIds),
  });
  const goals: ItemDiff = {
    added: [...B.entries()].filter(([k]) => !A.has(k)).map(([k, g]) => ({ ref: k, title: g.title })),
    removed: [...A.entries()]
      .filter(([k]) => !B.has(k))
      .map(([k, g]) => ({ ref: k, title: g.title, reason: null, status: null })),
    changed: [...A.entries()]
      .filter(([k]) => B.has(k))
      .map(([k, g]) => ({
        ref: k,
        title: B.get(k)!.title,
        changes: changesOf(goalText(g), goalText(B.get(k)!), ["title", "description", "handlungsfelder"]),
      }))
      .filter((c) => c.changes.length > 0),
  };

  // Measures: the predecessor link first, then the Kennung for measures without one.
  const aById = new Map(ma.map((m) => [m.id, m]));
  const pairs: [MeasureListItem, MeasureListItem][] = [];
  const matchedA = new Set<string>(),
    matchedB = new Set<string>();
  for (const m of mb)
    if (m.predecessorId && aById.has(m.predecessorId)) {
      pairs.push([aById.get(m.predecessorId)!, m]);
      matchedA.add(m.predecessorId);
      matchedB.add(m.id);
    }
  const aByCode = new Map(ma.filter((m) => !matchedA.has(m.id)).map((m) => [m.code, m]));
  for (const m of mb) {
    if (matchedB.has(m.id) || m.predecessorId) continue;
    const p = aByCode.get(m.code);
    if (!p) continue;
    pairs.push([p, m]);
    matchedA.add(p.id);
    matchedB.add(m.id);
    aByCode.delete(m.code);
  }
  const measureText = (m: MeasureListItem) => ({
    title: m.title,
    description: m.description ?? "",
    handlungsfelder: hfList(m.handlungsfeldIds),
    lead: m.lead?.name ?? "",
    goals: m.goalRefs.join(", "),
    status: m.status,
  });
  const measures: ItemDiff = {
    added: mb.filter((m) => !matchedB.has(m.id)).map((m) => ({ ref: m.code, title: m.title })),
    removed: ma
      .filter((m) => !matchedA.has(m.id))
      .map((m) => ({ ref: m.code, title: m.title, reason: endings.get(m.id)?.reason ?? null, status: m.status })),
    changed: pairs
      .map(([p, m]) => ({
        ref: m.code === p.code ? m.code : `${p.code} → ${m.code}`,
        title: m.title,
        changes: changesOf(measureText(p), measureText(m), [
          "title",
          "description",
          "goals",
          "handlungsfelder",
          "lead",
          "status",
        ]),
      }))
      .filter((c) => c.changes.length > 0),
  };

  const used = (gs: GoalInfo[], ms: MeasureListItem[]) =>
    new Set([...gs.flatMap((g) => g.handlungsfeldIds), ...ms.flatMap((m) => m.handlungsfeldIds)]);
  const ua = used(ga, ma),
    ub = used(gb, mb);
  const names = (ids: string[]) => ids.map((h) => hfName.get(h) ?? "?").sort();
  return {
    goals,
    measures,
    handlungsfelder: {
      added: names([...ub].filter((h) => !ua.has(h))),
      removed: names([...ua].filter((h) => !ub.has(h))),
    },
  };
}

/**
 * The edition an adopted one replaced, for the public comparison: the one adoption superseded, else
 * the one it was copied from. Only adopted or superseded editions are public.
 */
export async function replacedEdition(tx: Tx, e: Edition): Promise<Edition | undefined> {
  const id = e.replacesEditionId ?? e.sourceEditionId;
  const prev = id ? await getEdition(tx, id) : undefined;
  return prev && (prev.status === "beschlossen" || prev.status === "abgeloest") ? prev : undefined;
}
