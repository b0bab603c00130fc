import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";

// The public page cache (decision 0018): anonymous visitors share rendered pages, and a write to the
// tenant's content is visible on the very next request.
const PW = "Teilhabe-Demo-2026";
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

const anon = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(s.url + path, { headers, redirect: "manual" });
  return { res, state: res.headers.get("x-page-cache"), html: await res.text() };
};

async function measureWithStatus(status: string, nth = 0): Promise<{ id: string; title: string }> {
  const r = await fetch(`${s.url}/api/v1/t/aachen/measures?status=${status}`);
  return ((await r.json()) as { measures: { id: string; title: string }[] }).measures[nth]!;
}

/** The editor moves a measure on through the staff form, as in the browser. */
async function setStatus(id: string, to: string, reason: string) {
  const r = await editor.post(`/t/aachen/verwaltung/massnahmen/${id}`, { intent: "status", to, reason });
  expect(r.status).toBeLessThan(400);
}

describe("public page cache", () => {
  it("serves the second anonymous request from the cache, without any visitor's nonce or token", async () => {
    const first = await anon("/t/aachen?probe=1");
    const second = await anon("/t/aachen?probe=1");
    expect(first.res.status).toBe(200);
    expect([first.state, second.state]).toEqual(["miss", "hit"]);
    expect(second.html).toBe(first.html);
    for (const r of [first, second]) {
      expect(r.res.headers.getSetCookie()).toEqual([]);
      expect(r.html).not.toMatch(/nonce="/);
      expect(r.html).toContain('\\"csrfToken\\",\\"\\"');
    }
    // The page's inline scripts are allowed by hash, and only they: each hash is of one of them.
    const csp = second.res.headers.get("content-security-policy")!;
    expect(csp).not.toContain("'nonce-");
    const inline = [...second.html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
    );
    expect(inline.length).toBeGreaterThan(0);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.split(" ");
    expect(new Set(scriptSrc.filter((x) => x.startsWith("'sha256-")))).toEqual(new Set(inline));
  });

  it("answers 304 to a matching ETag or Last-Modified", async () => {
    const { res } = await anon("/t/aachen/konzept");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    expect((await anon("/t/aachen/konzept", { "if-none-match": etag })).res.status).toBe(304);
    expect((await anon("/t/aachen/konzept", { "if-none-match": '"other"' })).res.status).toBe(200);
    const lm = res.headers.get("last-modified")!;
    expect((await anon("/t/aachen/konzept", { "if-modified-since": lm })).res.status).toBe(304);
  });

  it("shows an editor's change on the very next anonymous request", async () => {
    const m = await measureWithStatus("beschlossen");
    const path = `/t/aachen/konzept/massnahmen/${m.id}`;
    await anon(path);
    const before = await anon(path);
    expect(before.state).toBe("hit");
    expect(before.html).toContain("beschlossen");
    await setStatus(m.id, "in_umsetzung", "Start");
    const after = await anon(path);
    expect(after.state).toBe("miss");
    expect(after.html).toContain("in Umsetzung");
  });

  it("keeps another tenant's pages when one tenant writes, and drops them after a write in SQL", async () => {
    await anon("/t/koeln");
    expect((await anon("/t/koeln")).state).toBe("hit");
    const m = await measureWithStatus("beschlossen");
    await setStatus(m.id, "in_umsetzung", "Beginn");
    expect((await anon("/t/koeln")).state).toBe("hit");
    // As another app instance or the CLI would: straight into the database.
    await s.db.orm.execute(sql`UPDATE tenants SET name = 'Stadt Köln am Rhein' WHERE slug = 'koeln'`);
    const after = await anon("/t/koeln");
    expect(after.state).toBe("miss");
    expect(after.html).toContain("Stadt Köln am Rhein");
  });

  it("never caches for logged-in visitors, a language switch or a page that is not plain", async () => {
    const logged = await editor.get("/t/aachen");
    expect(logged.headers.get("x-page-cache")).toBeNull();
    expect(await logged.text()).toMatch(/nonce="/);
    const switched = await anon("/t/aachen?lang=en");
    expect(switched.state).toBeNull();
    expect(switched.res.headers.getSetCookie().join()).toContain("teilhabe_lang=en");
    // Staff area for a stranger: a redirect to the login, rendered for each request.
    for (let i = 0; i < 2; i++) {
      const staff = await anon("/t/aachen/verwaltung");
      expect(staff.res.status).toBe(302);
      expect(staff.state).toBeNull();
    }
  });

  it("keeps public API answers the same way, but not for a caller with an API token", async () => {
    const m = await measureWithStatus("beschlossen");
    const path = `/api/v1/t/aachen/measures?q=${encodeURIComponent(m.title)}`;
    const first = await anon(path);
    const second = await anon(path);
    expect([first.state, second.state]).toEqual(["miss", "hit"]);
    expect(second.html).toBe(first.html);
    expect(second.res.headers.get("content-type")).toContain("application/json");
    expect((await anon(path, { "if-none-match": second.res.headers.get("etag")! })).res.status).toBe(304);
    await setStatus(m.id, "in_umsetzung", "API");
    const after = await anon(path);
    expect(after.state).toBe("miss");
    expect(JSON.parse(after.html).measures[0].status).toBe("in_umsetzung");
    // A token may see more than the public: its answers are never shared.
    const withToken = await anon(path, { authorization: "Bearer invalid" });
    expect(withToken.state).toBeNull();
    expect(withToken.res.status).toBe(401);
  });

  it("keys pages by language", async () => {
    const de = await anon("/t/aachen", { "accept-language": "de" });
    const en = await anon("/t/aachen", { "accept-language": "en" });
    expect(de.html).toContain('lang="de"');
    expect(en.html).toContain('lang="en"');
  });
});
