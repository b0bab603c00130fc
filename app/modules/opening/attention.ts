// What of the intercultural opening needs attention today, for the staff home (kernel/attention.ts).
// Editors run the mediator pool, the seal, the surveys and the review of the partners' reports, so only
// they are told: requests waiting for a mediator, assignments whose hours are missing, seals to be
// re-certified, seal applications without agreed milestones and overdue seal milestones, surveys past
// their closing day that are still open, and (a Land's) partner reports waiting for review.
import { sql } from "drizzle-orm";
import type { AttentionItem, AttentionModule } from "~/kernel/attention";
import { rows } from "~/kernel/db/context";
import { roleAtLeast } from "~/kernel/roles";
import { listSealCases } from "./seal/service";

export const attention: AttentionModule["attention"] = async (tx, who) => {
  if (!roleAtLeast(who.role, "editor")) return [];
  const [[n], seals] = await Promise.all([
    rows<{ open: number; hours: number; milestones: number; surveys: number; reports: number }>(
      tx,
      sql`SELECT
        (SELECT count(*)::int FROM opening_mediation_requests WHERE status = 'open') AS open,
        (SELECT count(*)::int FROM opening_mediation_requests WHERE status = 'assigned' AND on_date < ${who.today}::date) AS hours,
        (SELECT count(*)::int FROM opening_seal_milestones m
           WHERE m.done_on IS NULL AND m.due_on < ${who.today}::date
             AND NOT EXISTS (SELECT 1 FROM opening_seal_awards a WHERE a.case_id = m.case_id)) AS milestones,
        (SELECT count(*)::int FROM opening_surveys WHERE status = 'open' AND closes_on < ${who.today}::date) AS surveys,
        -- The partner network is the Land's (its pages answer 404 elsewhere).
        (SELECT count(*)::int FROM opening_partner_reports WHERE status = 'submitted'
           AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = app_tenant_id() AND t.kind = 'land')) AS reports`,
    ),
    listSealCases(tx, who.today),
  ]);
  const state = (s: string) => seals.filter((c) => c.state === s).length;
  const item = (key: string, count: number, to: string, tone: AttentionItem["tone"]): AttentionItem => ({
    key: `opening.attention.${key}`,
    count,
    to: `oeffnung/${to}`,
    tone,
  });
  return [
    item("sealReminder", state("reminder_due"), "siegel", "warning"),
    item("sealMilestones", n.milestones, "siegel", "warning"),
    item("mediationOpen", n.open, "sprachmittlung/anfragen", "info"),
    item("mediationHours", n.hours, "sprachmittlung/anfragen", "info"),
    item("sealApplied", state("applied"), "siegel", "info"),
    item("surveysToClose", n.surveys, "befragungen", "info"),
    item("partnerReports", n.reports, "partner", "info"),
  ];
};
