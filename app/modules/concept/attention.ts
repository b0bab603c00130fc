// What of the concept needs attention today, for the staff home (kernel/attention.ts). Counts only:
// the pages that list the things are one link away.
import type { AttentionItem, AttentionModule } from "~/kernel/attention";
import { roleAtLeast } from "~/kernel/roles";
import { currentEdition, fundingFreshness, getAdoptedEdition, getSettings } from "./services/concept";
import { countMeasures, pendingUpdates } from "./services/measures";

export const attention: AttentionModule["attention"] = async (tx, who) => {
  const items: AttentionItem[] = [];
  const edition = await currentEdition(tx);
  if (roleAtLeast(who.role, "editor")) {
    const [settings, adopted, pending] = await Promise.all([
      getSettings(tx),
      getAdoptedEdition(tx),
      pendingUpdates(tx),
    ]);
    const f = fundingFreshness(settings.threeYearRule, adopted?.adoptedOn, who.today);
    if (f.applies && f.state !== "ok")
      items.push({
        key: `concept.attention.funding.${f.state}`,
        count: 1,
        vars: { until: f.validUntil ?? "", days: f.daysLeft ?? 0 },
        to: "konzept",
        tone: "warning",
      });
    items.push({ key: "concept.attention.pendingReports", count: pending.length, to: "konzept", tone: "info" });
  }
  if (!edition) return items;
  // A partner sees the measures its organisation takes part in; staff see all.
  const scope =
    who.role === "partner"
      ? { participantOrganisationId: who.organisationId ?? "00000000-0000-0000-0000-000000000000" }
      : {};
  const [overdue, stale] = await Promise.all([
    countMeasures(tx, { editionId: edition.id, today: who.today, overdue: true, ...scope }),
    countMeasures(tx, { editionId: edition.id, today: who.today, stale: true, ...scope }),
  ]);
  items.push({ key: "concept.attention.overdue", count: overdue, to: "massnahmen?overdue=1", tone: "warning" });
  items.push({ key: "concept.attention.stale", count: stale, to: "massnahmen?stale=1", tone: "info" });
  return items;
};
