// The participation module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries). Kept small on purpose: what the council report (steering, decision
// 0034) needs – the results of the processes of a period as the public may see them. Server-only.
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { ProcessKind } from "./data/templates";
import type { Outcome } from "./schema";

export interface PeriodProcess {
  id: string;
  kind: ProcessKind;
  title: string;
  status: "published" | "closed";
  /** First and last day of its phases (null without dated phases). */
  startsOn: string | null;
  endsOn: string | null;
  /** The named contact, as stored. */
  contactName: string | null;
  decidingBody: string | null;
  /** The results text the process published. */
  results: string | null;
  exampleNote: string | null;
  /** Proposals and recommendations by what became of them (null: no outcome recorded yet). */
  outcomes: { outcome: Outcome | null; count: number }[];
  /** Proposals and recommendations with an answer other than "eingegangen"/"in Prüfung", with the reason given. */
  answered: { seq: number; body: string; outcome: Outcome; reason: string | null }[];
}

/**
 * The published or closed processes whose phases touch the period [from, to] (ISO days), oldest
 * first, with their results and the answers to their proposals. Drafts never; no author labels, no
 * invitees (what the public page shows, decision 0025).
 */
export async function periodResults(tx: Tx, from: string, to: string): Promise<PeriodProcess[]> {
  const processes = await rows<Omit<PeriodProcess, "outcomes" | "answered">>(
    tx,
    sql`SELECT p.id, p.kind, p.title, p.status, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
          p.contact_name AS "contactName", p.deciding_body_name AS "decidingBody", p.results,
          p.example_note AS "exampleNote"
        FROM participation_processes p
        LEFT JOIN LATERAL (SELECT min(starts_on) AS starts_on, max(coalesce(ends_on, starts_on)) AS ends_on
                           FROM participation_phases ph WHERE ph.process_id = p.id) s ON true
        WHERE p.status IN ('published', 'closed')
          AND (s.starts_on IS NULL OR (s.starts_on <= ${to}::date AND s.ends_on >= ${from}::date))
          AND (s.starts_on IS NOT NULL OR p.published_at::date BETWEEN ${from}::date AND ${to}::date)
        ORDER BY s.starts_on NULLS LAST, p.title`,
  );
  if (!processes.length) return [];
  const ids = sql.join(
    processes.map((p) => sql`${p.id}::uuid`),
    sql`, `,
  );
  const cards = await rows<{
    processId: string;
    seq: number;
    body: string;
    outcome: Outcome | null;
    reason: string | null;
  }>(
    tx,
    sql`SELECT c.process_id AS "processId", c.seq, c.body, c.outcome, c.outcome_reason AS reason
        FROM participation_cards c
        WHERE c.process_id IN (${ids}) AND c.kind IN ('proposal', 'recommendation')
        ORDER BY c.seq`,
  );
  return processes.map((p) => {
    const own = cards.filter((c) => c.processId === p.id);
    const counts = new Map<Outcome | null, number>();
    for (const c of own) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
    return {
      ...p,
      outcomes: [...counts].map(([outcome, count]) => ({ outcome, count })),
      answered: own
        .filter((c) => c.outcome && c.outcome !== "eingegangen" && c.outcome !== "in_pruefung")
        .map((c) => ({ seq: c.seq, body: c.body, outcome: c.outcome!, reason: c.reason })),
    };
  });
}
