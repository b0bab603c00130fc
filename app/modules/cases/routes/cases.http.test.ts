import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { loginPlatformAdmin } from "../../../../tests/support/platform-admin";
import { docxText, pdfContent } from "../../../../tests/support/documents";
import { createUser } from "~/kernel/auth/service";
import { newTotpSecret, totpCode } from "~/kernel/auth/totp";
import { withSystem } from "~/kernel/db/context";
import { memberships } from "~/kernel/db/schema";
import manifest from "../module";
import { addInstitution, addSite, addStaff, createNetwork } from "../core/network";

// Every case page over HTTP, for every kind of actor the issue names, against a hand-written table.
// The registry test below fails when a case route is added without its row here.

const PW = "Teilhabe-Demo-2026";
const SENTINEL = "Zzyzxwandertal";
const PDF = new TextEncoder().encode("%PDF-1.4\nZeugnis der Testschule\n%%EOF\n");
type Actor =
  | "anonymous"
  | "tenantAdmin"
  | "platformAdmin"
  | "owner"
  | "otherSite"
  | "otherInstitution"
  | "noBasis"
  | "abh"
  | "volunteer"
  | "lead"
  | "dpo"
  | "auditor";
const ACTORS: Actor[] = [
  "anonymous",
  "tenantAdmin",
  "platformAdmin",
  "owner",
  "otherSite",
  "otherInstitution",
  "noBasis",
  "abh",
  "volunteer",
  "lead",
  "dpo",
  "auditor",
];
// "ok" = 200 showing the case's name (the caseload lists names where identity is readable); "meta" = 200 without it; a number = that status.
type Outcome = "ok" | "meta" | number;
// otherInstitution: the Jugendamt, with a consent for identity and plan; noBasis: the Sozialamt;
// abh: the Ausländerbehörde, named in the same consent (which never suffices for it).
const EXPECTED: Record<string, Record<Actor, Outcome>> = {
  fallarbeit: {
    anonymous: 302,
    tenantAdmin: "meta",
    platformAdmin: "meta",
    owner: "ok",
    otherSite: "meta",
    otherInstitution: "ok",
    noBasis: "meta",
    abh: "meta",
    volunteer: "meta",
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
  "fallarbeit/netzwerk": {
    anonymous: 302,
    tenantAdmin: "meta",
    platformAdmin: "meta",
    owner: 403,
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/aufnahme": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: "meta",
    otherInstitution: "meta",
    noBasis: "meta",
    abh: "meta",
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/suche": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: "meta",
    otherInstitution: "meta",
    noBasis: "meta",
    abh: 403,
    volunteer: 403,
    lead: "meta",
    dpo: 403,
    auditor: 403,
  },
  // Retention periods: administrators of the host tenant (the staff accounts here are viewers).
  "fallarbeit/fristen": {
    anonymous: 302,
    tenantAdmin: "meta",
    platformAdmin: "meta",
    owner: 403,
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  // Break-glass: every staff member with a seat sees the page (pseudonyms only); not the admins.
  "fallarbeit/notfallzugriff": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: "meta",
    otherInstitution: "meta",
    noBasis: "meta",
    abh: "meta",
    volunteer: "meta",
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
  "fallarbeit/verweisungen": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: "meta",
    otherInstitution: "meta",
    noBasis: "meta",
    abh: "meta",
    volunteer: "meta",
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
  "fallarbeit/fall/:clientId/plan": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: "meta",
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: "meta",
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/kontakte": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: "meta",
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: "meta",
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "ok",
    otherSite: "meta",
    otherInstitution: "ok",
    noBasis: 404,
    abh: 404,
    volunteer: 404,
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
  // The household: read on the client's family data (owning case workers at the site; the consent
  // here names identity and plan, not family). No household yet, so no name on it.
  "fallarbeit/fall/:clientId/haushalt": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/daten/:category": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "ok",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/einwilligung": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/rechtsgrundlage": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/protokoll": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: "meta",
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
  // Subject access: owning case workers at the site and the data-protection officer (case_may 'export').
  "fallarbeit/fall/:clientId/auskunft": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: "meta",
    auditor: 403,
  },
  // The file comes only from a POST; a GET is sent to the page that offers it.
  "fallarbeit/fall/:clientId/auskunft/datei": {
    anonymous: 302,
    tenantAdmin: 302,
    platformAdmin: 302,
    owner: 302,
    otherSite: 302,
    otherInstitution: 302,
    noBasis: 302,
    abh: 302,
    volunteer: 302,
    lead: 302,
    dpo: 302,
    auditor: 302,
  },
  // The consent form as a PDF: whoever may write the client (a PDF never shows the name: "meta").
  "fallarbeit/fall/:clientId/einwilligung/:consentId/pdf": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 404,
    otherInstitution: 404,
    noBasis: 404,
    abh: 404,
    volunteer: 404,
    lead: 404,
    dpo: 404,
    auditor: 404,
  },
  // Attachments: readers of the category (case_may 'attachments' 'read'; the consent here does not name
  // it), and the file for those who may download it. Neither page shows the name ("meta").
  "fallarbeit/fall/:clientId/anlagen": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  "fallarbeit/fall/:clientId/anlagen/:attachmentId": {
    anonymous: 302,
    tenantAdmin: 403,
    platformAdmin: 403,
    owner: "meta",
    otherSite: 403,
    otherInstitution: 403,
    noBasis: 403,
    abh: 403,
    volunteer: 403,
    lead: 403,
    dpo: 403,
    auditor: 403,
  },
  // Read-only reference data: any viewer of the tenant (decided by tenant role, not by a seat).
  "fallarbeit/regeln": {
    anonymous: 302,
    tenantAdmin: "meta",
    platformAdmin: "meta",
    owner: "meta",
    otherSite: "meta",
    otherInstitution: "meta",
    noBasis: "meta",
    abh: "meta",
    volunteer: "meta",
    lead: "meta",
    dpo: "meta",
    auditor: "meta",
  },
};

