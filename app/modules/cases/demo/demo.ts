import "./strings";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { memberships, secondFactors } from "~/kernel/db/schema";
import { createUser, findUserByEmail } from "~/kernel/auth/service";
import { base32Encode } from "~/kernel/auth/totp";
import { DEMO_PASSWORD, type DemoLogin } from "~/kernel/demo/seed";
import { getT } from "~/kernel/i18n";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import type { Result } from "~/kernel/errors";
import { withCase, type Me } from "../core/context";
import { intakeClient, writeCategory } from "../core/clients";
import { approveLegalBasis, recordConsent, requestLegalBasis } from "../core/bases";
import type { RESIDENCE_TITLES } from "../core/documents";
import { addInstitution, addSite, addStaff, createNetwork } from "../core/network";
import type { CaseRole, InstitutionKind } from "../core/schema";
import { networks } from "../core/schema";
import { publishQuarter } from "../aggregates/service";
import { referClient } from "../plans/referrals";
import { addStep, updateStep } from "../plans/steps";

// The demo network (issue 16 item 7): the Integration Point of the StädteRegion Aachen and the Stadt
// Aachen as the Vorlage FB 50/0144/WP17 of 24.03.2016 describes it (seed 002): four sites Aachen,
// Alsdorf, Eschweiler, Simmerath (002:204–206); the Jobcenter StädteRegion Aachen, the Agentur für
// Arbeit Aachen-Düren, IHK and HWK (002:190–192, 200–202); the städteregionale Ausländerbehörde and
// the Jugendamt and Sozialamt of the Stadt Aachen (002:232); providers and volunteer networks of the
// refugee aid (002:286–288, 337). Staff accounts and clients are invented; every client is a
// "Beispiel-…" person taken in through the core services, so the data is encrypted like real data.

export const DEMO_NETWORK = "Integration Point StädteRegion Aachen";
const FOUNDING =
  "Vorlage FB 50/0144/WP17 der Stadt Aachen vom 24.03.2016: Schaffung eines Integration Point in der Stadt Aachen zur Vermittlung von Flüchtlingen in Ausbildung und Arbeit (Gemeinsame Erklärung zur Einrichtung von Integration Points in der StädteRegion Aachen, Januar 2016)";

const SITES = [
  { name: "Aachen", postcode: "52062" },
  { name: "Alsdorf", postcode: "52477" },
  { name: "Eschweiler", postcode: "52249" },
  { name: "Simmerath", postcode: "52152" },
] as const;
type SiteName = (typeof SITES)[number]["name"];

type InstitutionKey =
  "jobcenter" | "agentur" | "abh" | "jugendamt" | "sozialamt" | "ihk" | "hwk" | "provider" | "ehrenamt";
const INSTITUTIONS: {
  key: InstitutionKey;
  tenant: "staedteregion-aachen" | "aachen";
  kind: InstitutionKind;
  name: string;
  sites: readonly SiteName[];
}[] = [
  {
    key: "jobcenter",
    tenant: "staedteregion-aachen",
    kind: "jobcenter",
    name: "Jobcenter StädteRegion Aachen",
    sites: ["Aachen", "Alsdorf", "Eschweiler", "Simmerath"],
  },
  {
    key: "agentur",
    tenant: "staedteregion-aachen",
    kind: "agentur_fuer_arbeit",
    name: "Agentur für Arbeit Aachen-Düren",
    sites: ["Aachen", "Alsdorf", "Eschweiler", "Simmerath"],
  },
  {
    key: "abh",
    tenant: "staedteregion-aachen",
    kind: "auslaenderbehoerde",
    name: "Ausländerbehörde der StädteRegion Aachen",
    sites: ["Aachen"],
  },
  { key: "jugendamt", tenant: "aachen", kind: "jugendamt", name: "Jugendamt der Stadt Aachen", sites: ["Aachen"] },
  { key: "sozialamt", tenant: "aachen", kind: "sozialamt", name: "Sozialamt der Stadt Aachen", sites: ["Aachen"] },
  { key: "ihk", tenant: "staedteregion-aachen", kind: "ihk", name: "IHK Aachen", sites: ["Aachen"] },
  { key: "hwk", tenant: "staedteregion-aachen", kind: "hwk", name: "Handwerkskammer Aachen", sites: ["Aachen"] },
  {
    key: "provider",
    tenant: "aachen",
    kind: "provider",
    name: "Beispiel-Bildungsträger (erfunden)",
    sites: ["Aachen", "Eschweiler"],
  },
  {
    key: "ehrenamt",
    tenant: "aachen",
    kind: "volunteer_network",
    name: "Ehrenamtliches Netzwerk Flüchtlingshilfe (Beispiel)",
    sites: ["Aachen"],
  },
];

