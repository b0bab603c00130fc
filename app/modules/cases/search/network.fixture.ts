import { withSystem } from "~/kernel/db/context";
import type { Database } from "~/kernel/db/client";
import { users } from "~/kernel/db/schema";
import { tenantIds } from "../../../../tests/support/db";
import { addInstitution, addSite, addStaff, createNetwork } from "../core/network";
import type { CaseRole, InstitutionKind } from "../core/schema";

// A small network for the privacy slice's tests: Jobcenter and Sozialamt with case workers at two
// sites, and every role that must not search. Test-only (imported by *.db.test.ts files).

export const PEOPLE = {
  jobcenter: { kind: "jobcenter", role: "coordination", site: 0 },
  sozialamt: { kind: "sozialamt", role: "specialist", site: 1 },
  lead: { kind: "jobcenter", role: "lead", site: null },
  abh: { kind: "auslaenderbehoerde", role: "specialist", site: 0 },
  volunteer: { kind: "volunteer_network", role: "volunteer", site: 0 },
  dpo: { kind: "jobcenter", role: "dpo", site: null },
  auditor: { kind: "jobcenter", role: "auditor", site: null },
} as const satisfies Record<string, { kind: InstitutionKind; role: CaseRole; site: 0 | 1 | null }>;
export type Person = keyof typeof PEOPLE;

const NAMES: Record<InstitutionKind, string> = {
  jobcenter: "Jobcenter StädteRegion Aachen",
  sozialamt: "Sozialamt Stadt Aachen",
  auslaenderbehoerde: "Ausländerbehörde StädteRegion Aachen",
  volunteer_network: "Ehrenamtsnetz Aachen",
  agentur_fuer_arbeit: "Agentur für Arbeit Aachen",
  jugendamt: "Jugendamt Stadt Aachen",
  ihk: "IHK Aachen",
  hwk: "HWK Aachen",
  provider: "Träger",
};

export interface TestNetwork {
  networkId: string;
  users: Record<Person, string>;
  institutions: Partial<Record<InstitutionKind, string>>;
}

/** Creates a network named `name` with one staff member per entry of PEOPLE. */
export async function makeNetwork(db: Database, name: string): Promise<TestNetwork> {
  const t = await tenantIds(db);
  return withSystem(db, async (tx) => {
    const networkId = await createNetwork(tx, { hostTenantId: t["staedteregion-aachen"], name });
    const sites = [
      await addSite(tx, networkId, { name: "Aachen", postcode: "52062" }),
      await addSite(tx, networkId, { name: "Alsdorf", postcode: "52477" }),
    ];
    const institutions: Partial<Record<InstitutionKind, string>> = {};
    const usersBy = {} as Record<Person, string>;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    for (const [person, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      institutions[p.kind] ??= await addInstitution(tx, networkId, {
        tenantId: t[p.kind === "sozialamt" ? "aachen" : "staedteregion-aachen"],
        kind: p.kind,
        name: NAMES[p.kind],
        contact: `Tel. 0241 000-${Object.keys(institutions).length + 1}`,
        siteIds: sites,
      });
      const [u] = await tx
        .insert(users)
        .values({ email: `${person}@${slug}.example.org`, displayName: person })
        .returning();
      usersBy[person] = u.id;
      await addStaff(tx, networkId, {
        userId: u.id,
        institutionId: institutions[p.kind]!,
        siteId: p.site === null ? null : sites[p.site],
        role: p.role,
      });
    }
    return { networkId, users: usersBy, institutions };
  });
}
