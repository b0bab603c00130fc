import type { Database } from "~/kernel/db/client";
import type { ValueState } from "~/kernel/disclosure";
import { withTenant } from "~/kernel/db/context";
import { listMemberTenants } from "~/kernel/tenancy/service";
import { CORE_SET } from "../catalogue";
import { definitionKeys, leafDefinitions } from "./definitions";
import { listIndicators, type Indicator } from "./indicators";
import { indicatorValues, sourcesOf } from "./values";

const PUBLIC = { userId: null, label: "öffentlich" };

/** The core indicators a Land or Kreis can compare: the catalogue's, except plain counts of persons. */
export const COMPARABLE = CORE_SET.filter((i) => i.unit !== "Personen").map((i) => ({
  code: i.code,
  name: i.name,
  coreSet: true,
}));
const REFERENCE_KEYS = definitionKeys(CORE_SET);

export type MemberValue = { period: string; value: number | null; suppressed: boolean; state: ValueState };
export type MemberRow = {
  slug: string;
  name: string;
  /** The member's own indicator, where its code differs from the catalogue's. */
  code: string;
  indicatorName: string;
  /** Whether the member's own indicator is of the core set (its name may be translated; texts.ts). */
  indicatorCore: boolean;
  unit: string;
  values: MemberValue[];
};
/**
 * Why a member is not in the comparison: its indicator of that code rests on another definition,
 * declares none, it publishes nothing of that definition, or nothing for the city as a whole.
 */
export type NotCompared = {
  slug: string;
  name: string;
  reason: "different" | "undeclared" | "missing" | "noData";
  code?: string;
  definition?: string | null;
};

/** The member's public indicator with the reference definition: the same code first, else the first by name. */
export function matchIndicator(
  own: readonly Indicator[],
  code: string,
): { match: Indicator } | { reason: NotCompared["reason"]; same?: Indicator; definition?: string } {
  const ref = REFERENCE_KEYS.get(code);
  const keys = definitionKeys(own);
  const candidates = own.filter((i) => i.isPublic && ref && keys.get(i.code) === ref);
  const match = candidates.find((i) => i.code === code) ?? candidates[0];
  if (match) return { match };
  const same = own.find((i) => i.code === code && i.isPublic);
  if (!same) return { reason: "missing" };
  return keys.get(same.code)
    ? { reason: "different", same, definition: leafDefinitions(own, same.code).join("; ") }
    : { reason: "undeclared", same };
}

/**
 * The members of this tenant (Land or Kreis) that publish an indicator with the catalogue indicator's
 * definition, with their city values, and the others with the reason. Each member is read in its own
 * tenant transaction with public visibility only: two statements for its indicators and the values.
 */
export async function compareMembers(db: Database, tenantId: string, code: string) {
  const members = await withTenant(db, { tenantId, actor: PUBLIC }, (tx) => listMemberTenants(tx));
  const rows: MemberRow[] = [];
  const notCompared: NotCompared[] = [];
  const sources = new Set<string>();
  for (const m of members)
    await withTenant(db, { tenantId: m.id, actor: PUBLIC }, async (tx) => {
      const found = matchIndicator(await listIndicators(tx), code);
      if (!("match" in found)) {
        notCompared.push({
          slug: m.slug,
          name: m.name,
          reason: found.reason,
          code: found.same?.code,
          definition: found.definition,
        });
        return;
      }
      const ind = found.match;
      const cells = await indicatorValues(tx, ind, { level: "stadt", group: "gesamt" }, { reveal: false });
      if (!cells.length) {
        notCompared.push({ slug: m.slug, name: m.name, reason: "noData", code: ind.code });
        return;
      }
      sourcesOf(cells).forEach((s) => sources.add(`${m.name}: ${s}`));
      rows.push({
        slug: m.slug,
        name: m.name,
        code: ind.code,
        indicatorName: ind.name,
        indicatorCore: ind.coreSet,
        unit: ind.unit,
        values: cells.map((c) => ({ period: c.period, value: c.value, suppressed: c.suppressed, state: c.state })),
      });
    });
  const periods = [...new Set(rows.flatMap((r) => r.values.map((v) => v.period)))].sort();
  return { members: members.map((m) => m.name), rows, notCompared, periods, sources: [...sources] };
}
