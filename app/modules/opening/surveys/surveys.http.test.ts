import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { plain, roleClients, ROLES } from "../../../../tests/support/roles";
import { DEMO_SURVEY } from "./demo";

// The survey pages against the production build with the demo data: who may read and post, tenant
// isolation, and a survey's whole life as staff and respondents meet it.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
let demo: string;
const LIST = "/t/aachen/verwaltung/oeffnung/befragungen";

const query = async <T>(q: ReturnType<typeof sql>) => ((await s.db.orm.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  [{ id: demo }] = await query<{ id: string }>(
    sql`SELECT id::text AS id FROM opening_surveys WHERE title = ${DEMO_SURVEY}`,
  );
});
afterAll(async () => {
  await s?.close();
});

describe("who may use the survey pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and editors change", async () => {
    const pages = [
      LIST,
      `${LIST}/neu`,
      `${LIST}/${demo}`,
      `${LIST}/${demo}/ergebnisse`,
      `${LIST}/zeitreihe`,
      `${LIST}/zeitreihe.csv`,
    ];
    const got: Record<string, number[]> = {};
    for (const role of ROLES) got[role] = await Promise.all(pages.map(async (p) => (await as(role).get(p)).status));
    expect(got).toEqual({
      anonymous: [302, 302, 302, 302, 302, 302],
      partner: [403, 403, 403, 403, 403, 403],
      viewer: [200, 403, 200, 200, 200, 200],
      editor: [200, 200, 200, 200, 200, 200],
      admin: [200, 200, 200, 200, 200, 200],
    });
    const posts: Record<string, number[]> = {};
    for (const role of ROLES)
      posts[role] = [
        (await as(role).post(LIST, { intent: "k", k: "12" })).status,
        (await as(role).post(`${LIST}/${demo}/ergebnisse`, { intent: "series", year: "2025" })).status,
      ];
    expect(posts).toEqual({
      anonymous: [302, 302],
      partner: [403, 403],
      viewer: [403, 403],
      editor: [403, 302],
      admin: [302, 302],
    });
    expect(plain(await (await as("viewer").get(LIST)).text())).toContain("k (Mindestgruppengröße): 12");
    await as("admin").post(LIST, { intent: "k", k: "10" });
  });

  it("keeps another tenant's survey out of reach", async () => {
    const koeln = await roleClients(s, "koeln");
    expect((await koeln("admin").get(`/t/koeln/verwaltung/oeffnung/befragungen/${demo}`)).status).toBe(404);
    expect((await koeln("admin").get(`/t/koeln/verwaltung/oeffnung/befragungen/${demo}/ergebnisse`)).status).toBe(404);
    expect((await new Client(s.url).get(`/t/koeln/befragung/${demo}`)).status).toBe(200);
    expect(plain(await (await new Client(s.url).get(`/t/koeln/befragung/${demo}`)).text())).toContain(
      "nicht (mehr) geöffnet",
    );
  });

  it("shows the demo's results with its example note, methodology and suppression", async () => {
    const html = plain(await (await as("viewer").get(`${LIST}/${demo}/ergebnisse`)).text());
    expect(html).toContain("Beispieldaten");
    expect(html).toContain("Methodik");
    expect(html).toMatch(/Rücklaufquote 60,0 %/);
    expect(html).toContain("unterdrückt");
    const csv = await (await as("viewer").get(`${LIST}/zeitreihe.csv?org=`)).text();
    expect(csv).toContain("Jahr;Anteil (%)");
  });
});

describe("a survey from creation to results", () => {
  it("codes work once, the respondent's form needs CSRF, results answer 409 until closed", async () => {
    const editor = as("editor");
    const created = await editor.post(`${LIST}/neu`, {
      title: "Nutzendenbefragung Bürgerservice",
      kind: "users",
      opensOn: "2026-04-01",
      closesOn: "2026-04-30",
      periodLabel: "2026",
      mode: "codes",
      headcount: "50",
      benchmarkShare: "38,5",
      benchmarkSource: "Statistikstelle 2025",
    });
    expect(created.status).toBe(302);
    const page = created.headers.get("location")!.split("?")[0];
    const id = page.split("/").pop()!;
    // Opening without the staff council's agreement is refused with a German message.
    const refused = await editor.post(page, { intent: "open" });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain("Zustimmung des Personalrats");
    expect(
      (await editor.post(page, { intent: "council", agreedOn: "2026-03-20", reference: "PR 4/2026" })).status,
    ).toBe(302);
    expect((await editor.post(page, { intent: "open" })).status).toBe(302);
    const printed = await editor.post(page, { intent: "codes", count: "12" });
    expect(printed.status).toBe(200);
    const CODE = /[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}/g;
    // Each code is in the page twice (the list and the page's data): the distinct ones.
    const codes = [...new Set((await printed.text()).match(CODE))];
    expect(codes).toHaveLength(12);
    const csv = await editor.post(`${page}/codes.csv`, { count: "3" });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).match(CODE)).toHaveLength(3);

    const results = `${page}/ergebnisse`;
    expect((await as("viewer").get(results)).status).toBe(409);

    const respondent = new Client(s.url);
    const form = await respondent.get(`/t/aachen/befragung/${id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="_csrf"');
    const answerUrl = `/t/aachen/befragung/${id}`;
    expect((await respondent.post(answerUrl, { code: codes[0], migration: "yes" }, { csrf: null })).status).toBe(403);
    // The entry page finds the survey by its code without using it up.
    const entry = await respondent.post("/t/aachen/befragung", { intent: "code", code: codes[0] });
    expect(plain(await entry.text())).toContain("Nutzendenbefragung Bürgerservice");
    const ok = await respondent.post(answerUrl, { code: codes[0], migration: "yes", languages: "tr" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${answerUrl}?ok=1`);
    const again = await respondent.post(answerUrl, { code: codes[0], migration: "no" });
    expect(again.status).toBe(400);
    expect(plain(await again.text())).toContain("schon verwendet");
    for (const c of codes.slice(1))
      expect((await respondent.post(answerUrl, { code: c, migration: "no" })).status).toBe(302);

    expect((await editor.post(page, { intent: "close" })).status).toBe(302);
    const [{ n }] = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM opening_survey_answers WHERE survey_id = ${id}`,
    );
    expect(n).toBe(12);
    const r = await as("viewer").get(results);
    expect(r.status).toBe(200);
    const text = plain(await r.text());
    expect(text).toContain("12 Antworten von 50 Angesprochenen – Rücklaufquote 24,0 %");
    expect(text).toContain("38,5 %");
    expect(text).toContain("Methodik");
    // 1 "yes" of 12 is below k: the cell and the share are suppressed, and so is "no" (11 = 12 − 1).
    expect(text).not.toMatch(/8,3 %/);
    expect((await respondent.post(answerUrl, { migration: "no" })).status).toBe(409);
  });
});
