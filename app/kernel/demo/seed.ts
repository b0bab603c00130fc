import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { withSystem, withTenant } from "../db/context";
import { LOCKS, withAdvisoryLock } from "../db/lock";
import { memberships, type Role } from "../db/schema";
import { createUser } from "../auth/service";
import { createTenant } from "../tenancy/service";
import { seedDemoLegal, seedDemoPlatformLegal } from "../legal/demo";
import type { TenantKind } from "../tenancy/laender";
import { createOrganisation, type OrganisationInput } from "../organisations/service";
import type { DemoLogin, DemoModule } from "../modules";

export type { DemoLogin };
import { applyPreset } from "../taxonomy/service";

export const DEMO_PASSWORD = "Teilhabe-Demo-2026";

interface DemoTenant {
  slug: string;
  name: string;
  kind: TenantKind;
  ags: string;
  parent?: string;
  users: Role[];
  organisations: OrganisationInput[];
  /** The organisation the demo partner account belongs to. */
  partnerOrg?: string;
  /** The preset of Handlungsfelder the tenant's taxonomy starts with (all get the target groups). */
  handlungsfelder: "aachen" | "hessen";
}

// Real bodies and associations named in the seeds; contact data is left out on purpose.
const TENANTS: DemoTenant[] = [
  {
    slug: "nrw",
    name: "Land Nordrhein-Westfalen",
    kind: "land",
    // No Hessian demo tenant: all four are in NRW and start from Aachen's fields (Köln's example concept uses them).
    handlungsfelder: "aachen",
    ags: "05",
    users: ["admin", "viewer"],
    organisations: [],
  },
  {
    slug: "staedteregion-aachen",
    name: "StädteRegion Aachen",
    kind: "kreis",
    handlungsfelder: "aachen",
    ags: "05334",
    parent: "nrw",
    users: ["admin", "editor"],
    organisations: [{ name: "Jobcenter StädteRegion Aachen", kind: "jobcenter" }],
  },
  {
    slug: "aachen",
    name: "Stadt Aachen",
    kind: "kommune",
    handlungsfelder: "aachen",
    ags: "05334002",
    parent: "staedteregion-aachen",
    users: ["admin", "editor", "partner", "viewer"],
    partnerOrg: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
    organisations: [
      { name: "Fachbereich Wohnen, Soziales und Integration", shortName: "FB 56", kind: "fachbereich" },
      { name: "Kommunales Integrationszentrum Aachen", shortName: "KI", kind: "fachbereich" },
      { name: "Integrationsrat der Stadt Aachen", kind: "politik" },
      { name: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.", kind: "wohlfahrtsverband" },
      { name: "Diakonisches Werk im Kirchenkreis Aachen e.V.", kind: "wohlfahrtsverband" },
      { name: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.", shortName: "AWO", kind: "wohlfahrtsverband" },
      { name: "Jobcenter StädteRegion Aachen", kind: "jobcenter" },
      { name: "Agentur für Arbeit Aachen-Düren", kind: "agentur_fuer_arbeit" },
      { name: "IHK Aachen", kind: "kammer" },
      { name: "Handwerkskammer Aachen", kind: "kammer" },
    ],
  },
  {
    slug: "koeln",
    name: "Stadt Köln",
    kind: "kommune",
    handlungsfelder: "aachen",
    ags: "05315000",
    parent: "nrw",
    users: ["admin", "editor", "partner", "viewer"],
    partnerOrg: "Kölner Flüchtlingsrat e.V.",
    organisations: [
      { name: "Amt für Integration und Vielfalt", kind: "fachbereich" },
      { name: "Amt für Stadtentwicklung und Statistik", kind: "fachbereich" },
      { name: "Kölner Flüchtlingsrat e.V.", kind: "verein" },
      { name: "Integrationsrat der Stadt Köln", kind: "politik" },
    ],
  },
];

export function demoLogins(): DemoLogin[] {
  const out: DemoLogin[] = [
    {
      email: "plattform@example.org",
      password: DEMO_PASSWORD,
      description: "Plattform-Administration (alle Mandanten)",
      role: "superadmin",
    },
  ];
  for (const t of TENANTS)
    for (const r of t.users) {
      out.push({
        email: `${r}.${t.slug}@example.org`,
        password: DEMO_PASSWORD,
        description: `${t.name}: ${r}`,
        tenant: t.slug,
        role: r,
      });
    }
  return out;
}

/**
 * Loads the kernel's demo tenants, accounts and organisations, then the modules' demo data:
 * `modules` are their loaders in running order (the registry passes them; the kernel knows no module).
 */
export async function seedDemo(
  db: Database,
  log: (m: string) => void = () => {},
  opts: { modules?: readonly (() => Promise<DemoModule>)[] } = {},
) {
  const ids = new Map<string, string>();
  await withSystem(db, async (tx) => {
    await createUser(tx, {
      email: "plattform@example.org",
      displayName: "Plattform-Administration",
      password: DEMO_PASSWORD,
      isSuperadmin: true,
    });
    for (const t of TENANTS) {
      const tenant = await createTenant(tx, {
        slug: t.slug,
        name: t.name,
        kind: t.kind,
        ags: t.ags,
        parentSlug: t.parent,
      });
      ids.set(t.slug, tenant.id);
    }
  });
  for (const t of TENANTS) {
    const tenantId = ids.get(t.slug)!;
    const orgIds = await withTenant(db, { tenantId, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
      const m = new Map<string, string>();
      for (const o of t.organisations) {
        const r = await createOrganisation(tx, o);
        if (r.ok) m.set(o.name, r.organisation.id);
      }
      // One taxonomy for concept, monitoring and atlas (decision 0037).
      await applyPreset(tx, t.handlungsfelder);
      await applyPreset(tx, "zielgruppen");
      await seedDemoLegal(tx, t.name);
      return m;
    });
    await withSystem(db, async (tx) => {
      for (const role of t.users) {
        const u = await createUser(tx, {
          email: `${role}.${t.slug}@example.org`,
          displayName: `Demo ${role} (${t.name})`,
          password: DEMO_PASSWORD,
        });
        await tx.insert(memberships).values({
          tenantId,
          userId: u.id,
          role,
          organisationId: role === "partner" ? (orgIds.get(t.partnerOrg!) ?? null) : null,
        });
      }
    });
  }
  await seedDemoPlatformLegal(db);
  log(`Demodaten: ${TENANTS.length} Mandanten, ${demoLogins().length} Zugänge`);
  for (const load of opts.modules ?? []) await (await load()).seedDemo(db, log);
}

/** First run only: an installation that has any tenant is left alone. */
export async function seedDemoIfEmpty(
  db: Database,
  log: (m: string) => void = () => {},
  opts: { modules?: readonly (() => Promise<DemoModule>)[] } = {},
): Promise<boolean> {
  // Instances starting together on an empty database would each load the demo; the lock lets the
  // first load it and the others then find tenants.
  return withAdvisoryLock(db, LOCKS.demo, async () => {
    const [{ n }] = await withSystem(
      db,
      async (tx) =>
        (await tx.execute(sql`SELECT count(*)::int AS n FROM tenants`)) as unknown as { rows: { n: number }[] },
    ).then((r) => r.rows);
    if (n > 0) return false;
    await seedDemo(db, log, opts);
    return true;
  });
}
