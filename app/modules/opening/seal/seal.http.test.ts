import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { DEMO_PASSWORD, plain, queryRows, roleClients, ROLES } from "../../../../tests/support/roles";

// The seal, clause and training pages against the production build with the demo data: who may read
// and post, tenant isolation, the public holder list and API, and the anonymous evaluation form.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
let kreisEditor: Client;
const query = queryRows(() => s);
const STAFF = "/t/aachen/verwaltung/oeffnung";
const KREIS = "/t/staedteregion-aachen/verwaltung/oeffnung";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  kreisEditor = new Client(s.url);
  await kreisEditor.login("editor.staedteregion-aachen@example.org", DEMO_PASSWORD);
});
afterAll(async () => {
  await s?.close();
});

const idIn = (html: string, path: string) => html.match(new RegExp(`${path}/([0-9a-f-]{36})"`))![1];

describe("who may use the pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and only editors post", async () => {
    const course = idIn(await (await as("viewer").get(`${STAFF}/schulungen`)).text(), "schulungen");
    const pages = [
      `${STAFF}/siegel`,
      `${STAFF}/stellenausschreibungen`,
      `${STAFF}/stellenausschreibungen?ansicht=text`,
      `${STAFF}/schulungen`,
      `${STAFF}/schulungen/${course}`,
    ];
    const got: Record<string, number[]> = {};
    for (const role of ROLES) got[role] = await Promise.all(pages.map(async (p) => (await as(role).get(p)).status));
    expect(got).toEqual({
      anonymous: [302, 302, 302, 302, 302],
      partner: [403, 403, 403, 403, 403],
      viewer: [200, 200, 200, 200, 200],
      editor: [200, 200, 200, 200, 200],
      admin: [200, 200, 200, 200, 200],
    });
    const posts: Record<string, number[]> = {};
    for (const role of ROLES)
      posts[role] = [
        (
          await as(role).post(`${STAFF}/siegel`, {
            intent: "create",
            applicantName: `Org ${role}`,
            appliedOn: "2024-01-01",
          })
        ).status,
        (
          await as(role).post(`${STAFF}/stellenausschreibungen`, {
            intent: "add",
            body: `Text ${role}`,
            sourceLabel: "Test",
          })
        ).status,
        (await as(role).post(`${STAFF}/schulungen`, { title: `Kurs ${role}` })).status,
      ];
    expect(posts).toEqual({
      anonymous: [302, 302, 302],
      partner: [403, 403, 403],
      viewer: [403, 403, 403],
      editor: [302, 302, 302],
      admin: [302, 302, 302],
    });
    // The overview lists the three parts.
    const overview = plain(await (await as("viewer").get(STAFF)).text());
    for (const t of ["Siegel „Interkulturell orientiert“", "Formulierungen für Stellenausschreibungen", "Schulungen"])
      expect(overview).toContain(t);
  });

  it("keeps each tenant's cases to itself", async () => {
    const kreisCase = idIn(await (await kreisEditor.get(`${KREIS}/siegel`)).text(), "siegel");
    expect((await as("admin").get(`${STAFF}/siegel/${kreisCase}`)).status).toBe(404);
    expect((await as("admin").post(`${STAFF}/siegel/${kreisCase}`, { intent: "agree", on: "2024-01-01" })).status).toBe(
      404,
    );
    expect(plain(await (await as("admin").get(`${STAFF}/siegel`)).text())).not.toContain("Beispielgemeinde Am Venn");
  });
});

