// What of the atlas needs attention today, for the staff home (kernel/attention.ts): submissions
// waiting for approval (editors) and entries whose address is not on the map (whoever may fix them).
import type { AttentionItem, AttentionModule } from "~/kernel/attention";
import { roleAtLeast } from "~/kernel/roles";
import { countUnlocatedEntries, moderationQueue } from "./service";

export const attention: AttentionModule["attention"] = async (tx, who) => {
  const items: AttentionItem[] = [];
  if (roleAtLeast(who.role, "editor"))
    items.push({
      key: "atlas.attention.moderation",
      count: (await moderationQueue(tx)).length,
      to: "angebote/freigabe",
      tone: "info",
    });
  const actor = { role: who.role, organisationId: who.organisationId, userId: who.userId };
  items.push({
    key: "atlas.attention.unlocated",
    count: await countUnlocatedEntries(tx, actor),
    to: "angebote",
    tone: "info",
  });
  return items;
};
