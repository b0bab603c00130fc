import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every training table, each reference set, all in one tenant (decision 0013).
describeTenantReferences("opening/trainings", schema, async (tx, tenant, index) => {
  const [course, session] = [randomUUID(), randomUUID()];
  for (const s of [
    sql`INSERT INTO opening_training_courses (id, tenant_id, title) VALUES (${course}, ${tenant}, 'Kurs')`,
    sql`INSERT INTO opening_training_sessions (id, tenant_id, course_id, held_on, place, eval_code)
        VALUES (${session}, ${tenant}, ${course}, '2018-03-01', 'Rathaus', ${index ? "BBBBBBBB" : "AAAAAAAA"})`,
    sql`INSERT INTO opening_training_participants (tenant_id, session_id, unit, participants) VALUES (${tenant}, ${session}, ${index ? "FB 20" : "FB 56"}, 3)`,
    sql`INSERT INTO opening_training_evaluations (tenant_id, session_id, question, mark) VALUES (${tenant}, ${session}, 'insights', 1)`,
  ])
    await tx.execute(s);
});