describe("the seal", () => {
  it("lists the Kreis's current holders publicly, on the page and in the API, and not the expired or unfinished", async () => {
    const anon = new Client(s.url);
    const res = await anon.get("/t/staedteregion-aachen/siegel");
    expect(res.status).toBe(200);
    const page = plain(await res.text());
    expect(page).toContain("Beispielgemeinde Am Venn (Beispiel)");
    expect(page).toContain("Beispielstadt an der Wurm (Beispiel)");
    for (const n of ["Musterverein Vielfalt", "Beispiel-Wohlfahrtsverband Eifel", "Beispielbetrieb Handwerk"])
      expect(page).not.toContain(n);
    const api = await anon.get("/api/v1/t/staedteregion-aachen/seal-holders");
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      date: string;
      holders: { name: string; validUntil: string; isDemo: boolean }[];
    };
    expect(body.holders.map((h) => h.name)).toEqual([
      "Beispielgemeinde Am Venn (Beispiel)",
      "Beispielstadt an der Wurm (Beispiel)",
    ]);
    expect(body.holders.every((h) => h.isDemo && h.validUntil >= body.date)).toBe(true);
    // Another tenant has none; an unknown one is 404.
    expect(((await (await anon.get("/api/v1/t/koeln/seal-holders")).json()) as { holders: unknown[] }).holders).toEqual(
      [],
    );
    expect((await anon.get("/api/v1/t/gibt-es-nicht/seal-holders")).status).toBe(404);
    const doc = (await (await anon.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/v1/t/{slug}/seal-holders");
  });

  it("takes an editor from application to award, refusing the award while a milestone is open", async () => {
    const create = await kreisEditor.post(`${KREIS}/siegel`, {
      intent: "create",
      applicantName: "Gemeinde Testheim",
      appliedOn: "2024-01-10",
    });
    expect(create.status).toBe(302);
    const url = create.headers.get("location")!.replace(/\?.*$/, "");
    // Both an organisation and a name: refused with the form's message.
    const org = await query<{ id: string }>(
      sql`SELECT o.id FROM organisations o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = 'staedteregion-aachen' LIMIT 1`,
    );
    const both = await kreisEditor.post(`${KREIS}/siegel`, {
      intent: "create",
      organisationId: org[0].id,
      applicantName: "Doppelt",
      appliedOn: "2024-01-10",
    });
    expect(both.status).toBe(400);
    expect(plain(await both.text())).toContain("nicht beides");

    expect((await kreisEditor.post(url, { intent: "milestone", title: "Leitbild", dueOn: "2024-03-01" })).status).toBe(
      302,
    );
    expect((await kreisEditor.post(url, { intent: "agree", on: "2024-01-20" })).status).toBe(302);
    const refused = await kreisEditor.post(url, { intent: "award", on: "2024-04-01" });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain("1 Meilenstein(e) sind an diesem Tag nicht erreicht");
    const milestone = (await kreisEditor.get(url).then((r) => r.text())).match(
      /name="milestoneId" value="([0-9a-f-]{36})"/,
    )![1];
    expect((await kreisEditor.post(url, { intent: "done", milestoneId: milestone, on: "2024-02-20" })).status).toBe(
      302,
    );
    // A day that is no date: the form's message, not a 500.
    expect((await kreisEditor.post(url, { intent: "award", on: "kein Datum" })).status).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    expect((await kreisEditor.post(url, { intent: "award", on: today })).status).toBe(302);
    expect(plain(await (await new Client(s.url).get("/t/staedteregion-aachen/siegel")).text())).toContain(
      "Gemeinde Testheim",
    );
    const log = await query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'opening_seal_case' AND entity_id = ${url.split("/").at(-1)} ORDER BY at`,
    );
    expect(log.map((l) => l.action)).toEqual(["create", "status", "award"]);
  });
});

describe("the job-ad clauses", () => {
  it("show the seed's clauses with their source, a text view to copy, and keep the built-in ones", async () => {
    const page = plain(await (await as("viewer").get(`${STAFF}/stellenausschreibungen`)).text());
    expect(page).toContain("„Wir freuen uns über Bewerbungen von Menschen mit Migrationshintergrund.“");
    expect(page).toContain("Kreis Lippe, Quelle: Datei 004, Zeilen 745–748");
    const text = await (await as("viewer").get(`${STAFF}/stellenausschreibungen?ansicht=text`)).text();
    expect(text).toMatch(/<textarea[^>]*readOnly|<textarea[^>]*readonly/);
    expect(text).toContain(
      "Diese Stellenausschreibung wendet sich ausdrücklich auch an Menschen mit Migrationshintergrund",
    );
    const [builtin] = await query<{ id: string }>(
      sql`SELECT c.id FROM opening_job_ad_clauses c JOIN tenants t ON t.id = c.tenant_id
          WHERE t.slug = 'aachen' AND builtin_key = 'lvr_freuen'`,
    );
    const del = await as("editor").post(`${STAFF}/stellenausschreibungen`, { intent: "delete", clauseId: builtin.id });
    expect(del.status).toBe(400);
    expect(plain(await del.text())).toContain("können nicht gelöscht werden");
  });
});

describe("the trainings", () => {
  it("show the demo course's results with the small session hidden", async () => {
    const list = await (await as("viewer").get(`${STAFF}/schulungen`)).text();
    const course = idIn(list, "schulungen");
    const page = plain(await (await as("viewer").get(`${STAFF}/schulungen/${course}`)).text());
    expect(page).toContain("Interkulturelle Kompetenz für mehr Handlungskompetenz in Beruf und Alltag");
    expect(page).toContain("weniger als 5 Bewertungen");
    expect(page).toContain("1. Halbjahr 2026");
    expect(page).toContain("FB 56 – Wohnen, Soziales und Integration");
  });

  it("take an anonymous evaluation by code without JavaScript, and refuse an unknown code or a missing mark", async () => {
    const [session] = await query<{ id: string; eval_code: string }>(
      sql`SELECT s.id, s.eval_code FROM opening_training_sessions s JOIN tenants t ON t.id = s.tenant_id
          WHERE t.slug = 'aachen' ORDER BY held_on DESC LIMIT 1`,
    );
    const anon = new Client(s.url);
    const form = await anon.get(`/t/aachen/schulung-bewerten?code=${session.eval_code}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${session.eval_code}"`);
    const count = async () =>
      (
        await query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM opening_training_evaluations WHERE session_id = ${session.id}`,
        )
      )[0].n;
    const before = await count();
    const ok = await anon.post("/t/aachen/schulung-bewerten", {
      code: session.eval_code,
      insights: "1",
      interest: "2",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/t/aachen/schulung-bewerten?ok=1");
    expect(await count()).toBe(before + 2);
    const unknown = await anon.post("/t/aachen/schulung-bewerten", { code: "ZZZZZZZZ", insights: "1", interest: "1" });
    expect(unknown.status).toBe(400);
    expect(plain(await unknown.text())).toContain("Diesen Code gibt es nicht");
    const missing = await anon.post("/t/aachen/schulung-bewerten", { code: session.eval_code, insights: "1" });
    expect(missing.status).toBe(400);
    expect(plain(await missing.text())).toContain("Bitte eine Note von 1 bis 5 wählen.");
    // Another tenant's code is unknown here.
    expect(
      (await anon.post("/t/koeln/schulung-bewerten", { code: session.eval_code, insights: "1", interest: "1" })).status,
    ).toBe(400);
    expect(await count()).toBe(before + 2);
  });
});
