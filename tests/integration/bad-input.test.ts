import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { insertApiToken } from "../support/api-token";

/**
 * The bad input of issue 10 that ended in a 500 (decision 0012): each case now gets a 4xx with a
 * German message, and nothing is stored. tests/integration/fuzz.test.ts looks for further cases.
 */
const PW = "Teilhabe-Demo-2026";
let s: TestServer;
let admin: Client;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  admin = new Client(s.url);
  await admin.login("admin.aachen@example.org", PW);
});
afterAll(async () => {
  await s?.close();
});

const count = async (q: string) =>
  ((await s.db.orm.execute(sql.raw(q))) as unknown as { rows: { n: number }[] }).rows[0].n;
const noStack = (body: string) => expect(body).not.toMatch(/at \w+ \(|node_modules|Error:/);

/** Sends a multipart form with one file whose name goes out byte for byte. */
async function upload(c: Client, path: string, fields: Record<string, string>, fileName: Buffer) {
  const b = "----badinput";
  const parts = [
    ...Object.entries({ ...fields, _csrf: c.cookies.get("teilhabe_csrf")! }).map(
      ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
  ].map((x) => Buffer.from(x));
  const body = Buffer.concat([
    ...parts,
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="`),
    fileName,
    Buffer.from(`"\r\nContent-Type: text/csv\r\n\r\nGebiet;Wert\n01;1\n\r\n--${b}--\r\n`),
  ]);
  return fetch(s.url + path, {
    method: "POST",
    body: new Uint8Array(body),
    redirect: "manual",
    headers: {
      "content-type": `multipart/form-data; boundary=${b}`,
      cookie: [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; "),
    },
  });
}

describe("the address", () => {
  it("answers invalid UTF-8 and broken escapes in the path with a German 400 page", async () => {
    for (const path of ["/t/aachen/%ff", "/t/aachen/%zz", "/t/%E2%82/angebote", "/t/aachen/angebote/%C0%AF", "/%00"]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html).toContain("Ungültige Eingabe");
      expect(html).toContain("Die Adresse enthält ungültige Zeichen");
      noStack(html);
    }
  });

  it("answers control characters and invalid UTF-8 in the query string with 400, a stray % not", async () => {
    expect((await admin.get("/t/aachen/angebote?q=a%00b")).status).toBe(400);
    expect((await admin.get("/t/aachen/angebote?q=%1b")).status).toBe(400);
    expect((await admin.get("/t/aachen/angebote?q=%ff")).status).toBe(400);
    // Browsers send a typed "%" as it is; it is read literally, as URLSearchParams does.
    expect((await admin.get("/t/aachen/angebote?q=100%")).status).toBe(200);
    expect((await admin.get("/t/aachen/angebote?q=Stra%C3%9Fe%0Aneu")).status).toBe(200);
  });

  it("answers the same in the API with problem details", async () => {
    for (const path of ["/api/v1/t/%ff/offers", "/api/v1/t/aachen/offers?q=%00"]) {
      const res = await fetch(s.url + path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      const p = await res.json();
      expect(p.title).toBe("Ungültige Adresse");
      expect(p.code).toMatch(/^errors\.input\.(path|query)$/);
    }
  });
});

describe("forms", () => {
  it("refuses a NUL byte in a field with a German 400 page and stores nothing", async () => {
    const before = await count(`SELECT count(*)::int AS n FROM organisations`);
    const res = await admin.post("/t/aachen/verwaltung/organisationen", {
      name: "Null\u0000Byte e.V.",
      kind: "verein",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("unzulässige Steuerzeichen");
    noStack(html);
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(before);
  });

  it("keeps tabs and line breaks, which are ordinary text", async () => {
    const res = await admin.post("/t/aachen/verwaltung/organisationen", {
      name: "Zeilen\tVerein e.V.",
      kind: "verein",
      address: "Markt 1\r\n52062 Aachen",
    });
    expect(res.status).toBeLessThan(400);
    expect(await count(`SELECT count(*)::int AS n FROM organisations WHERE name = 'Zeilen\tVerein e.V.'`)).toBe(1);
  });

  it("refuses file names with NUL, control characters or a path, before any import reads them", async () => {
    const before = await count(`SELECT count(*)::int AS n FROM mon_imports`);
    for (const name of ["a\u0000b.csv", "zeile\u001bneu.csv", "../../etc/passwd", "C:\\Temp\\daten.csv", ".."]) {
      const res = await upload(
        admin,
        "/t/aachen/verwaltung/monitoring/import",
        { intent: "upload" },
        Buffer.from(name),
      );
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await res.text()).toContain("Der Dateiname ist nicht zulässig");
    }
    expect(await count(`SELECT count(*)::int AS n FROM mon_imports`)).toBe(before);
  });

  it("answers a form the server cannot parse with 400, not with the action's exception", async () => {
    const res = await fetch(`${s.url}/t/aachen/verwaltung/organisationen`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nkein Ende',
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "x-csrf-token": admin.cookies.get("teilhabe_csrf")!,
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; "),
      },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Das Formular konnte nicht gelesen werden");
  });

  it("ignores a login target with a line break and encodes one with non-ASCII characters", async () => {
    const c = new Client(s.url);
    const broken = await c.post("/anmelden", {
      email: "admin.aachen@example.org",
      password: PW,
      next: "/t/aachen\n/x",
    });
    expect(broken.status).toBe(302);
    expect(broken.headers.get("location")).toBe("/t/aachen/verwaltung");
    const c2 = new Client(s.url);
    const umlaut = await c2.post("/anmelden", { email: "admin.aachen@example.org", password: PW, next: "/t/aachen/ä" });
    expect(umlaut.status).toBe(302);
    expect(umlaut.headers.get("location")).toBe("/t/aachen/%C3%A4");
  });

  // The concept checks its references itself since the one taxonomy (decision 0037): an unknown
  // Handlungsfeld is a refused form (400, like the form's other errors), no longer a database key error.
  it("answers an unknown referenced id with a German message, and stores nothing", async () => {
    const page = await (await admin.get("/t/aachen/verwaltung/massnahmen/neu")).text();
    const editionId = page.match(/name="editionId" value="([^"]+)"/)![1];
    const goal = (
      (await s.db.orm.execute(
        sql`SELECT id::text AS id FROM concept_goals WHERE edition_id = ${editionId} AND kind <> 'themenfeld' LIMIT 1`,
      )) as unknown as { rows: { id: string }[] }
    ).rows[0].id;
    const before = await count(`SELECT count(*)::int AS n FROM concept_measures`);
    const res = await admin.post("/t/aachen/verwaltung/massnahmen/neu", {
      editionId,
      code: "FK-1",
      title: "Verweis ins Leere",
      goalIds: goal,
      handlungsfeldIds: "8a1c6a52-7d0e-4a43-9c39-2f4f1e5b0000",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Unbekanntes Handlungsfeld.");
    noStack(html);
    expect(await count(`SELECT count(*)::int AS n FROM concept_measures`)).toBe(before);
  });
});

describe("the API", () => {
  it("refuses control characters in JSON with 422 problem details naming the field", async () => {
    const token = await insertApiToken(s, "aachen", true);
    const res = await fetch(`${s.url}/api/v1/t/aachen/organisations`, {
      method: "POST",
      body: JSON.stringify({ name: "Null\u0000Byte e.V.", kind: "verein" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(422);
    const p = await res.json();
    expect(p.code).toBe("errors.input.control");
    expect(p.errors[0].path).toBe("name");
    expect(await count(`SELECT count(*)::int AS n FROM organisations WHERE name LIKE 'Null%Byte%'`)).toBe(0);
  });
});
