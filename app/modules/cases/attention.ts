// What of case work needs attention today, for the staff home (kernel/attention.ts). Counts only, never
// a name or a pseudonym, and through the same door as the case pages: the user's seat in a network
// through an institution of this tenant (mySeats, picked as routes/session.server.ts picks it), then
// the database's policies as that staff member (inCase → case_may()), so nothing is counted that the
// user could not list there. The kernel role does not matter: case work is the seat's. A count shows
// no client, so nothing is written to the access log; the pages behind the links ask for the second
// factor and log what they show – and a session that has not passed it sees no counts either.
import { sql } from "drizzle-orm";
import type { AttentionItem, AttentionModule } from "~/kernel/attention";
import { rows } from "~/kernel/db/context";
import { inCase, mySeats } from "./core/context";
import { listBreakGlass } from "./breakglass/service";

/** Who answers a referral to their institution (the trigger case_referral_check allows these). */
const ANSWERERS = ["coordination", "specialist", "lead"];

export const attention: AttentionModule["attention"] = async (tx, who) => {
  if (!who.secondFactor) return [];
  const [{ tenantId }] = await rows<{ tenantId: string }>(tx, sql`SELECT app_tenant_id()::text AS "tenantId"`);
  const seat = (await mySeats(tx)).find((s) => s.homeTenantId === tenantId);
  if (!seat) return [];
  return inCase(tx, { userId: who.userId, networkId: seat.networkId }, async (me) => {
    if (!me) return [];
    const [n] = await rows<{ referrals: number; overdue: number }>(
      tx,
      sql`SELECT
        -- Pending referrals to the institution, as the referrals page lists them (policies decide).
        (SELECT count(*)::int FROM case_referrals r JOIN case_clients c ON c.id = r.client_id
           WHERE r.to_institution_id = ${me.institutionId} AND r.state = 'in_progress') AS referrals,
        -- The user's own cases (those whose plan they write) with a step that should have begun.
        (SELECT count(DISTINCT s.client_id)::int FROM case_plan_steps s
           JOIN case_clients c ON c.id = s.client_id AND c.state = 'active'
           WHERE s.state = 'planned' AND s.planned_start < ${who.today}::date
             AND case_may(s.client_id, 'plan', 'write')) AS overdue`,
    );
    const glass = await listBreakGlass(tx, me);
    const item = (key: string, count: number, to: string, tone: AttentionItem["tone"]): AttentionItem => ({
      key: `cases.attention.${key}`,
      count,
      to: `fallarbeit${to}`,
      tone,
    });
    return [
      item("overdueSteps", n.overdue, "", "warning"),
      item("breakGlassApprove", glass.toApprove.length, "/notfallzugriff", "warning"),
      item("referrals", ANSWERERS.includes(me.role) ? n.referrals : 0, "/verweisungen", "info"),
      item("breakGlassReview", glass.toReview.length, "/notfallzugriff", "info"),
    ];
  });
};
