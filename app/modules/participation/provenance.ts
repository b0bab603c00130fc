// Proposal → measure (issue 12 item 4, decision 0028): an adopted proposal or recommendation is carried
// into the concept as a new draft measure, or it amends, confirms or retires an existing one. The link
// lives here (migration 0410); the concept learns of it through the kernel's provenance registry
// (`origins`, this module's manifest), so the concept never imports participation.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { ORIGIN_RELATIONS, type Origin, type OriginRelation, type ProvenanceModule } from "~/kernel/provenance";
import { changeMeasureStatus, createMeasure, currentEdition, getMeasureRow } from "~/modules/concept";

/** The concept shows a measure publicly only in an adopted (or superseded) edition. */
const PUBLIC_EDITIONS = ["beschlossen", "abgeloest"];

const ADOPTED = ["uebernommen", "geaendert_uebernommen"];
const uuid = (key: string) => z.string().uuid(key);

export const CarryInput = /* @__PURE__ */ z
  .object({
    relation: z.enum(ORIGIN_RELATIONS, "participation.errors.relation"),
    measureId: uuid("participation.errors.measureUnknown").optional(),
    goalId: uuid("participation.errors.goalRequired").optional(),
    code: z.string().trim().max(40).optional(),
    title: z.string().trim().max(300).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((c) => c.relation === "new" || !!c.measureId, {
    message: "participation.errors.measureUnknown",
    path: ["measureId"],
  })
  .refine((c) => c.relation !== "new" || !!c.goalId, {
    message: "participation.errors.goalRequired",
    path: ["goalId"],
  });
export type CarryInput = z.input<typeof CarryInput>;

interface CardHead {
  id: string;
  seq: number;
  kind: string;
  body: string;
  outcome: string | null;
  handlungsfeldId: string | null;
  processTitle: string;
  phase: string | null;
}

/** "Beteiligung „<process>“, <phase>, Karte Nr. <n>" – the reason the concept's history records. */
const sourceText = (c: CardHead) =>
  `Beteiligung „${c.processTitle}“${c.phase ? `, ${c.phase}` : ""}, Karte Nr. ${c.seq}`;

/**
 * Carries an adopted card into the concept and records the link. `new` creates a draft measure in the
 * current edition (title and description from the card, Handlungsfeld from its tag or the process's);
 * `retires` sets the measure to "verworfen" through the concept's status change, whose reason names
 * the card; `amends` and `confirms` record the link (the measure's text is edited on its own form).
 */
export async function carryIntoConcept(
  tx: Tx,
  processId: string,
  cardId: string,
  input: CarryInput,
): Promise<Result<{ measureId: string }>> {
  const c = CarryInput.parse(input);
  const ids = z.string().uuid();
  if (!ids.safeParse(processId).success || !ids.safeParse(cardId).success)
    return fail("participation.errors.cardUnknown", "relation");
  const [card] = await rows<CardHead>(
    tx,
    sql`SELECT c.id, c.seq, c.kind, c.body, c.outcome, coalesce(c.handlungsfeld_id, p.handlungsfeld_id) AS "handlungsfeldId",
          p.title AS "processTitle", ph.name AS phase
        FROM participation_cards c JOIN participation_processes p ON p.id = c.process_id
        LEFT JOIN participation_phases ph ON ph.id = c.phase_id
        WHERE c.id = ${cardId} AND c.process_id = ${processId}`,
  );
  if (!card || !["proposal", "recommendation"].includes(card.kind))
    return fail("participation.errors.cardUnknown", "relation");
  if (!card.outcome || !ADOPTED.includes(card.outcome)) return fail("participation.errors.notAdopted", "relation");
  const reason = sourceText(card);
  let measureId: string;
  if (c.relation === "new") {
    const edition = await currentEdition(tx);
    if (!edition) return fail("participation.errors.noEdition", "relation");
    const title = c.title || card.body.replace(/\s+/g, " ").slice(0, 300);
    const made = await createMeasure(
      tx,
      edition.id,
      {
        code: c.code || `B-${card.seq}`,
        title,
        description: card.body,
        goalIds: [c.goalId!],
        handlungsfeldIds: card.handlungsfeldId ? [card.handlungsfeldId] : [],
        partnerOrganisationIds: [],
        progress: 0,
      },
      { reason: `Entstanden aus ${reason}` },
    );
    if (!made.ok) return made;
    measureId = made.value.id;
  } else {
    const m = await getMeasureRow(tx, c.measureId!);
    if (!m) return fail("participation.errors.measureUnknown", "measureId");
    measureId = m.id;
    if (c.relation === "retires") {
      const done = await changeMeasureStatus(tx, m.id, "verworfen", `Aufgehoben durch ${reason}`);
      if (!done.ok) return done;
    }
  }
  const [dupe] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM participation_measure_links WHERE card_id = ${cardId} AND measure_id = ${measureId}`,
  );
  if (dupe) return fail("participation.errors.alreadyLinked", "measureId");
  const [link] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_measure_links (tenant_id, process_id, card_id, card_kind, measure_id, kind, note, actor_id, actor_label)
        VALUES (app_tenant_id(), ${processId}, ${cardId}, ${card.kind}, ${measureId}, ${c.relation}, ${c.note || null},
          app_user_id(), coalesce(nullif(current_setting('app.actor_label', true), ''), 'System'))
        RETURNING id`,
  );
  await audit(tx, {
    action: "create",
    entity: "participation_measure_link",
    entityId: link.id,
    after: { processId, cardId, measureId, relation: c.relation, note: c.note ?? null },
  });
  return ok({ measureId });
}

export interface CardMeasure {
  cardId: string;
  measureId: string;
  relation: OriginRelation;
  code: string;
  title: string;
  on: string;
  /** Whether the concept shows the measure publicly (its edition is adopted or superseded). */
  public: boolean;
}

/** The measures the process's cards were carried into, with the measures' code and title. */
export async function processMeasures(tx: Tx, processId: string): Promise<CardMeasure[]> {
  if (!z.string().uuid().safeParse(processId).success) return [];
  const links = await rows<{ cardId: string; measureId: string; relation: OriginRelation; on: string }>(
    tx,
    sql`SELECT card_id AS "cardId", measure_id AS "measureId", kind AS relation, to_char(created_at, 'YYYY-MM-DD') AS on
        FROM participation_measure_links WHERE process_id = ${processId} ORDER BY created_at, id`,
  );
  const out: CardMeasure[] = [];
  for (const l of links) {
    const m = await getMeasureRow(tx, l.measureId);
    const e = m && (await currentEdition(tx, m.editionId));
    if (m) out.push({ ...l, code: m.code, title: m.title, public: !!e && PUBLIC_EDITIONS.includes(e.status) });
  }
  return out;
}

/** The kernel's provenance lookup for the concept's measures (manifest `provenance`). */
export const origins: ProvenanceModule["origins"] = async (tx, subject, ids, opts) => {
  if (subject !== "concept.measure") return [];
  const valid = ids.filter((i) => z.string().uuid().safeParse(i).success);
  if (!valid.length) return [];
  return rows<Origin>(
    tx,
    sql`SELECT l.measure_id AS "subjectId", l.kind AS relation, 'participation' AS module, p.title, ph.name AS part,
          c.seq AS number,
          CASE WHEN p.status IN ('published', 'closed') THEN 'beteiligung/' || p.id ELSE NULL END AS "publicPath",
          'beteiligung/' || p.id AS "staffPath",
          to_char(l.created_at, 'YYYY-MM-DD') AS on
        FROM participation_measure_links l
        JOIN participation_cards c ON c.id = l.card_id
        JOIN participation_processes p ON p.id = l.process_id
        LEFT JOIN participation_phases ph ON ph.id = c.phase_id
        WHERE l.measure_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(valid)}::jsonb)::uuid)
          ${opts.publicOnly ? sql`AND p.status IN ('published', 'closed')` : sql``}
        ORDER BY l.created_at, l.id`,
  );
};
