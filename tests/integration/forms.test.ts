import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";

// Forms without JavaScript: a rejected submission comes back as the server-rendered page with the
// errors in the page's language and every value the user typed (docs/decisions/0008).
const PW = "Teilhabe-Demo-2026";
const NEW_MEASURE = "/t/aachen/verwaltung/massnahmen/neu";
const ORGS = "/t/aachen/verwaltung/organisationen";
let s: TestServer;
let editor: Client;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  editor = new Client(s.url);
  await editor.login("editor.aachen@example.org", PW);
});
afterAll(async () => {
  await s?.close();
});

/** Posts repeated fields (multi-selects, checkbox groups) as a browser does. */
async function postForm(c: Client, path: string, pairs: [string, string][]) {
  const body = new URLSearchParams([["_csrf", c.cookies.get("teilhabe_csrf")!], ...pairs]);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  const res = await fetch(s.url + path, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  return { status: res.status, html: await res.text() };
}

const optionValues = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1];
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
};
const checkboxValues = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]+)"`, "g"))].map((m) => m[1]);
const selected = (html: string, value: string) =>
  new RegExp(`<option value="${value}" selected=""`).test(html) ||
  new RegExp(`<option selected="" value="${value}"`).test(html);
// React may write `checked` before or after `value`.
const checked = (html: string, value: string) =>
  (html.match(/<input[^>]*>/g) ?? []).some((tag) => tag.includes(`value="${value}"`) && tag.includes('checked=""'));

describe("a rejected form without JavaScript", () => {
  let goals: string[], hfs: string[], orgs: string[], editionId: string;
  beforeAll(async () => {
    const html = await (await editor.get(NEW_MEASURE)).text();
    goals = optionValues(html, "goalIds");
    hfs = checkboxValues(html, "handlungsfeldIds");
    orgs = checkboxValues(html, "partnerOrganisationIds");
    editionId = /name="editionId" value="([^"]+)"/.exec(html)![1];
    expect(goals.length).toBeGreaterThan(2);
    expect(hfs.length).toBeGreaterThan(1);
  });

  const measure = (): [string, string][] => [
    ["editionId", editionId],
    ["code", ""],
    ["title", "Sprachcafé für Eltern"],
    ["description", "Wöchentlich im Familienzentrum <b>Nord</b>."],
    ["goalIds", goals[0]],
    ["goalIds", goals[2]],
    ["goalIds", ""],
    ["handlungsfeldIds", hfs[1]],
    ["leadOrganisationId", orgs[0]],
    ["partnerOrganisationIds", orgs[1]],
    ["targetGroups", "Eltern mit kleinen Kindern"],
    ["startsOn", "01.09.2026"],
    ["endsOn", "31.08.2027"],
    ["quantitativeTarget", "40 Familien"],
    ["budget", "12.500,50"],
    ["progress", "10"],
    ["internalNote", "Raum noch offen"],
  ];

  it("keeps every value of the measure form and names the error in German", async () => {
    const { status, html } = await postForm(editor, NEW_MEASURE, measure());
    expect(status).toBe(400);
    expect(html).toContain("Bitte eine Kennung angeben.");
    expect(html).toContain('value="Sprachcafé für Eltern"');
    expect(html).toContain("Wöchentlich im Familienzentrum &lt;b&gt;Nord&lt;/b&gt;.</textarea>");
    expect(html).toContain('value="Eltern mit kleinen Kindern"');
    expect(html).toContain('value="01.09.2026"');
    expect(html).toContain('value="31.08.2027"');
    expect(html).toContain('value="40 Familien"');
    expect(html).toContain('value="12.500,50"');
    expect(html).toContain("Raum noch offen</textarea>");
    // Both chosen goals, each in its own select, and a third empty one for another goal.
    expect(selected(html, goals[0]) && selected(html, goals[2])).toBe(true);
    expect(selected(html, goals[1])).toBe(false);
    expect(html.match(/name="goalIds"/g)).toHaveLength(3);
    expect(checked(html, hfs[1])).toBe(true);
    expect(checked(html, hfs[0])).toBe(false);
    expect(selected(html, orgs[0])).toBe(true);
    expect(checked(html, orgs[1])).toBe(true);
    // The action data in the page (for hydration) carries no CSRF token: as many mentions as a fresh page.
    const fresh = await (await editor.get(NEW_MEASURE)).text();
    expect(html.split("_csrf").length).toBe(fresh.split("_csrf").length);
    expect(html).toContain("Sprachcafé für Eltern");
  });

  it("reports a service error (duplicate code) with the typed values kept", async () => {
    const pairs = measure().map(([k, v]): [string, string] => [k, k === "code" ? "M 1.1.3-1" : v]);
    const { status, html } = await postForm(editor, NEW_MEASURE, pairs);
    expect(status).toBe(400);
    expect(html).toContain("Die Kennung „M 1.1.3-1“ ist in dieser Fassung schon vergeben.");
    expect(html).toContain('value="12.500,50"');
  });

  it("speaks English in the English interface, on the measure form and the organisation form", async () => {
    await editor.get("/?lang=en");
    try {
      const m = await postForm(editor, NEW_MEASURE, measure());
      expect(m.status).toBe(400);
      expect(m.html).toContain("Please enter a code.");
      expect(m.html).not.toContain("Bitte eine Kennung angeben.");
      expect(m.html).toContain('value="Sprachcafé für Eltern"');

      const budget = measure().map(([k, v]): [string, string] => [
        k,
        k === "code" ? "EN-1" : k === "budget" ? "viel" : v,
      ]);
      const b = await postForm(editor, NEW_MEASURE, budget);
      expect(b.html).toContain("The budget must be a number (e.g. 12.500,00).");
      expect(b.html).toContain('value="viel"');

      const o = await postForm(editor, ORGS, [
        ["name", "X"],
        ["kind", "verein"],
        ["email", "keine-adresse"],
        ["website", "https://example.org/x"],
      ]);
      expect(o.status).toBe(400);
      expect(o.html).toContain("Please enter at least 2 characters.");
      expect(o.html).toContain('value="https://example.org/x"');
    } finally {
      await editor.get("/?lang=de");
    }
    const o = await postForm(editor, ORGS, [
      ["name", "X"],
      ["kind", "verein"],
      ["email", "keine-adresse"],
    ]);
    expect(o.html).toContain("Bitte geben Sie mindestens 2 Zeichen an.");
    expect(o.html).toContain("Bitte geben Sie eine gültige E-Mail-Adresse an.");
    expect(o.html).toContain('value="keine-adresse"');
  });

  it("never sends a password back", async () => {
    const c = new Client(s.url);
    const res = await c.post("/anmelden", { email: "editor.aachen@example.org", password: "falsch-und-geheim" });
    const html = await res.text();
    expect(res.status).toBe(401);
    expect(html).toContain('value="editor.aachen@example.org"');
    expect(html).not.toContain("falsch-und-geheim");
  });
});
