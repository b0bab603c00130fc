import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every concept table, each reference set, all in one tenant (decision 0013).
describeTenantReferences(
  "concept",
  schema,
  async (tx, tenant, index) => {
    const [org, hf, edition, theme, goal, measure, submission, next, carried, prior] = Array.from({ length: 10 }, () =>
      randomUUID(),
    );
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Verein', 'verein')`,
      sql`INSERT INTO taxonomy_terms (id, tenant_id, kind, code, name, short_name) VALUES (${hf}, ${tenant}, 'handlungsfeld', 'sprache', 'Sprache', 'S')`,
      sql`INSERT INTO concept_editions (id, tenant_id, title) VALUES (${edition}, ${tenant}, 'Konzept')`,
      sql`INSERT INTO concept_goals (id, tenant_id, edition_id, kind, number, title)
          VALUES (${theme}, ${tenant}, ${edition}, 'themenfeld', '1', 'Themenfeld')`,
      sql`INSERT INTO concept_goals (id, tenant_id, edition_id, parent_id, kind, number, title)
          VALUES (${goal}, ${tenant}, ${edition}, ${theme}, 'leitziel', '1.1', 'Leitziel')`,
      sql`INSERT INTO concept_goal_handlungsfelder (tenant_id, goal_id, handlungsfeld_id) VALUES (${tenant}, ${goal}, ${hf})`,
      // (edition_id, code) is the key: the other tenant's edition must lack the code pointed with.
      sql`INSERT INTO concept_measures (id, tenant_id, edition_id, code, title)
          VALUES (${measure}, ${tenant}, ${edition}, ${`M${index + 1}`}, 'Maßnahme')`,
      sql`INSERT INTO concept_measure_goals (tenant_id, measure_id, goal_id) VALUES (${tenant}, ${measure}, ${goal})`,
      sql`INSERT INTO concept_measure_handlungsfelder (tenant_id, measure_id, handlungsfeld_id)
          VALUES (${tenant}, ${measure}, ${hf})`,
      sql`INSERT INTO concept_measure_organisations (tenant_id, measure_id, organisation_id, role)
          VALUES (${tenant}, ${measure}, ${org}, 'lead')`,
      sql`INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on)
          VALUES (${tenant}, ${measure}, 'Start', '2026-01-01')`,
      sql`INSERT INTO concept_updates (tenant_id, measure_id, reported_on, body, author_label, organisation_id)
          VALUES (${tenant}, ${measure}, '2026-01-01', 'Bericht', 'Partner', ${org})`,
      sql`INSERT INTO concept_status_changes (tenant_id, measure_id, to_status, changed_on, actor_label, reason)
          VALUES (${tenant}, ${measure}, 'beschlossen', '2026-01-01', 'Rat', 'Beschluss')`,
      // The paper is the bodies module's (decision 0024); the link to it is the concept's.
      sql`INSERT INTO body_papers (id, tenant_id, number, title, submitted_on, lead_office, edition_id)
          VALUES (${submission}, ${tenant}, '1/2026', 'Vorlage', '2026-01-01', 'Amt 50', ${edition})`,
      sql`INSERT INTO concept_measure_papers (tenant_id, paper_id, measure_id)
          VALUES (${tenant}, ${submission}, ${measure})`,
      // A Fortschreibung (decision 0035): the next edition, a carried measure and an ended one.
      sql`INSERT INTO concept_editions (id, tenant_id, title) VALUES (${prior}, ${tenant}, 'Abgelöst')`,
      sql`INSERT INTO concept_editions (id, tenant_id, title, source_edition_id, replaces_edition_id)
          VALUES (${next}, ${tenant}, 'Fortschreibung', ${edition}, ${prior})`,
      sql`INSERT INTO concept_measures (id, tenant_id, edition_id, code, title, predecessor_id)
          VALUES (${carried}, ${tenant}, ${next}, ${`C${index + 1}`}, 'Maßnahme', ${measure})`,
      sql`INSERT INTO concept_measure_endings (tenant_id, edition_id, measure_id, reason, ended_on, actor_label)
          VALUES (${tenant}, ${next}, ${measure}, 'Nicht mehr nötig', '2026-01-01', 'Redaktion')`,
    ])
      await tx.execute(s);
  },
  [
    "concept_updates_organisation_id_fkey",
    "concept_editions_source_edition_id_fkey",
    "concept_editions_replaces_edition_id_fkey",
    "concept_measures_predecessor_id_fkey",
  ],
);