/** The demo staff: one account per key role and institution, each with an enrolled second factor. */
export const DEMO_STAFF: {
  email: string;
  name: string;
  institution: InstitutionKey;
  site: SiteName | null;
  role: CaseRole;
}[] = [
  {
    email: "fallarbeit.jobcenter@example.org",
    name: "Fallarbeit Jobcenter Aachen",
    institution: "jobcenter",
    site: "Aachen",
    role: "coordination",
  },
  {
    email: "fallarbeit.jobcenter-alsdorf@example.org",
    name: "Fallarbeit Jobcenter Alsdorf",
    institution: "jobcenter",
    site: "Alsdorf",
    role: "coordination",
  },
  {
    email: "fallarbeit.jobcenter-eschweiler@example.org",
    name: "Fallarbeit Jobcenter Eschweiler",
    institution: "jobcenter",
    site: "Eschweiler",
    role: "coordination",
  },
  {
    email: "fallarbeit.jobcenter-simmerath@example.org",
    name: "Fallarbeit Jobcenter Simmerath",
    institution: "jobcenter",
    site: "Simmerath",
    role: "coordination",
  },
  {
    email: "fallarbeit.jugendamt@example.org",
    name: "Fallarbeit Jugendamt Aachen",
    institution: "jugendamt",
    site: "Aachen",
    role: "specialist",
  },
  {
    email: "fallarbeit.abh@example.org",
    name: "Fallarbeit Ausländerbehörde",
    institution: "abh",
    site: "Aachen",
    role: "specialist",
  },
  {
    email: "fallarbeit.ehrenamt@example.org",
    name: "Ehrenamt Flüchtlingshilfe",
    institution: "ehrenamt",
    site: "Aachen",
    role: "volunteer",
  },
  {
    email: "fallarbeit.leitung@example.org",
    name: "Leitung Integration Point",
    institution: "jobcenter",
    site: null,
    role: "lead",
  },
  {
    email: "fallarbeit.datenschutz@example.org",
    name: "Datenschutz Integration Point",
    institution: "jobcenter",
    site: null,
    role: "dpo",
  },
];

/**
 * The demo second factor of an account: fixed per address, so the start can print it without the
 * database and a second load finds the same. The demo is public; these secrets protect nothing real.
 */
export const demoTotpSecret = (email: string) =>
  base32Encode(createHash("sha256").update(`teilhabe-demo-totp:${email}`).digest().subarray(0, 20));

/** The demo staff accounts as the start prints them (with the TOTP secret to add to an app). */
export function demoLogins(): DemoLogin[] {
  const t = getT("de");
  return DEMO_STAFF.map((s) => ({
    email: s.email,
    password: DEMO_PASSWORD,
    description: t("cases.demo.login", { name: s.name, role: t(`cases.demo.roles.${s.role}`) }),
    tenant: "staedteregion-aachen",
    totpSecret: demoTotpSecret(s.email),
  }));
}

