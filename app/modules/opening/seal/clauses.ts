import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";

// The job-ad clause library (issue 15 item 8). The built-in clauses are seeded into every tenant by
// migration 0761 (verbatim, with seed file and lines); a tenant adds its own and may delete only those.

const E = "opening.clauses.errors";
export const ClauseInput = z.object({
  body: z.string().trim().min(1, `${E}.required`).max(2000, `${E}.tooLong`),
  sourceLabel: z.string().trim().min(1, `${E}.required`).max(200, `${E}.tooLong`),
});

export interface Clause {
  id: string;
  builtinKey: string | null;
  body: string;
  sourceLabel: string;
  sourceFile: string | null;
  lineFrom: number | null;
  lineTo: number | null;
}

export async function listClauses(tx: Tx): Promise<Clause[]> {
  return rows<Clause>(
    tx,
    sql`SELECT id, builtin_key AS "builtinKey", body, source_label AS "sourceLabel", source_file AS "sourceFile",
          line_from AS "lineFrom", line_to AS "lineTo"
        FROM opening_job_ad_clauses ORDER BY builtin_key IS NULL, position, created_at, body`,
  );
}

export async function addClause(tx: Tx, input: z.input<typeof ClauseInput>): Promise<Result<{ id: string }>> {
  const c = ClauseInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_job_ad_clauses (tenant_id, body, source_label, position)
        VALUES (app_tenant_id(), ${c.body}, ${c.sourceLabel},
          (SELECT coalesce(max(position), 0) + 1 FROM opening_job_ad_clauses)) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_job_ad_clause", entityId: r.id, after: c });
  return ok({ id: r.id });
}

/** Deletes one of the tenant's own clauses; a built-in one stays. */
export async function deleteClause(tx: Tx, id: string): Promise<Result<undefined>> {
  if (!z.uuid().safeParse(id).success) return fail(`${E}.notFound`);
  const [r] = await rows<{ builtin_key: string | null; body: string }>(
    tx,
    sql`SELECT builtin_key, body FROM opening_job_ad_clauses WHERE id = ${id}`,
  );
  if (!r) return fail(`${E}.notFound`);
  if (r.builtin_key) return fail(`${E}.builtin`);
  await tx.execute(sql`DELETE FROM opening_job_ad_clauses WHERE id = ${id}`);
  await audit(tx, { action: "delete", entity: "opening_job_ad_clause", entityId: id, before: r });
  return ok(undefined);
}
