// What of participation needs attention today, for the staff home (kernel/attention.ts): citizens'
// comments on open drafts that nobody has answered or hidden yet (editors answer them).
import { sql } from "drizzle-orm";
import type { AttentionModule } from "~/kernel/attention";
import { rows } from "~/kernel/db/context";
import { roleAtLeast } from "~/kernel/roles";

export const attention: AttentionModule["attention"] = async (tx, who) => {
  if (!roleAtLeast(who.role, "editor")) return [];
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM participation_draft_comments c
        JOIN participation_drafts d ON d.id = c.draft_id AND d.status = 'open'
        WHERE NOT c.hidden AND c.answer IS NULL`,
  );
  return [{ key: "participation.attention.unanswered", count: n, to: "beteiligung", tone: "info" }];
};
