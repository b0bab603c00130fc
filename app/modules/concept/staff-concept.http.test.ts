import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";

// Issue 18 item 1: the staff concept page opens on the overview (status of the measures, funding, goal
// tree); editing sits behind actions that are closed until asked for, or open with what was typed when
// the form came back with errors. No select starts on a destructive value, and every id is unique.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
let adopted: string, draft: string;
const PAGE = "/t/aachen/verwaltung/konzept";
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  [{ id: adopted }] = await q<{ id: string }>(
    sql`SELECT e.id::text FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'aachen' AND e.status = 'beschlossen'`,
  );
  const made = await as("editor").post(PAGE, { intent: "edition", title: "Entwurf 2027", copyFrom: adopted });
  expect(made.status).toBe(200);
  [{ id: draft }] = await q<{ id: string }>(sql`SELECT id::text FROM concept_editions WHERE title = 'Entwurf 2027'`);
});
afterAll(async () => {
  await s?.close();
});

/** The page's markup from its h1 on (the layout's header and menu come before it), without scripts. */
const body = (html: string) => {
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
  return markup.slice(markup.indexOf("<h1"));
};
const get = async (path: string) => (await as("editor").get(path)).text();

/** Every id given twice, and every reference (for=, aria-*, in-page link) to an id that is not there. */
function idProblems(html: string): string[] {
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
  const ids = [...markup.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const problems = ids.filter((id) => seen.size === seen.add(id).size).map((id) => `id "${id}" twice`);
  const refs = [
    ...[...markup.matchAll(/\s(?:for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"/g)].flatMap((m) =>
      m[1].split(/\s+/),
    ),
    ...[...markup.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]),
  ];
  return [...problems, ...refs.filter((r) => r && !seen.has(r)).map((r) => `"${r}" points nowhere`)];
}

/** The opening tag of the action disclosure that holds the element with this id. */
function actionOf(html: string, id: string): string {
  const at = html.indexOf(` id="${id}"`);
  expect(at, id).toBeGreaterThan(0);
  const start = html.lastIndexOf('<details class="concept-action"', at);
  expect(start, `${id} is behind an action`).toBeGreaterThanOrEqual(0);
  expect(html.slice(start, at)).not.toContain("</details>");
  return html.slice(start, html.indexOf(">", start) + 1);
}
const isOpen = (tag: string) => /\sopen(=|>|\s)/.test(tag);

describe("the staff concept page", () => {
  it("opens on the overview: the status of the measures before any form, then editions and settings", async () => {
    for (const path of [PAGE, `${PAGE}?fassung=${draft}`]) {
      const html = body(await get(path));
      const at = (marker: string) => {
        const i = html.indexOf(marker);
        expect(i, `${marker} on ${path}`).toBeGreaterThan(0);
        return i;
      };
      const overview = at('id="sec-dash"');
      expect(overview, path).toBeLessThan(at("<form"));
      // The overview's parts in their order, then the editions and the settings.
      const order = ['id="sec-dash"', 'id="sec-fund"', 'id="sec-tree"', 'id="sec-ed"', 'id="sec-settings"'].map(at);
      expect(order, path).toEqual([...order].sort((a, b) => a - b));
      // Every action is closed when the page opens.
      const actions = [...html.matchAll(/<details class="concept-action"[^>]*>/g)].map((m) => m[0]);
      expect(actions.length, path).toBeGreaterThanOrEqual(path === PAGE ? 4 : 5);
      expect(actions.filter(isOpen), path).toEqual([]);
    }
    const draftPage = plain(await get(`${PAGE}?fassung=${draft}`));
    for (const label of ["Ziel hinzufügen", "Neue Fassung anlegen", "Einstellungen ändern"])
      expect(draftPage).toContain(label);
  });

  it("gives no id twice and every reference finds its element, in an adopted edition and in a draft", async () => {
    for (const path of [PAGE, `${PAGE}?fassung=${draft}`]) {
      const html = await get(path);
      expect(idProblems(html), path).toEqual([]);
    }
    // Both forms with a title field are in the draft's page, each with its own id.
    const html = await get(`${PAGE}?fassung=${draft}`);
    expect(html).toContain('id="f-goal-title"');
    expect(html).toContain('id="f-edition-title"');
    expect(html).not.toContain('id="f-title"');
  });

  it("starts the edition's status select on 'bitte wählen', never on 'abgelöst'", async () => {
    const html = body(await get(PAGE));
    const select = html.slice(html.indexOf('<select class="kern-form-input__select" id="f-edition-status-to"'));
    const options = select.slice(0, select.indexOf("</select>"));
    expect(options).toContain('value="abgeloest"');
    expect(options).toMatch(/<option value="" selected="">– bitte wählen –<\/option>/);
    expect(options).not.toMatch(/value="abgeloest" selected/);

    // Sent without a choice (without JavaScript nothing stops it), the edition stays adopted.
    const none = await as("editor").post(PAGE, { intent: "editionStatus", editionId: adopted, to: "" });
    expect(none.status).toBe(400);
    const page = await none.text();
    expect(plain(page)).toContain("Bitte den neuen Status der Fassung wählen.");
    expect(isOpen(actionOf(body(page), "f-edition-status-to"))).toBe(true);
    expect(idProblems(page)).toEqual([]);
    // A step the edition cannot take is named at the select, where the error summary links.
    const wrong = await (
      await as("editor").post(PAGE, { intent: "editionStatus", editionId: adopted, to: "entwurf" })
    ).text();
    expect(wrong).toContain('href="#f-edition-status-to"');
    expect(plain(wrong)).toContain("kann nicht in den Status");
    expect(idProblems(wrong)).toEqual([]);
    const [{ status }] = await q<{ status: string }>(sql`SELECT status FROM concept_editions WHERE id = ${adopted}`);
    expect(status).toBe("beschlossen");
  });

  it("opens the action whose form came back with errors, keeping what was typed, and only that one", async () => {
    const res = await as("editor").post(`${PAGE}?fassung=${draft}`, {
      intent: "goal",
      editionId: draft,
      kind: "themenfeld",
      number: "9",
      title: "",
    });
    expect(res.status).toBe(400);
    const html = body(await res.text());
    expect(isOpen(actionOf(html, "f-goal-title"))).toBe(true);
    expect(html).toMatch(/id="f-goal-number"[^>]*value="9"|value="9"[^>]*id="f-goal-number"/);
    expect(html).toContain('href="#f-goal-title"');
    expect(isOpen(actionOf(html, "f-edition-title"))).toBe(false);
    expect(isOpen(actionOf(html, "f-edition-status-to"))).toBe(false);

    const short = await as("editor").post(PAGE, { intent: "edition", title: "x", haltung: "Wir alle." });
    expect(short.status).toBe(400);
    const again = body(await short.text());
    expect(isOpen(actionOf(again, "f-edition-title"))).toBe(true);
    expect(again).toContain("Wir alle.");
    expect(isOpen(actionOf(again, "f-threeYearRule"))).toBe(false);
  });

  it("shows a viewer the overview without any action", async () => {
    const html = body(await (await as("viewer").get(PAGE)).text());
    expect(html).toContain('id="sec-dash"');
    expect(html).not.toContain("<form");
    expect(html).not.toContain("concept-action");
  });
});
