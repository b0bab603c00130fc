import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { includeMemberTenants, rows } from "~/kernel/db/context";
import { landOf, type TenantKind } from "~/kernel/tenancy/laender";
import { fundingFreshness, type Freshness } from "~/modules/concept";

export interface MemberConcept {
  slug: string;
  name: string;
  kind: TenantKind;
  /** The Kreis (or Land) the municipality belongs to directly. */
  parent: string | null;
  edition: { title: string; adoptedOn: string | null; adoptedBy: string | null } | null;
  /** The member's Land (from its AGS); the three-year rule is judged only where that Land has it. */
  land: string | null;
  freshness: Freshness;
}

const ORDER: Record<Freshness["state"], number> = { expired: 0, none: 1, warning: 2, ok: 3 };
/** A member whose Land has no three-year rule comes after every judged one. */
const rank = (f: Freshness) => (f.applies ? ORDER[f.state] : 4);

/**
 * The adopted concept of every public municipality below this tenant (a Land: its Kreise and their
 * towns; a Kreis: its towns), judged by the three-year rule where their Land has it (NRW) – past the rule
 * first, then those without an adopted concept, then those whose rule runs out within six months.
 * One statement; the member rows are read through row-level security (decision 0036).
 */
export async function memberConcepts(tx: Tx, today: string): Promise<MemberConcept[]> {
  await includeMemberTenants(tx);
  const r = await rows<{
    slug: string;
    name: string;
    kind: MemberConcept["kind"];
    ags: string;
    parent: string | null;
    title: string | null;
    adopted_on: string | null;
    adopted_by: string | null;
  }>(
    tx,
    sql`SELECT t.slug, t.name, t.kind, t.ags, p.name AS parent, e.title, e.adopted_on::text, e.adopted_by
      FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id
      LEFT JOIN concept_editions e ON e.tenant_id = t.id AND e.status = 'beschlossen'
      WHERE t.id = ANY (app_member_tenants())`,
  );
  return r
    .map((x) => ({
      slug: x.slug,
      name: x.name,
      kind: x.kind,
      parent: x.parent,
      edition: x.title === null ? null : { title: x.title, adoptedOn: x.adopted_on, adoptedBy: x.adopted_by },
      land: landOf(x.ags)?.name ?? null,
      freshness: fundingFreshness(landOf(x.ags)?.rules.threeYearRule ?? false, x.adopted_on, today),
    }))
    .sort(
      (a, b) =>
        rank(a.freshness) - rank(b.freshness) ||
        (a.freshness.validUntil ?? "").localeCompare(b.freshness.validUntil ?? "") ||
        a.name.localeCompare(b.name, "de"),
    );
}