type Title = (typeof RESIDENCE_TITLES)[number];
/** The synthetic clients: site, residence title, intake date, days to a first offer (null: none yet), language. */
const CLIENTS: [SiteName, Title, string, number | null, string][] = [
  ["Aachen", "aufenthaltsgestattung", "2026-01-12", 21, "ar"],
  ["Aachen", "aufenthaltsgestattung", "2026-02-03", 14, "ti"],
  ["Aachen", "aufenthaltsgestattung", "2026-04-20", 30, "fa"],
  ["Aachen", "aufenthaltsgestattung", "2026-07-06", 18, "ar"],
  ["Aachen", "aufenthaltserlaubnis", "2026-01-26", 9, "ar"],
  ["Aachen", "aufenthaltserlaubnis", "2026-03-16", 40, "ku"],
  ["Aachen", "aufenthaltserlaubnis", "2026-05-11", 12, "ti"],
  ["Aachen", "aufenthaltserlaubnis", "2026-08-03", 25, "ar"],
  ["Aachen", "duldung", "2026-02-17", null, "fa"],
  ["Aachen", "duldung", "2026-06-08", 35, "ar"],
  ["Aachen", "duldung", "2026-08-24", 16, "ps"],
  ["Aachen", "niederlassungserlaubnis", "2026-03-02", 7, "ar"],
  ["Alsdorf", "aufenthaltsgestattung", "2026-01-19", 28, "ar"],
  ["Alsdorf", "aufenthaltsgestattung", "2026-05-04", 20, "ti"],
  ["Alsdorf", "aufenthaltsgestattung", "2026-07-13", 15, "ar"],
  ["Alsdorf", "aufenthaltserlaubnis", "2026-02-09", 11, "fa"],
  ["Alsdorf", "aufenthaltserlaubnis", "2026-06-22", 33, "ar"],
  ["Alsdorf", "aufenthaltserlaubnis", "2026-08-10", 19, "ku"],
  ["Alsdorf", "duldung", "2026-04-13", null, "ar"],
  ["Alsdorf", "duldung", "2026-07-27", 24, "ps"],
  ["Eschweiler", "aufenthaltsgestattung", "2026-02-23", 17, "ar"],
  ["Eschweiler", "aufenthaltsgestattung", "2026-06-01", 26, "ti"],
  ["Eschweiler", "aufenthaltsgestattung", "2026-08-17", 13, "fa"],
  ["Eschweiler", "aufenthaltserlaubnis", "2026-03-09", 22, "ar"],
  ["Eschweiler", "aufenthaltserlaubnis", "2026-07-20", 10, "ar"],
  ["Eschweiler", "aufenthaltserlaubnis", "2026-09-07", null, "ku"],
  ["Eschweiler", "niederlassungserlaubnis", "2026-05-18", 31, "ar"],
  ["Simmerath", "aufenthaltsgestattung", "2026-04-27", 27, "ti"],
  ["Simmerath", "duldung", "2026-07-02", 45, "ar"],
  ["Simmerath", "aufenthaltserlaubnis", "2026-09-14", null, "fa"],
];
const FAMILY = ["Amsel", "Birke", "Eiche", "Falke", "Linde", "Lerche", "Ulme", "Weide", "Ahorn", "Meise"];
const GIVEN = ["Amal", "Dawit", "Farid", "Hana", "Jamal", "Leyla", "Nour", "Omid", "Rahel", "Samir"];
const NATIONALITY: Record<string, string> = { ar: "SY", ti: "ER", fa: "IR", ku: "IQ", ps: "AF" };

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`Fallarbeit-Demo: ${what}: ${r.error.code}`);
  return r.value;
};

/**
 * Loads the demo network once: a second run finds the network and changes nothing. Accounts that
 * exist already (a partial earlier run) are reused, not duplicated.
 */
