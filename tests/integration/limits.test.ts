import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";

// A tiny upload limit (about 10 KB) so that an ordinary small file is already too large. The
// production build reads its configuration once per process, so the variable is set before it starts.
const before = process.env.UPLOAD_MAX_MB;
process.env.UPLOAD_MAX_MB = "0.01";
let s: TestServer;
const PW = "Teilhabe-Demo-2026";
const count = async (text: ReturnType<typeof sql>) =>
  ((await s.db.orm.execute(text)) as unknown as { rows: { n: number }[] }).rows[0].n;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
  if (before === undefined) delete process.env.UPLOAD_MAX_MB;
  else process.env.UPLOAD_MAX_MB = before;
});

async function postFile(c: Client, path: string, fields: Record<string, string>, name: string, content: string) {
  const fd = new FormData();
  fd.set("_csrf", c.cookies.get("teilhabe_csrf")!);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  fd.set("file", new Blob([content], { type: "text/csv" }), name);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  return fetch(s.url + path, { method: "POST", body: fd, headers: { cookie }, redirect: "manual" });
}

describe("upload limit (UPLOAD_MAX_MB)", () => {
  it("refuses a file over the limit with a translated message and stores nothing", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", PW);
    const uploads = sql`SELECT count(*)::int AS n FROM mon_uploads`;
    const stored = await count(uploads);
    const csv = "Stadtteil;Jahr;Einbürgerungen\n" + "101;2012;2\n".repeat(2000); // 22 KB
    const path = "/t/koeln/verwaltung/monitoring/import";

    const small = await postFile(editor, path, { intent: "upload" }, "klein.csv", "Stadtteil;Jahr;Wert\n101;2012;2\n");
    expect(small.status).toBe(302); // the limit lets ordinary files through
    const afterSmall = await count(uploads);
    expect(afterSmall).toBe(stored + 1);

    const de = await postFile(editor, path, { intent: "upload" }, "gross.csv", csv);
    expect(de.status).toBe(413);
    expect(await de.text()).toContain(
      "Die Datei ist zu groß: höchstens 0,01 MB sind erlaubt. Es wurde nichts gespeichert.",
    );
    const en = await postFile(editor, `${path}?lang=en`, { intent: "upload" }, "gross.csv", csv);
    expect(en.status).toBe(413);
    expect(await en.text()).toContain("The file is too large: at most 0.01 MB is allowed. Nothing has been saved.");
    expect(await count(uploads)).toBe(afterSmall);
    // The hint on the form names the same limit.
    expect(await (await editor.get(path)).text()).toContain("0,01 MB");
  });

  it("refuses a body far beyond the limit before reading it, in German and English", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const res = await postFile(
      editor,
      "/t/aachen/verwaltung/massnahmen/import",
      {},
      "riesig.csv",
      "x".repeat(1_200_000),
    );
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text).toContain("Die Datei ist zu groß: höchstens 0,01 MB");
    expect(text).toContain("The file is too large: at most 0.01 MB");
  });

  it("answers an unaccepted content type before any route, in German and English", async () => {
    const res = await fetch(`${s.url}/t/aachen/verwaltung/massnahmen/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(415);
    const text = await res.text();
    expect(text).toContain("Dieser Inhaltstyp wird nicht angenommen.");
    expect(text).toContain("This content type is not accepted.");
  });

  it("applies to the concept import too", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const measures = sql`SELECT count(*)::int AS n FROM concept_measures`;
    const n = await count(measures);
    const res = await postFile(editor, "/t/aachen/verwaltung/massnahmen/import", {}, "gross.csv", "x".repeat(20_000));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("höchstens 0,01 MB");
    expect(await count(measures)).toBe(n);
  });
});

describe("pagination (?seite=)", () => {
  it("pages the audit log, keeps the filters in its links and shows the last page for a page past the end", async () => {
    await s.db.orm.execute(sql`INSERT INTO audit_log (tenant_id, actor_label, action, entity, entity_id, at)
      SELECT t.id, 'Paging-Test', 'probe', 'pagetest', 'row-' || lpad(g::text, 3, '0'), now() - g * interval '1 second'
      FROM tenants t, generate_series(1, 120) g WHERE t.slug = 'aachen'`);
    const admin = new Client(s.url);
    await admin.login("admin.aachen@example.org", PW);
    // An entity nobody named is shown as its code, the record without a name by its id's start.
    const rowsOf = (html: string) =>
      [...html.matchAll(/pagetest<\/code>(?:<!-- -->)?\s*(?:<!-- -->)?<code>row-(\d{3})/g)].map((m) => m[1]);
    const base = "/t/aachen/verwaltung/protokoll?entity=pagetest";

    const p1 = await (await admin.get(base)).text();
    const p2 = await (await admin.get(`${base}&seite=2`)).text();
    expect(rowsOf(p1)).toHaveLength(50);
    expect(rowsOf(p1)[0]).toBe("001");
    expect(rowsOf(p2)).toHaveLength(50);
    expect(rowsOf(p2)[0]).toBe("051");
    expect(rowsOf(p2).filter((r) => rowsOf(p1).includes(r))).toEqual([]);
    // Accessible navigation whose links keep the filter.
    expect(p2).toMatch(/<nav class="pagination" aria-label="Seitennavigation">/);
    expect(p2).toContain('href="/t/aachen/verwaltung/protokoll?entity=pagetest&amp;seite=3"');
    expect(p2).toContain('href="/t/aachen/verwaltung/protokoll?entity=pagetest"'); // page 1 needs no parameter
    expect(p2).toMatch(/<span aria-current="page"[^>]*><span class="kern-sr-only">Seite 2 von 3<\/span>/);

    const past = await admin.get(`${base}&seite=999`);
    expect(past.status).toBe(200);
    const last = rowsOf(await past.text());
    expect(last).toHaveLength(20);
    expect(last[19]).toBe("120");
    expect(rowsOf(await (await admin.get(`${base}&seite=abc`)).text())[0]).toBe("001");
  });
});
