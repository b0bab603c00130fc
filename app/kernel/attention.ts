// What needs attention today (issue 18 item 1: "a staff home that says what needs attention today, per
// role"): the staff home asks every module that contributes `attention` in its manifest, without
// importing any of them, as the area profile does with areaContents. Each module counts its own work –
// reports waiting for review, overdue milestones, offers waiting for approval, a concept about to lose
// its funding – for the role the user has in the tenant, and says where to act.
import type { Tx } from "./db/client";
import type { Role } from "./roles";

export interface AttentionItem {
  /** i18n key of the sentence; it receives `count` (and `vars`). */
  key: string;
  count: number;
  vars?: Record<string, string | number>;
  /** Where to act, below /t/:slug/verwaltung/ ("" for the staff home itself). */
  to: string;
  /** "warning": late or at risk; "info": work that waits for this role. */
  tone: "warning" | "info";
}

export interface AttentionWho {
  role: Role;
  userId: string;
  organisationId: string | null;
  /** The day in Europe/Berlin, as YYYY-MM-DD. */
  today: string;
  /** Whether this session passed the second factor (or single sign-on did), as requireSecondFactor asks. */
  secondFactor: boolean;
}

export interface AttentionModule {
  /** Only items with something to do: a count of 0 is left out. */
  attention(tx: Tx, who: AttentionWho): Promise<AttentionItem[]>;
}

export type Attention = AttentionModule["attention"];

/** Joins the modules' contributions (loaded on first use): warnings first, each module's order kept. */
export function joinAttention(loaders: readonly (() => Promise<AttentionModule>)[]): Attention {
  return async (tx, who) => {
    const all: AttentionItem[] = [];
    for (const load of loaders) all.push(...(await (await load()).attention(tx, who)));
    const shown = all.filter((i) => i.count > 0);
    return [...shown.filter((i) => i.tone === "warning"), ...shown.filter((i) => i.tone !== "warning")];
  };
}