let s: TestServer;
const clients = new Map<Actor, Client>();
const slugOf = new Map<Actor, string>();
let clientId = "";
let jugendamtConsent = "";
let attachmentId = "";
const exec = (q: ReturnType<typeof sql>) => s.db.orm.execute(q);

async function staffUser(
  tenantSlug: string,
  email: string,
  role: "viewer" | "editor",
  seat: {
    networkId: string;
    institutionId: string;
    siteId: string | null;
    caseRole: Parameters<typeof addStaff>[2]["role"];
  },
  factor = true,
) {
  return withSystem(s.db, async (tx) => {
    const [t] = (await tx.execute(sql`SELECT id FROM tenants WHERE slug = ${tenantSlug}`)).rows as { id: string }[];
    const u = await createUser(tx, { email, displayName: `Test ${email}`, password: PW });
    await tx.insert(memberships).values({ tenantId: t.id, userId: u.id, role });
    await addStaff(tx, seat.networkId, {
      userId: u.id,
      institutionId: seat.institutionId,
      siteId: seat.siteId,
      role: seat.caseRole,
    });
    const secret = newTotpSecret();
    if (factor)
      await tx.execute(
        sql`INSERT INTO second_factors (user_id, secret, enrolled_at) VALUES (${u.id}, ${secret}, now())`,
      );
    return secret;
  });
}

async function loginWithCode(email: string, secret: string | null) {
  const c = new Client(s.url);
  await c.login(email, PW);
  if (secret) {
    const r = await c.post("/anmelden", { intent: "code", code: totpCode(secret, Date.now()) });
    if (r.status !== 302) throw new Error(`Code für ${email} abgelehnt: ${r.status}`);
  }
  return c;
}

beforeAll(async () => {
  s = await startTestServer();
  const ids = Object.fromEntries(
    ((await exec(sql`SELECT slug, id FROM tenants`)).rows as { slug: string; id: string }[]).map((r) => [r.slug, r.id]),
  );
  const net = await withSystem(s.db, async (tx) => {
    const networkId = await createNetwork(tx, {
      hostTenantId: ids["staedteregion-aachen"],
      name: "Testnetz Fallarbeit",
    });
    const aachen = await addSite(tx, networkId, { name: "Aachen" });
    const alsdorf = await addSite(tx, networkId, { name: "Alsdorf" });
    const inst = (tenant: string, kind: Parameters<typeof addInstitution>[2]["kind"], name: string) =>
      addInstitution(tx, networkId, { tenantId: ids[tenant], kind, name, siteIds: [aachen] });
    return {
      networkId,
      aachen,
      alsdorf,
      jobcenter: await inst("staedteregion-aachen", "jobcenter", "Jobcenter (Test)"),
      abh: await inst("staedteregion-aachen", "auslaenderbehoerde", "Ausländerbehörde (Test)"),
      jugendamt: await inst("aachen", "jugendamt", "Jugendamt (Test)"),
      sozialamt: await inst("aachen", "sozialamt", "Sozialamt (Test)"),
      volunteers: await inst("aachen", "volunteer_network", "Ehrenamtsnetz (Test)"),
    };
  });
  const seats: [Actor, string, string, string | null, Parameters<typeof addStaff>[2]["role"]][] = [
    ["owner", "staedteregion-aachen", net.jobcenter, net.aachen, "specialist"],
    ["otherSite", "staedteregion-aachen", net.jobcenter, net.alsdorf, "specialist"],
    ["lead", "staedteregion-aachen", net.jobcenter, null, "lead"],
    ["dpo", "staedteregion-aachen", net.jobcenter, null, "dpo"],
    ["auditor", "staedteregion-aachen", net.jobcenter, null, "auditor"],
    ["abh", "staedteregion-aachen", net.abh, net.aachen, "specialist"],
    ["otherInstitution", "aachen", net.jugendamt, net.aachen, "specialist"],
    ["noBasis", "aachen", net.sozialamt, net.aachen, "specialist"],
    ["volunteer", "aachen", net.volunteers, net.aachen, "volunteer"],
  ];
  for (const [actor, tenant, institutionId, siteId, caseRole] of seats) {
    const email = `fall.${actor.toLowerCase()}@example.org`;
    const secret = await staffUser(tenant, email, "viewer", {
      networkId: net.networkId,
      institutionId,
      siteId,
      caseRole,
    });
    clients.set(actor, await loginWithCode(email, secret));
    slugOf.set(actor, tenant);
  }
  clients.set("anonymous", new Client(s.url));
  slugOf.set("anonymous", "staedteregion-aachen");
  clients.set("tenantAdmin", await loginWithCode("admin.staedteregion-aachen@example.org", null));
  slugOf.set("tenantAdmin", "staedteregion-aachen");
  const platformAdmin = new Client(s.url);
  await loginPlatformAdmin(platformAdmin, s.db);
  clients.set("platformAdmin", platformAdmin);
  slugOf.set("platformAdmin", "staedteregion-aachen");

  // The owner takes a client in, over the pages, and gives the Jugendamt and the ABH a consent.
  const owner = clients.get("owner")!;
  const base = "/t/staedteregion-aachen/verwaltung/fallarbeit";
  const intake = await owner.post(`${base}/aufnahme`, {
    familyName: SENTINEL,
    givenNames: "Beispiel",
    birthDate: "1990-05-17",
    nationality: "sy",
    residenceTitle: "aufenthaltsgestattung",
    intakeDate: "2026-11-02",
  });
  expect(intake.status).toBe(302);
  clientId = /\/fall\/([0-9a-f-]{36})/.exec(intake.headers.get("location")!)![1];
  const consent = await owner.post(`${base}/fall/${clientId}/einwilligung`, {
    purpose: "Vermittlung in einen Integrationskurs und Begleitung der Familie",
    categories: ["identity", "plan"],
    recipients: [net.jugendamt, net.abh],
    language: "ar",
    interpreter: "Sprachmittlerin des Pools",
    signedBy: "client",
    givenOn: "2026-11-02",
    validUntil: "2027-11-01",
  });
  expect(consent.status).toBe(302);
  const [k] = (await exec(sql`SELECT id FROM case_consents WHERE client_id = ${clientId}::uuid`)).rows as {
    id: string;
  }[];
  jugendamtConsent = k.id;
  const upload = await owner.postFile(
    `${base}/fall/${clientId}/anlagen`,
    { intent: "upload" },
    { field: "file", name: "Zeugnis.pdf", content: PDF, type: "application/pdf" },
  );
  expect(upload.status).toBe(302);
  const [f] = (await exec(sql`SELECT id FROM case_attachments WHERE client_id = ${clientId}::uuid`)).rows as {
    id: string;
  }[];
  attachmentId = f.id;
}, 600_000);