export async function seedDemo(db: Database, log: (m: string) => void): Promise<void> {
  const t = getT("de");
  const tenants = await withSystem(db, async (tx) => ({
    host: await getTenantBySlug(tx, "staedteregion-aachen"),
    city: await getTenantBySlug(tx, "aachen"),
  }));
  if (!tenants.host || !tenants.city) return;
  const tenantId = { "staedteregion-aachen": tenants.host.id, aachen: tenants.city.id };
  const existing = await withSystem(db, (tx) =>
    tx
      .select({ id: networks.id })
      .from(networks)
      .where(and(eq(networks.hostTenantId, tenants.host!.id), eq(networks.name, DEMO_NETWORK))),
  );
  if (existing.length) return;

  const { networkId, userOf, institutionOf } = await withSystem(db, async (tx) => {
    const networkId = await createNetwork(tx, {
      hostTenantId: tenants.host!.id,
      name: DEMO_NETWORK,
      foundingReference: FOUNDING,
      isDemo: true,
    });
    const siteOf = new Map<SiteName, string>();
    for (const s of SITES) siteOf.set(s.name, await addSite(tx, networkId, { ...s }));
    const institutionOf = new Map<InstitutionKey, string>();
    for (const i of INSTITUTIONS)
      institutionOf.set(
        i.key,
        await addInstitution(tx, networkId, {
          tenantId: tenantId[i.tenant],
          kind: i.kind,
          name: i.name,
          siteIds: i.sites.map((s) => siteOf.get(s)!),
        }),
      );
    const userOf = new Map<string, string>();
    for (const s of DEMO_STAFF) {
      const user =
        (await findUserByEmail(tx, s.email)) ??
        (await createUser(tx, { email: s.email, displayName: s.name, password: DEMO_PASSWORD }));
      userOf.set(s.email, user.id);
      const home = tenantId[INSTITUTIONS.find((i) => i.key === s.institution)!.tenant];
      // The staff area of their institution's tenant (read-only); what they see of cases decides case_may().
      await tx.insert(memberships).values({ tenantId: home, userId: user.id, role: "viewer" }).onConflictDoNothing();
      await tx
        .insert(secondFactors)
        .values({ userId: user.id, secret: demoTotpSecret(s.email), enrolledAt: sql`now()` as unknown as Date })
        .onConflictDoNothing();
      await addStaff(tx, networkId, {
        userId: user.id,
        institutionId: institutionOf.get(s.institution)!,
        siteId: s.site ? siteOf.get(s.site)! : null,
        role: s.role,
      });
    }
    return { networkId, userOf, institutionOf };
  });

  const caseworker: Record<SiteName, string> = {
    Aachen: "fallarbeit.jobcenter@example.org",
    Alsdorf: "fallarbeit.jobcenter-alsdorf@example.org",
    Eschweiler: "fallarbeit.jobcenter-eschweiler@example.org",
    Simmerath: "fallarbeit.jobcenter-simmerath@example.org",
  };
  const as = <T>(email: string, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
    withCase(db, { userId: userOf.get(email)!, networkId, label: email }, fn);
  const recipients = [institutionOf.get("agentur")!, institutionOf.get("provider")!];
  const offers: { id: string; date: string; index: number }[] = [];
  let firstAachen: string | null = null;
  for (const [i, [site, title, intakeDate, days, language]] of CLIENTS.entries()) {
    const id = await as(caseworker[site], async (tx, me) => {
      const c = must(
        await intakeClient(tx, me, {
          identity: {
            familyName: `Beispiel-${FAMILY[i % FAMILY.length]}`,
            givenNames: GIVEN[(i * 3) % GIVEN.length],
            birthDate: `${1975 + (i % 25)}-${String((i % 12) + 1).padStart(2, "0")}-15`,
            nationality: NATIONALITY[language],
            languageOfContact: language,
          },
          intakeDate,
          residenceTitle: title,
        }),
        "Aufnahme",
      );
      must(await writeCategory(tx, me, c.id, "residence", { title }), "Aufenthalt");
      must(
        await writeCategory(tx, me, c.id, "education", {
          languages: [{ language: "de", level: i % 3 === 0 ? "A1" : i % 3 === 1 ? "A2" : "B1" }],
          schoolingYears: 6 + (i % 7),
          qualifications: [],
        }),
        "Bildung",
      );
      must(
        await recordConsent(tx, me, c.id, {
          purpose:
            "Gemeinsame Beratung und Vermittlung in Sprachförderung, Ausbildung und Arbeit im Integration Point (Beispiel)",
          categories: ["identity", "education", "competence", "plan"],
          recipients,
          language,
          interpreter: language === "de" ? "ohne Sprachmittlung" : "Sprachmittlung (Beispiel)",
          signedBy: "client",
          givenOn: intakeDate,
          validUntil: addDays(intakeDate, 730),
        }),
        "Einwilligung",
      );
      return c.id;
    });
    if (site === "Aachen" && title === "aufenthaltserlaubnis" && !firstAachen) firstAachen = id;
    if (days !== null) offers.push({ id, date: addDays(intakeDate, days), index: i });
  }
  // One statutory flow to the Ausländerbehörde, approved by a second person (the lead) of the owner.
  const basis = await as(caseworker.Aachen, async (tx, me) =>
    must(
      await requestLegalBasis(tx, me, firstAachen!, {
        recipientId: institutionOf.get("abh")!,
        categories: ["residence"],
        legalBasis: "§ 87 Abs. 2 AufenthG: Unterrichtung der Ausländerbehörde (Beispiel für die Demonstration)",
        validUntil: "2027-12-31",
      }),
      "Rechtsgrundlage",
    ),
  );
  await as("fallarbeit.leitung@example.org", async (tx, me) =>
    must(await approveLegalBasis(tx, me, basis.id), "Freigabe der Rechtsgrundlage"),
  );
  // The first offer: a plan step with the provider, begun on the offer's day (the database then records
  // the client's first offer date); for every third client also a referral to the provider, pending.
  const provider = institutionOf.get("provider")!;
  for (const [i, o] of offers.entries()) {
    const site = CLIENTS[o.index][0];
    await as(caseworker[site], async (tx, me) => {
      const step = must(
        await addStep(tx, me, {
          clientId: o.id,
          stepType: i % 2 ? "kompetenzfeststellung" : "alltagsorientierung",
          responsibleInstitutionId: provider,
          plannedStart: o.date,
        }),
        "Schritt",
      );
      must(await updateStep(tx, me, { stepId: step.id, state: "running", startDate: o.date }), "Beginn des Schritts");
      if (i % 3 === 0)
        must(
          await referClient(tx, me, { clientId: o.id, toInstitutionId: provider, stepId: step.id, referredOn: o.date }),
          "Verweisung",
        );
    });
  }
  const published = await publishQuarter(db, networkId, "2026-Q3");
  const [n] = await withSystem(db, (tx) =>
    rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_clients WHERE network_id = ${networkId}::uuid`),
  );
  log(
    t("cases.demo.loaded", {
      network: DEMO_NETWORK,
      clients: n?.n ?? 0,
      staff: DEMO_STAFF.length,
      published: published.ok ? published.value.published : 0,
    }),
  );
}
