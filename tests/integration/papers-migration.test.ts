import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { migrate } from "~/kernel/db/migrate";
import { modules } from "~/registry.server";

// Migration 0510 (decision 0024) moves the concept's Vorlagen into the bodies module: an installation
// that has them keeps them, with their ids, steps and measure links. Runs on PGlite in memory.
const sources = modules.flatMap((m) => (m.migrations ? [m.migrations] : []));

describe("migration 0510", () => {
  it("moves the concept's Vorlagen with their ids, steps and measure links into bodies' papers", async () => {
    const old = await openDatabase({ dataDir: "memory://" });
    try {
      // Every migration before 0510: an installation that has the concept's Vorlagen.
      await migrate(
        old,
        sources.map((files) => Object.fromEntries(Object.entries(files).filter(([p]) => p.split("/").pop()! < "0510"))),
      );
      const [t, ed, sub, step, measure] = [
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000003",
        "00000000-0000-4000-8000-000000000004",
        "00000000-0000-4000-8000-000000000005",
      ];
      await withSystem(old, async (tx) => {
        for (const s of [
          sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${t}, 'alt', 'Alt', 'kommune', '05334002')`,
          sql`INSERT INTO concept_editions (id, tenant_id, title) VALUES (${ed}, ${t}, 'Konzept')`,
          sql`INSERT INTO concept_measures (id, tenant_id, edition_id, code, title) VALUES (${measure}, ${t}, ${ed}, 'M1', 'M')`,
          sql`INSERT INTO concept_submissions (id, tenant_id, number, title, submitted_on, status, lead_office, decision, attachments, edition_id)
              VALUES (${sub}, ${t}, '1/2017', 'Vorlage', '2017-03-10', 'nichtöffentlich', 'FB 56', 'Beschluss', '["Anlage 1"]', ${ed})`,
          sql`INSERT INTO concept_submission_steps (id, tenant_id, submission_id, meets_on, body, body_short, competence, outcome, position)
              VALUES (${step}, ${t}, ${sub}, '2017-04-27', 'Ausschuss', 'SGA', 'entscheidung', 'beschlossen wie vorgelegt', 1)`,
          sql`INSERT INTO concept_submission_measures (tenant_id, submission_id, measure_id) VALUES (${t}, ${sub}, ${measure})`,
        ])
          await tx.execute(s);
      });
      await migrate(old, sources);
      await withSystem(old, async (tx) => {
        expect(
          await rows(
            tx,
            sql`SELECT id, number, is_public, lead_office, decision, attachments, edition_id FROM body_papers`,
          ),
        ).toEqual([
          {
            id: sub,
            number: "1/2017",
            is_public: false,
            lead_office: "FB 56",
            decision: "Beschluss",
            attachments: ["Anlage 1"],
            edition_id: ed,
          },
        ]);
        expect(
          await rows(
            tx,
            sql`SELECT id, paper_id, body_id, body_name, body_short, meets_on::text, competence, position, resolution, result
                FROM body_consultations`,
          ),
        ).toEqual([
          {
            id: step,
            paper_id: sub,
            body_id: null,
            body_name: "Ausschuss",
            body_short: "SGA",
            meets_on: "2017-04-27",
            competence: "entscheidung",
            position: 1,
            resolution: "beschlossen wie vorgelegt",
            result: null,
          },
        ]);
        expect(await rows(tx, sql`SELECT paper_id, measure_id FROM concept_measure_papers`)).toEqual([
          { paper_id: sub, measure_id: measure },
        ]);
        const [gone] = await rows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('concept_submissions', 'concept_submission_steps', 'concept_submission_measures')`,
        );
        expect(gone.n).toBe(0);
      });
    } finally {
      await old.close();
    }
  });
});