afterAll(async () => {
  await s?.close();
});

const urlFor = (actor: Actor, pattern: string) =>
  `/t/${slugOf.get(actor)}/verwaltung/${pattern
    .replace(":clientId", clientId)
    .replace(":category", "identitaet")
    .replace(":consentId", jugendamtConsent)
    .replace(":attachmentId", attachmentId)}`;

describe("the case route registry", () => {
  it("has a hand-written row for every case route of the module", () => {
    const routes = manifest.routes.staff.map((r) => r.path).filter((p) => p.startsWith("fallarbeit"));
    expect(routes.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("answers every actor on every case page as the table says, and shows the name only where it may", async () => {
    const seen: string[] = [];
    for (const pattern of Object.keys(EXPECTED))
      for (const actor of ACTORS) {
        const res = await clients.get(actor)!.get(urlFor(actor, pattern));
        const html = res.status === 200 ? await res.text() : "";
        const got: Outcome = res.status !== 200 ? res.status : html.includes(SENTINEL) ? "ok" : "meta";
        seen.push(`${pattern} ${actor}: ${got}`);
        if (res.status === 302 && actor !== "anonymous" && EXPECTED[pattern][actor] !== 302)
          seen.push(`  → ${res.headers.get("location")}`);
      }
    const expected = Object.entries(EXPECTED).flatMap(([pattern, row]) =>
      ACTORS.map((actor) => `${pattern} ${actor}: ${row[actor]}`),
    );
    expect(seen).toEqual(expected);
  });
});

describe("the case pages", () => {
  it("take an attachment by upload, give it back byte for byte, and refuse a file that is not what it says", async () => {
    const owner = clients.get("owner")!;
    const page = `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}/anlagen`;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const up = await owner.postFile(
      page,
      { intent: "upload" },
      { field: "file", name: "Pass_Ahmad.png", content: png, type: "image/png" },
    );
    expect(up.status).toBe(302);
    const html = await (await owner.get(page)).text();
    expect(html).toContain("Pass_Ahmad.png");
    expect(html).toContain("PNG-Bild");
    const [{ id }] = (
      await exec(sql`SELECT id FROM case_attachments WHERE client_id = ${clientId}::uuid AND media_type = 'image/png'`)
    ).rows as { id: string }[];
    const file = await owner.get(`${page}/${id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''Pass_Ahmad\.png$/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    // HTML declared as a PDF: refused by its bytes, with the German message; nothing stored.
    const bad = await owner.postFile(
      page,
      { intent: "upload" },
      {
        field: "file",
        name: "zeugnis.pdf",
        content: "<html><script>alert(1)</script></html>",
        type: "application/pdf",
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Diese Datei ist kein PDF, JPEG oder PNG");
    const empty = await owner.postFile(
      page,
      { intent: "upload" },
      { field: "file", name: "leer.pdf", content: "", type: "application/pdf" },
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Bitte wählen Sie eine Datei aus");
    const [{ n }] = (
      await exec(sql`SELECT count(*)::int AS n FROM case_attachments WHERE client_id = ${clientId}::uuid`)
    ).rows as { n: number }[];
    expect(n).toBe(2);
    // The category link of the case page lands on the attachments page.
    const cat = await owner.get(`/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}/daten/anlagen`);
    expect(cat.status).toBe(302);
    expect(cat.headers.get("location")).toBe(page);
    // Deleting needs the confirmation.
    expect((await owner.post(page, { intent: "delete", id })).status).toBe(400);
    expect((await owner.post(page, { intent: "delete", id, confirm: "1" })).status).toBe(302);
    expect((await owner.get(`${page}/${id}`)).status).toBe(404);
  });

  it("end a case session after 15 idle minutes and demand a second factor of staff", async () => {
    const [r] = (
      await exec(sql`SELECT s.idle_limit_minutes AS m FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = 'fall.owner@example.org'`)
    ).rows as { m: number | null }[];
    expect(r.m).toBe(15);
    const ids = (await exec(sql`SELECT id FROM case_institutions WHERE name = 'Jobcenter (Test)'`)).rows as {
      id: string;
    }[];
    const [{ network_id }] = (await exec(sql`SELECT network_id FROM case_institutions WHERE id = ${ids[0].id}::uuid`))
      .rows as { network_id: string }[];
    await staffUser(
      "staedteregion-aachen",
      "fall.nofactor@example.org",
      "viewer",
      {
        networkId: network_id,
        institutionId: ids[0].id,
        siteId: null,
        caseRole: "lead",
      },
      false,
    );
    const c = await loginWithCode("fall.nofactor@example.org", null);
    const res = await c.get("/t/staedteregion-aachen/verwaltung/fallarbeit");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/konto\/zweiter-faktor\?weiter=/);
  });

  it("plans steps with their eligibility decision, refers to the Jugendamt, which accepts in its own list", async () => {
    const owner = clients.get("owner")!;
    const plan = `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}/plan`;
    const [{ id: jobcenter }] = (await exec(sql`SELECT id FROM case_institutions WHERE name = 'Jobcenter (Test)'`))
      .rows as { id: string }[];
    const [{ id: jugendamt }] = (await exec(sql`SELECT id FROM case_institutions WHERE name = 'Jugendamt (Test)'`))
      .rows as { id: string }[];
    // The 2016 list of countries has no version for today: a clear refusal, not "eligible".
    const refused = await owner.post(plan, {
      intent: "addStep",
      stepType: "integrationskurs",
      responsibleInstitutionId: jobcenter,
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("keine gültige Fassung");
    const added = await owner.post(plan, {
      intent: "addStep",
      stepType: "alltagsorientierung",
      responsibleInstitutionId: jugendamt,
      plannedStart: "2026-12-07",
    });
    expect(added.status).toBe(302);
    const [{ id: stepId }] = (await exec(sql`SELECT id FROM case_plan_steps WHERE client_id = ${clientId}::uuid`))
      .rows as { id: string }[];
    expect((await owner.post(plan, { intent: "refer", toInstitutionId: jugendamt, stepId })).status).toBe(302);
    const incoming = await clients.get("otherInstitution")!.get("/t/aachen/verwaltung/fallarbeit/verweisungen");
    const html = await incoming.text();
    expect(html).toContain("Jobcenter (Test)");
    expect(html).toContain("Alltagsorientierung");
    const [{ id: referralId }] = (await exec(sql`SELECT id FROM case_referrals WHERE client_id = ${clientId}::uuid`))
      .rows as { id: string }[];
    // The Sozialamt, without a basis, cannot accept it.
    const foreign = await clients
      .get("noBasis")!
      .post("/t/aachen/verwaltung/fallarbeit/verweisungen", { intent: "accept", referralId });
    expect(foreign.status).toBe(400);
    const accepted = await clients
      .get("otherInstitution")!
      .post("/t/aachen/verwaltung/fallarbeit/verweisungen", { intent: "accept", referralId });
    expect(accepted.status).toBe(302);
    const [row] = (
      await exec(sql`SELECT r.state, c.first_offer_date IS NOT NULL AS offered FROM case_referrals r
      JOIN case_clients c ON c.id = r.client_id WHERE r.id = ${referralId}::uuid`)
    ).rows as { state: string; offered: boolean }[];
    expect(row).toEqual({ state: "accepted", offered: true });
    // A second referral stays pending: the revocation below withdraws it.
    expect((await owner.post(plan, { intent: "refer", toInstitutionId: jugendamt })).status).toBe(302);
    expect(await (await owner.get(plan)).text()).toContain("angenommen");
  });

  it("turns a case conference's decisions into plan steps and names a refused decision with its reason", async () => {
    const owner = clients.get("owner")!;
    const page = `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}/kontakte`;
    const [{ jobcenter, jugendamt, participant }] = (
      await exec(sql`SELECT j.id AS jobcenter, a.id AS jugendamt, s.id AS participant
        FROM case_institutions j, case_institutions a, case_staff s
        WHERE j.name = 'Jobcenter (Test)' AND a.name = 'Jugendamt (Test)' AND s.institution_id = a.id LIMIT 1`)
    ).rows as { jobcenter: string; jugendamt: string; participant: string }[];
    const form = await (await owner.get(page)).text();
    expect(form).toContain("Beschluss 3");
    const r = await owner.post(page, {
      intent: "conference",
      heldOn: "2026-12-02",
      participants: [participant],
      minutes: "Gemeinsam beraten.",
      decision1StepType: "alltagsorientierung",
      decision1Institution: jugendamt,
      decision1Start: "2027-01-11",
      // No valid version of the 2016 list for a decision dated today: refused, the conference stays.
      decision2StepType: "integrationskurs",
      decision2Institution: jobcenter,
      decision3StepType: "",
    });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("Beschluss 2:");
    expect(html).toContain("keine gültige Fassung");
    expect(html).not.toContain("Beschluss 1:");
    const steps = (
      await exec(sql`SELECT s.step_type, s.responsible_institution_id AS inst, s.planned_start::text AS start
        FROM case_plan_steps s JOIN case_conferences k ON k.id = s.conference_id
        WHERE k.client_id = ${clientId}::uuid AND k.held_on = '2026-12-02'`)
    ).rows;
    expect(steps).toEqual([{ step_type: "alltagsorientierung", inst: jugendamt, start: "2027-01-11" }]);
    const after = await (await owner.get(page)).text();
    expect(after).toContain("Daraus 1 Schritt im Förderplan.");
  });

  it("refuses the Jugendamt's next read once the consent is revoked", async () => {
    const jugendamt = clients.get("otherInstitution")!;
    const page = `/t/aachen/verwaltung/fallarbeit/fall/${clientId}`;
    expect(await (await jugendamt.get(page)).text()).toContain(SENTINEL);
    const revoke = await clients.get("owner")!.post(`/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}`, {
      intent: "revokeConsent",
      id: jugendamtConsent,
    });
    expect(revoke.status).toBe(302);
    expect((await jugendamt.get(page)).status).toBe(404);
    const states = (
      await exec(sql`SELECT state, withdrawn_reason FROM case_referrals WHERE client_id = ${clientId}::uuid
      ORDER BY referred_on, state`)
    ).rows as { state: string; withdrawn_reason: string | null }[];
    expect(states).toEqual([
      { state: "accepted", withdrawn_reason: null },
      { state: "withdrawn", withdrawn_reason: "basis_revoked" },
    ]);
  });

  it("lets the Ausländerbehörde read only after a second person approved a legal basis", async () => {
    const base = `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}`;
    const [{ id: abh }] = (await exec(sql`SELECT id FROM case_institutions WHERE name = 'Ausländerbehörde (Test)'`))
      .rows as { id: string }[];
    const bad = await clients.get("owner")!.post(`${base}/rechtsgrundlage`, {
      recipientId: abh,
      legalBasis: "kurz",
      validUntil: "2027-01-31",
      categories: "residence",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Bitte die Rechtsgrundlage in Worten angeben");
    const req = await clients.get("owner")!.post(`${base}/rechtsgrundlage`, {
      recipientId: abh,
      categories: "identity",
      legalBasis: "§ 87 Abs. 2 Nr. 1 AufenthG – Mitteilung an die Ausländerbehörde",
      validUntil: "2027-01-31",
    });
    expect(req.status).toBe(302);
    expect((await clients.get("abh")!.get(base)).status).toBe(404);
    const [{ id }] = (await exec(sql`SELECT id FROM case_legal_bases WHERE client_id = ${clientId}::uuid`)).rows as {
      id: string;
    }[];
    const self = await clients.get("owner")!.post(base, { intent: "approveBasis", id });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("zweite Person");
    expect((await clients.get("lead")!.post(base, { intent: "approveBasis", id })).status).toBe(302);
    const abhPage = await clients.get("abh")!.get(base);
    expect(abhPage.status).toBe(200);
    expect(await abhPage.text()).toContain(SENTINEL);
    const log = await (await clients.get("owner")!.get(`${base}/protokoll`)).text();
    expect(log).toContain("offenbart");
  });

  it("finds the case under another spelling for the Jugendamt, names only the institution, and logs the hit", async () => {
    const c = clients.get("noBasis")!;
    const before = await exec(sql`SELECT count(*)::int AS n FROM case_access_events WHERE action = 'search'`);
    const res = await c.post("/t/aachen/verwaltung/fallarbeit/suche", { name: "Beyspiel Zzyzxwandertaal" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Jobcenter (Test)");
    expect(html).not.toContain(clientId);
    const after = await exec(sql`SELECT count(*)::int AS n FROM case_access_events WHERE action = 'search'`);
    expect((after.rows[0] as { n: number }).n).toBe((before.rows[0] as { n: number }).n + 1);
    const one = await c.post("/t/aachen/verwaltung/fallarbeit/suche", { name: "Zzyzxwandertal" });
    expect(one.status).toBe(400);
  });

  it("closes a case from its page and lets the host's admin set the retention period", async () => {
    const owner = clients.get("owner")!;
    const page = `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}`;
    const early = await owner.post(page, { intent: "close", closedOn: "2020-01-01" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("nicht vor seiner Aufnahme");
    expect((await owner.post(page, { intent: "close", closedOn: "2026-11-30" })).status).toBe(302);
    const [row] = (await exec(sql`SELECT state, closed_on::text AS d FROM case_clients WHERE id = ${clientId}::uuid`))
      .rows as { state: string; d: string }[];
    expect(row).toEqual({ state: "closed", d: "2026-11-30" });
    const admin = clients.get("tenantAdmin")!;
    const form = await (await admin.get("/t/staedteregion-aachen/verwaltung/fallarbeit/fristen")).text();
    const networkId = /name="networkId" value="([0-9a-f-]{36})"/.exec(form)![1];
    const bad = await admin.post("/t/staedteregion-aachen/verwaltung/fallarbeit/fristen", {
      networkId,
      recordType: "closed_case",
      months: "3",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("ganze Zahl von 6 bis 120 Monaten");
    const good = await admin.post("/t/staedteregion-aachen/verwaltung/fallarbeit/fristen", {
      networkId,
      recordType: "closed_case",
      months: "48",
    });
    expect(good.status).toBe(302);
    const foreign = await clients.get("platformAdmin")!.post("/t/aachen/verwaltung/fallarbeit/fristen", {
      networkId,
      recordType: "closed_case",
      months: "6",
    });
    expect(foreign.status).toBe(404);
    const [p] = (await exec(sql`SELECT months FROM case_retention_periods WHERE network_id = ${networkId}::uuid`))
      .rows as { months: number }[];
    expect(p.months).toBe(48);
  });

  it("lets the host's admin build a network and each municipality's admin seat its own members", async () => {
    const host = clients.get("tenantAdmin")!;
    const page = "/t/staedteregion-aachen/verwaltung/fallarbeit/netzwerk";
    expect((await host.post(page, { intent: "network", name: "Aufbau-Test", guardianAge: "11" })).status).toBe(400);
    expect((await host.post(page, { intent: "network", name: "Aufbau-Test", guardianAge: "15" })).status).toBe(302);
    const [{ id: net }] = (await exec(sql`SELECT id FROM case_networks WHERE name = 'Aufbau-Test'`)).rows as {
      id: string;
    }[];
    expect(
      (await host.post(page, { intent: "site", networkId: net, name: "Monschau", postcode: "52156" })).status,
    ).toBe(302);
    const [{ id: site }] = (await exec(sql`SELECT id FROM case_sites WHERE network_id = ${net}::uuid`)).rows as {
      id: string;
    }[];
    const inst = await host.post(page, {
      intent: "institution",
      networkId: net,
      name: "Jugendamt (Aufbau)",
      kind: "jugendamt",
      homeTenantSlug: "aachen",
      siteIds: [site],
    });
    expect(inst.status).toBe(302);
    const [{ id: institutionId }] = (await exec(sql`SELECT id FROM case_institutions WHERE network_id = ${net}::uuid`))
      .rows as { id: string }[];
    // The host may not seat the city's people; the city's admin may, only its own members.
    const city = await loginWithCode("admin.aachen@example.org", null);
    const cityPage = "/t/aachen/verwaltung/fallarbeit/netzwerk";
    expect((await city.post(cityPage, { intent: "site", networkId: net, name: "Roetgen" })).status).toBe(400);
    const hostSeats = await host.post(page, {
      intent: "staff",
      networkId: net,
      institutionId,
      email: "editor.staedteregion-aachen@example.org",
      siteId: site,
      role: "specialist",
    });
    expect(await hostSeats.text()).toContain("trägt die Kommune der Stelle ein");
    const stranger = await city.post(cityPage, {
      intent: "staff",
      networkId: net,
      institutionId,
      email: "editor.koeln@example.org",
      siteId: site,
      role: "specialist",
    });
    expect(await stranger.text()).toContain("niemand Mitglied dieser Kommune");
    const seated = await city.post(cityPage, {
      intent: "staff",
      networkId: net,
      institutionId,
      email: "editor.aachen@example.org",
      siteId: site,
      role: "specialist",
    });
    expect(seated.status).toBe(302);
    const [row] = (
      await exec(sql`SELECT s.role, s.active FROM case_staff s JOIN users u ON u.id = s.user_id
      WHERE s.network_id = ${net}::uuid AND u.email = 'editor.aachen@example.org'`)
    ).rows as { role: string; active: boolean }[];
    expect(row).toEqual({ role: "specialist", active: true });
    expect(await (await city.get(cityPage)).text()).toContain("editor.aachen@example.org");
  });

  it("keeps the name out of the audit log and the access log", async () => {
    const audit = JSON.stringify((await exec(sql`SELECT * FROM audit_log`)).rows);
    expect(audit).not.toContain(SENTINEL);
    const events = JSON.stringify((await exec(sql`SELECT * FROM case_access_events`)).rows);
    expect(events).not.toContain(SENTINEL);
    const data = JSON.stringify((await exec(sql`SELECT encode(ciphertext, 'escape') AS c FROM case_client_data`)).rows);
    expect(data).not.toContain(SENTINEL);
  });
});

describe("subject access and the consent form", () => {
  const base = () => `/t/staedteregion-aachen/verwaltung/fallarbeit/fall/${clientId}`;
  const exportAs = (actor: Actor, format = "pdf") =>
    clients.get(actor)!.post(`/t/${slugOf.get(actor)}/verwaltung/fallarbeit/fall/${clientId}/auskunft/datei`, {
      format,
    });
  const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  it("gives the owner and the data-protection officer the whole case as a PDF, uncached, named by pseudonym", async () => {
    const [{ pseudonym }] = (await exec(sql`SELECT pseudonym FROM case_clients WHERE id = ${clientId}::uuid`)).rows as {
      pseudonym: string;
    }[];
    for (const actor of ["owner", "dpo"] as const) {
      const res = await exportAs(actor);
      expect(res.status, actor).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const disposition = res.headers.get("content-disposition")!;
      expect(disposition).toBe(`attachment; filename="auskunft-${pseudonym}.pdf"`);
      expect(disposition).not.toContain(SENTINEL);
      const pdf = await bytes(res);
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      const { text } = await pdfContent(pdf);
      expect(text, actor).toContain(SENTINEL);
      expect(text).toContain(pseudonym);
      expect(text).toContain("Zugriffsprotokoll");
      // The attachments by name (not their contents).
      expect(text, actor).toContain("Zeugnis.pdf");
      // The access log with staff names: the owner's intake is in it, and this export too.
      expect(text).toContain("Test fall.owner@example.org");
      expect(text).toContain("Auskunft an die betroffene Person");
      // The consents and legal bases too – also for the data-protection officer, who may not write.
      expect(text, actor).toContain("Vermittlung in einen Integrationskurs");
      expect(text, actor).toContain("87 Abs. 2");
    }
    const events = (
      await exec(sql`SELECT e.action, e.reason, e.categories, u.email FROM case_access_events e
        JOIN case_staff st ON st.id = e.staff_id JOIN users u ON u.id = st.user_id
        WHERE e.client_id = ${clientId}::uuid AND e.reason = 'subject_access' ORDER BY e.at`)
    ).rows as { action: string; reason: string; categories: string[]; email: string }[];
    // One event for the documents, one for the attachments' names (attachments/service.ts).
    expect(
      events.map((e) => `${e.email} ${e.action} ${e.categories.includes("attachments") ? "files" : "docs"}`),
    ).toEqual([
      "fall.owner@example.org export docs",
      "fall.owner@example.org export files",
      "fall.dpo@example.org export docs",
      "fall.dpo@example.org export files",
    ]);
    expect(events[1].categories).toEqual(["attachments"]);
    expect(events[0].categories).toContain("identity");
  });

  it("offers the same as an editable DOCX", async () => {
    const res = await exportAs("owner", "docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="auskunft-IP-[A-Z0-9-]+\.docx"/);
    expect(await docxText(await bytes(res))).toContain(SENTINEL);
  });

  it("refuses the export to everyone else, and a file by GET", async () => {
    for (const actor of [
      "tenantAdmin",
      "otherSite",
      "otherInstitution",
      "abh",
      "volunteer",
      "lead",
      "auditor",
    ] as const) {
      const res = await exportAs(actor);
      expect(res.status, actor).toBe(403);
      expect(await res.text()).not.toContain(SENTINEL);
    }
    const get = await clients.get("owner")!.get(`${base()}/auskunft/datei`);
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe(`${base()}/auskunft`);
  });

  it("demands a fresh password confirmation when the last one is older than 5 minutes", async () => {
    const stale = (minutes: number) =>
      exec(sql`UPDATE sessions SET reauth_at = now() - make_interval(mins => ${minutes})
        WHERE user_id = (SELECT id FROM users WHERE email = 'fall.owner@example.org')`);
    const before = (await exec(sql`SELECT count(*)::int AS n FROM case_access_events WHERE reason = 'subject_access'`))
      .rows as { n: number }[];
    await stale(6);
    const res = await exportAs("owner");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `/anmelden/bestaetigen?weiter=${encodeURIComponent(`${base()}/auskunft`)}`,
    );
    const after = (await exec(sql`SELECT count(*)::int AS n FROM case_access_events WHERE reason = 'subject_access'`))
      .rows as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
    await stale(4);
    expect((await exportAs("owner")).status).toBe(200);
    await stale(0);
  });

  it("prints a consent as a PDF in German and, where the renderer cannot set the language, English with a note", async () => {
    const res = await clients.get("owner")!.get(`${base()}/einwilligung/${jugendamtConsent}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const pdf = await bytes(res);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const { text } = await pdfContent(pdf);
    expect(text).toContain("Integrationskurs");
    expect(text).toContain("jederzeit widerrufen");
    expect(text).toContain("withdraw your consent at any time");
    expect(text).toContain("von rechts nach links");
    expect(text).not.toContain(SENTINEL);
    for (const actor of ["otherInstitution", "dpo", "lead"] as const) {
      const other = await clients
        .get(actor)!
        .get(`/t/${slugOf.get(actor)}/verwaltung/fallarbeit/fall/${clientId}/einwilligung/${jugendamtConsent}/pdf`);
      expect(other.status, actor).toBe(404);
    }
  });

  it("prints a Turkish consent in German and Turkish", async () => {
    const [{ id: jugendamt }] = (await exec(sql`SELECT id FROM case_institutions WHERE name = 'Jugendamt (Test)'`))
      .rows as { id: string }[];
    const made = await clients.get("owner")!.post(`${base()}/einwilligung`, {
      purpose: "Begleitung zur Anerkennung des Berufsabschlusses",
      categories: ["education"],
      recipients: [jugendamt],
      language: "tr",
      interpreter: "Sprachmittler des Pools",
      signedBy: "client",
      givenOn: "2026-11-10",
      validUntil: "2027-11-09",
    });
    expect(made.status).toBe(302);
    const [{ id }] = (
      await exec(sql`SELECT id FROM case_consents WHERE client_id = ${clientId}::uuid AND language = 'tr'`)
    ).rows as { id: string }[];
    const res = await clients.get("owner")!.get(`${base()}/einwilligung/${id}/pdf`);
    expect(res.status).toBe(200);
    const { text } = await pdfContent(await bytes(res));
    expect(text).toContain("Anerkennung des Berufsabschlusses");
    expect(text).toContain("Onay vermek zorunda değilsiniz");
    expect(text).toContain("Diller ve eğitim");
    expect(text).not.toContain("von rechts nach links");
    // The case page links the form of every version and, for the owner, the export.
    const page = await (await clients.get("owner")!.get(base())).text();
    expect(page).toContain(`/einwilligung/${id}/pdf`);
    expect(page).toContain(`/einwilligung/${jugendamtConsent}/pdf`);
    expect(page).toContain(`${base()}/auskunft`);
    expect(await (await clients.get("lead")!.get(base())).text()).not.toContain("/auskunft");
  });
});

