import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { todayBerlin } from "~/kernel/dates";
import { CARRIED_STATUSES } from "../constants";

// The copying half of a Fortschreibung (decision 0035): goals and measures of the source edition go
// into the new edition in a fixed number of statements, whatever the size of the catalogue. This
// file imports no other service of the module, so concept.ts can call it without an import cycle.

/** Which statuses continue into a Fortschreibung: constants.ts (shared with the pages). */
export { CARRIED_STATUSES } from "../constants";

interface SourceGoal {
  id: string;
  parentId: string | null;
  kind: string;
  number: string;
  title: string;
  description: string | null;
  position: number;
}

/**
 * Copies the goal tree with its Handlungsfelder: ids are made here, so the whole tree is one INSERT
 * (a parent in the same statement satisfies the key, which PostgreSQL checks at the statement's end).
 * Returns the map from old to new goal id.
 */
export async function copyGoals(tx: Tx, sourceId: string, targetId: string): Promise<Map<string, string>> {
  const src = await rows<SourceGoal>(
    tx,
    sql`SELECT id, parent_id AS "parentId", kind, number, title, description, position
        FROM concept_goals WHERE edition_id = ${sourceId} ORDER BY position`,
  );
  const idMap = new Map(src.map((g) => [g.id, crypto.randomUUID()]));
  if (!src.length) return idMap;
  const copies = src.map((g) => ({
    id: idMap.get(g.id)!,
    parent_id: g.parentId ? idMap.get(g.parentId)! : null,
    kind: g.kind,
    number: g.number,
    title: g.title,
    description: g.description,
    position: g.position,
  }));
  await tx.execute(
    sql`INSERT INTO concept_goals (id, tenant_id, edition_id, parent_id, kind, number, title, description, position)
        SELECT x.id, app_tenant_id(), ${targetId}, x.parent_id, x.kind, x.number, x.title, x.description, x.position
        FROM jsonb_to_recordset(${JSON.stringify(copies)}::jsonb)
          AS x(id uuid, parent_id uuid, kind text, number text, title text, description text, position int)`,
  );
  await tx.execute(
    sql`INSERT INTO concept_goal_handlungsfelder (tenant_id, goal_id, handlungsfeld_id)
        SELECT app_tenant_id(), m.value::uuid, gh.handlungsfeld_id
        FROM concept_goal_handlungsfelder gh
        JOIN jsonb_each_text(${JSON.stringify(Object.fromEntries(idMap))}::jsonb) m ON m.key::uuid = gh.goal_id`,
  );
  return idMap;
}

/**
 * Carries the open measures (CARRIED_STATUSES) into the new edition, each pointing at its
 * predecessor, with its goals (mapped onto the copied ones), Handlungsfelder, lead and partners, the
 * links to papers (Vorlagen) and its open milestones. Its history (status changes, reports, done
 * milestones) stays on the predecessor; the copy gets one status entry saying where it came from.
 * The steering module's links (indicators, areas, targets) are not carried yet (decision 0035).
 */
export async function carryMeasures(
  tx: Tx,
  sourceId: string,
  targetId: string,
  goalMap: Map<string, string>,
  sourceTitle: string,
): Promise<number> {
  const carried = sql`(${sql.join(
    CARRIED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const made = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO concept_measures (tenant_id, edition_id, code, title, description, target_groups, starts_on, ends_on,
          quantitative_target, budget, status, progress, internal_note, example_note, position, predecessor_id)
        SELECT app_tenant_id(), ${targetId}, code, title, description, target_groups, starts_on, ends_on,
          quantitative_target, budget, status, progress, internal_note, example_note, position, id
        FROM concept_measures WHERE edition_id = ${sourceId} AND status IN ${carried}
        ORDER BY position, code
        RETURNING id`,
  );
  if (!made.length) return 0;
  // The carried measures and their predecessors, for the link copies below.
  const pairs = sql`SELECT id AS new_id, predecessor_id AS old_id FROM concept_measures WHERE edition_id = ${targetId} AND predecessor_id IS NOT NULL`;
  await tx.execute(
    sql`INSERT INTO concept_measure_goals (tenant_id, measure_id, goal_id)
        SELECT app_tenant_id(), p.new_id, m.value::uuid
        FROM (${pairs}) p JOIN concept_measure_goals mg ON mg.measure_id = p.old_id
        JOIN jsonb_each_text(${JSON.stringify(Object.fromEntries(goalMap))}::jsonb) m ON m.key::uuid = mg.goal_id`,
  );
  await tx.execute(
    sql`INSERT INTO concept_measure_handlungsfelder (tenant_id, measure_id, handlungsfeld_id)
        SELECT app_tenant_id(), p.new_id, mh.handlungsfeld_id
        FROM (${pairs}) p JOIN concept_measure_handlungsfelder mh ON mh.measure_id = p.old_id`,
  );
  await tx.execute(
    sql`INSERT INTO concept_measure_organisations (tenant_id, measure_id, organisation_id, role)
        SELECT app_tenant_id(), p.new_id, mo.organisation_id, mo.role
        FROM (${pairs}) p JOIN concept_measure_organisations mo ON mo.measure_id = p.old_id`,
  );
  await tx.execute(
    sql`INSERT INTO concept_measure_papers (tenant_id, paper_id, measure_id)
        SELECT app_tenant_id(), mp.paper_id, p.new_id
        FROM (${pairs}) p JOIN concept_measure_papers mp ON mp.measure_id = p.old_id`,
  );
  await tx.execute(
    sql`INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on)
        SELECT app_tenant_id(), p.new_id, ms.title, ms.due_on
        FROM (${pairs}) p JOIN concept_milestones ms ON ms.measure_id = p.old_id AND ms.done_on IS NULL AND ms.cancelled_on IS NULL`,
  );
  // Stored text like every status reason ("Maßnahme angelegt"); the page shows it as written.
  await tx.execute(
    sql`INSERT INTO concept_status_changes (tenant_id, measure_id, from_status, to_status, changed_on, actor_id, actor_label, reason)
        SELECT app_tenant_id(), m.id, NULL, m.status, ${todayBerlin()}::date, app_user_id(),
          coalesce(nullif(current_setting('app.actor_label', true), ''), 'System'),
          ${`Aus Fassung „${sourceTitle}“ fortgeführt`}
        FROM concept_measures m WHERE m.edition_id = ${targetId} AND m.predecessor_id IS NOT NULL`,
  );
  return made.length;
}

/**
 * The measures of an edition that continue one of an earlier edition (Fortschreibung), for modules
 * that keep their own links per measure (steering carries a measure's indicators and Stadtteile).
 */
export async function measureSuccessors(tx: Tx, editionId: string): Promise<{ id: string; predecessorId: string }[]> {
  return rows<{ id: string; predecessorId: string }>(
    tx,
    sql`SELECT id, predecessor_id AS "predecessorId" FROM concept_measures
      WHERE edition_id = ${editionId} AND predecessor_id IS NOT NULL`,
  );
}