describe("the break-glass page", () => {
  it("lets the Sozialamt ask, the Jobcenter's lead approve and its DPO review; the case opens meanwhile", async () => {
    const page = (a: Actor) => `/t/${slugOf.get(a)}/verwaltung/fallarbeit/notfallzugriff`;
    const [{ pseudonym }] = (await exec(sql`SELECT pseudonym FROM case_clients WHERE id = ${clientId}::uuid`)).rows as {
      pseudonym: string;
    }[];
    const caseUrl = `${page("noBasis").replace("/notfallzugriff", "")}/fall/${clientId}`;
    const reason = "Notfall: Termin heute, die Fallführung ist nicht erreichbar";
    const short = await clients
      .get("noBasis")!
      .post(page("noBasis"), { pseudonym, categories: "identity", reason: "kurz" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("20 bis 1000 Zeichen");
    const asked = await clients
      .get("noBasis")!
      .post(page("noBasis"), { intent: "request", pseudonym, categories: "identity", reason });
    expect(asked.status).toBe(302);
    expect((await clients.get("noBasis")!.get(caseUrl)).status).toBe(404);
    // The volunteer gets no form; the lead sees the request to approve.
    expect(await (await clients.get("volunteer")!.get(page("volunteer"))).text()).toContain(
      "kann keinen Notfallzugriff beantragen",
    );
    const leadPage = await (await clients.get("lead")!.get(page("lead"))).text();
    expect(leadPage).toContain(pseudonym);
    expect(leadPage).toContain("Termin heute");
    const [{ id }] = (await exec(sql`SELECT id FROM case_break_glass WHERE client_id = ${clientId}::uuid`)).rows as {
      id: string;
    }[];
    expect((await clients.get("lead")!.post(page("lead"), { intent: "approve", id })).status).toBe(302);
    const opened = await clients.get("noBasis")!.get(caseUrl);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(SENTINEL);
    const log = (
      await exec(sql`SELECT reason FROM case_access_events e JOIN case_staff s ON s.id = e.staff_id
        JOIN users u ON u.id = s.user_id WHERE e.client_id = ${clientId}::uuid AND u.email = 'fall.nobasis@example.org'
        AND e.action = 'read'`)
    ).rows as { reason: string }[];
    expect(log.map((r) => r.reason)).toEqual(["break_glass"]);
    expect((await clients.get("dpo")!.post(page("dpo"), { intent: "review", id, note: "Belegt." })).status).toBe(302);
    expect((await exec(sql`SELECT review_note FROM case_break_glass WHERE id = ${id}::uuid`)).rows).toEqual([
      { review_note: "Belegt." },
    ]);
    // Ended early: the case is closed to the Sozialamt again.
    await exec(sql`UPDATE case_break_glass SET expires_at = now() - interval '1 minute' WHERE id = ${id}::uuid`);
    expect((await clients.get("noBasis")!.get(caseUrl)).status).toBe(404);
  });
});

describe("the household page", () => {
  it("creates a household, takes a second client in, lists both with their plans, and takes one out", async () => {
    const owner = clients.get("owner")!;
    const base = "/t/staedteregion-aachen/verwaltung/fallarbeit";
    const intake = await owner.post(`${base}/aufnahme`, {
      familyName: "Zzyzxhaushalt",
      givenNames: "Kind",
      birthDate: "2014-03-09",
      intakeDate: "2026-11-20",
    });
    expect(intake.status).toBe(302);
    const childId = /\/fall\/([0-9a-f-]{36})/.exec(intake.headers.get("location")!)![1];
    const page = `${base}/fall/${clientId}/haushalt`;
    // The case page links the household page for whoever may read the family data.
    expect(await (await owner.get(`${base}/fall/${clientId}`)).text()).toContain(`/fall/${clientId}/haushalt`);
    const empty = await (await owner.get(page)).text();
    expect(empty).toContain("kein Haushalt erfasst");
    // The second client is offered by pseudonym (and name) in a select, not searched.
    expect(empty).toContain(`<option value="${childId}">`);
    expect((await owner.post(page, { intent: "link", memberId: "" })).status).toBe(400);
    expect((await owner.post(page, { intent: "create" })).status).toBe(302);
    expect((await owner.post(page, { intent: "link", memberId: childId })).status).toBe(302);
    const again = await owner.post(page, { intent: "link", memberId: childId });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("bereits zu diesem Haushalt");
    const html = await (await owner.get(page)).text();
    expect(html).toContain(SENTINEL);
    expect(html).toContain("Zzyzxhaushalt, Kind");
    expect(html).toContain(`/fall/${childId}/plan`);
    expect(html).toContain(`/fall/${clientId}/plan`);
    // The child's own page shows the same household.
    expect(await (await owner.get(`${base}/fall/${childId}/haushalt`)).text()).toContain(SENTINEL);
    // Nobody else sees it: the Jugendamt's consent does not name the family data.
    for (const actor of ["otherInstitution", "otherSite", "lead"] as const) {
      const res = await clients.get(actor)!.get(urlFor(actor, "fallarbeit/fall/:clientId/haushalt"));
      expect(res.status, actor).toBe(403);
      expect(await res.text()).not.toContain("Zzyzxhaushalt");
      const post = await clients
        .get(actor)!
        .post(urlFor(actor, "fallarbeit/fall/:clientId/haushalt"), { intent: "remove", memberId: childId });
      expect(post.status, actor).toBe(400);
    }
    const shown = (
      await exec(sql`SELECT e.client_id FROM case_access_events e JOIN case_staff st ON st.id = e.staff_id
        JOIN users u ON u.id = st.user_id WHERE u.email = 'fall.owner@example.org' AND e.action = 'read'
        AND 'family' = ANY (e.categories) AND e.client_id = ${childId}::uuid`)
    ).rows;
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect((await owner.post(page, { intent: "remove", memberId: childId })).status).toBe(302);
    const after = await (await owner.get(page)).text();
    expect(after).not.toContain("Zzyzxhaushalt, Kind</td>");
    expect((await owner.post(page, { intent: "remove", memberId: clientId })).status).toBe(302);
    expect(await (await owner.get(page)).text()).toContain("kein Haushalt erfasst");
    const left = (
      await exec(sql`SELECT count(*)::int AS n FROM case_households h JOIN case_institutions i
        ON i.id = h.owner_institution_id WHERE i.name = 'Jobcenter (Test)'`)
    ).rows as { n: number }[];
    expect(left[0].n).toBe(0);
  });
});
