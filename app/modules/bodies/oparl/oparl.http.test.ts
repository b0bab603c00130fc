import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { OPARL_TYPES, oparlValidator } from "./schemas";

// OParl 1.1 publishing (issue 12 part 6, decision 0026) against the production build with the demo
// data: a crawler from /oparl/v1/system reaches every object and list, and each object validates
// against the spec's schemas (converted, so embedded objects are checked) and its prose rules.
let s: TestServer;
let prefix: string;
const validator = oparlValidator();
const KOELN_PERSON = "Köln-Person OParl";
const SECRET = "Nichtöffentliche Angelegenheit OParl";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  // Köln: a body with a member whose contact data has no consent, one with consent; Münster (if any
  // other tenant) is not public. Both persons are OParl Persons; only the second shows e-mail.
  await s.db.orm.execute(
    sql`WITH t AS (SELECT id FROM tenants WHERE slug = 'koeln'),
        b AS (INSERT INTO bodies (tenant_id, name, kind) SELECT id, 'Integrationsrat der Stadt Köln', 'integrationsrat' FROM t RETURNING id, tenant_id),
        p AS (INSERT INTO body_persons (tenant_id, name, email, phone) SELECT id, ${KOELN_PERSON}, 'geheim@example.org', '0221 1' FROM t RETURNING id),
        q AS (INSERT INTO body_persons (tenant_id, name, email, contact_consent_on, form_of_address, title)
              SELECT id, 'Öffentliche Person', 'oeffentlich@example.org', '2026-01-05', 'Frau', 'Dr.' FROM t RETURNING id)
      INSERT INTO body_memberships (tenant_id, body_id, person_id, role, starts_on)
        SELECT b.tenant_id, b.id, p.id, 'guest', '2026-01-01'::date FROM b, p
        UNION ALL SELECT b.tenant_id, b.id, q.id, 'guest', '2026-01-01' FROM b, q`,
  );
  // Aachen: a public meeting of the Integrationsrat treating the demo's Vorlage (its INT consultation)
  // in item 1, with a non-public item 2; a non-public paper; a deleted public meeting.
  await s.db.orm.execute(
    sql`WITH t AS (SELECT id FROM tenants WHERE slug = 'aachen'),
        b AS (SELECT b.id FROM bodies b, t WHERE b.tenant_id = t.id AND b.name = 'Integrationsrat der Stadt Aachen'),
        m AS (INSERT INTO body_meetings (tenant_id, body_id, meets_on, starts_at, ends_at, state)
              SELECT t.id, b.id, '2017-03-29', '17:00', '19:30', 'held' FROM t, b RETURNING id, tenant_id),
        c AS (SELECT c.id FROM body_consultations c JOIN body_papers p ON p.id = c.paper_id
              WHERE p.number = 'FB 56/0043/WP17' AND c.body_short = 'INT'),
        i AS (INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, position, consultation_id)
              SELECT m.tenant_id, m.id, '1', 'Integrationskonzept: Sachstand', 1, c.id FROM m, c RETURNING 1),
        j AS (INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, position, is_public, result)
              SELECT m.tenant_id, m.id, '2', ${SECRET}, 2, false, 'beschlossen' FROM m RETURNING 1),
        d AS (INSERT INTO body_meetings (tenant_id, body_id, meets_on, deleted_at)
              SELECT t.id, b.id, '2017-01-10', now() FROM t, b RETURNING 1)
      INSERT INTO body_papers (tenant_id, number, title, submitted_on, is_public, lead_office)
        SELECT id, 'GEHEIM/1', ${SECRET}, '2017-02-01', false, 'FB 56' FROM t`,
  );
  const sys = (await (await fetch(`${s.url}/oparl/v1/system`)).json()) as { id: string };
  prefix = sys.id.replace(/\/oparl\/v1\/system$/, "");
});
afterAll(async () => {
  await s?.close();
});

/** The test server's address for an OParl URL (the objects carry the configured public URL). */
const local = (url: string) => s.url + url.slice(prefix.length);

async function getJson(url: string) {
  const res = await fetch(local(url));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  return { res, bytes, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** Every URL of the endpoint in a document (the `web` links lead to HTML pages). */
function urlsIn(o: unknown, key = ""): string[] {
  if (typeof o === "string")
    return key !== "web" && o.startsWith(`${prefix}/oparl/v1/`)
      ? [o.replace(/[?#].*$/, (m) => (key === "next" ? m : ""))]
      : [];
  if (Array.isArray(o)) return o.flatMap((x) => urlsIn(x, key));
  if (o && typeof o === "object") return Object.entries(o).flatMap(([k, v]) => urlsIn(v, k));
  return [];
}

/** Crawls from the system object; returns the objects by id and the problems found. */
async function crawl() {
  const seen = new Set<string>();
  const queue = [`${prefix}/oparl/v1/system`];
  const objects = new Map<string, Record<string, unknown>>();
  const problems: string[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const { res, bytes, json } = await getJson(url);
    if (res.status !== 200) problems.push(`${url}: ${res.status}`);
    if (res.headers.get("content-type") !== "application/json; charset=utf-8") problems.push(`${url}: content-type`);
    if (res.headers.get("access-control-allow-origin") !== "*") problems.push(`${url}: CORS`);
    if (bytes[0] === 0xef) problems.push(`${url}: BOM`);
    const isList = "data" in json && "pagination" in json && "links" in json;
    for (const o of isList ? (json.data as Record<string, unknown>[]) : [json]) {
      problems.push(...validator.validate(o).map((p) => `${String(o.id)}: ${p}`));
      objects.set(String(o.id), o);
      // An object in a list is the same at its own URL.
      if (isList && !seen.has(String(o.id))) queue.push(String(o.id));
    }
    queue.push(...urlsIn(json).filter((u) => !seen.has(u)));
  }
  return { objects, problems, seen };
}

describe("the OParl endpoint", () => {
  it("is reachable from /oparl/v1/system, and every object and list it reaches is valid OParl 1.1", async () => {
    const { objects, problems } = await crawl();
    expect(problems).toEqual([]);
    const types = new Set([...objects.values()].map((o) => String(o.type).split("/").pop()));
    // Everything but files, locations and legislative terms (none kept; decision 0027).
    expect([...types].sort()).toEqual(OPARL_TYPES.filter((t) => !["File", "LegislativeTerm", "Location"].includes(t)));
    // The demo's Aachen bodies are there, with their members as persons.
    const names = [...objects.values()]
      .filter((o) => o.type === "https://schema.oparl.org/1.1/Organization")
      .map((o) => o.name);
    expect(names).toContain("Integrationsrat der Stadt Aachen");
  });

  it("publishes contact data only with consent, and one person once however many bodies", async () => {
    const { objects } = await crawl();
    const persons = [...objects.values()].filter((o) => o.type === "https://schema.oparl.org/1.1/Person");
    const secret = persons.find((p) => p.name === KOELN_PERSON)!;
    expect(secret.email).toBeUndefined();
    expect(secret.phone).toBeUndefined();
    expect(JSON.stringify([...objects.values()])).not.toContain("geheim@example.org");
    const open = persons.find((p) => p.name === "Öffentliche Person")!;
    expect(open).toMatchObject({ email: ["oeffentlich@example.org"], formOfAddress: "Frau", title: ["Dr."] });
    const names = persons.map((p) => `${String(p.body)} ${String(p.name)}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("pages a list with next links that keep the filters, and filters by created and modified", async () => {
    const first = (
      await getJson(`${prefix}/oparl/v1/body/aachen/membership?limit=2&created_since=2000-01-01T00:00:00%2B01:00`)
    ).json;
    const data = first.data as unknown[];
    expect(data).toHaveLength(2);
    const links = first.links as Record<string, string>;
    expect(links.next).toContain("limit=2");
    expect(links.next).toContain("created_since=");
    const second = (await getJson(links.next)).json;
    expect((second.data as { id: string }[])[0].id).not.toBe((data[0] as { id: string }).id);
    const future = (await getJson(`${prefix}/oparl/v1/body/aachen/membership?modified_since=2999-01-01T00:00:00Z`))
      .json;
    expect(future.data).toEqual([]);
    expect(future.links).not.toHaveProperty("next");
  });

  it("lists a deleted membership with deleted: true under modified_since only, and keeps its URL", async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const list = (await getJson(`${prefix}/oparl/v1/body/koeln/membership`)).json;
    const gone = (list.data as { id: string; created: string }[])[0];
    const id = gone.id.split("/").pop()!;
    await s.db.orm.execute(sql`DELETE FROM body_memberships WHERE id = ${id}`);
    const plain = (await getJson(`${prefix}/oparl/v1/body/koeln/membership`)).json;
    expect((plain.data as { id: string }[]).map((m) => m.id)).not.toContain(gone.id);
    const since = (
      await getJson(`${prefix}/oparl/v1/body/koeln/membership?modified_since=${encodeURIComponent(before)}`)
    ).json;
    const tomb = (since.data as Record<string, unknown>[]).find((m) => m.id === gone.id)!;
    expect(tomb).toMatchObject({
      deleted: true,
      created: gone.created,
      type: "https://schema.oparl.org/1.1/Membership",
    });
    expect(validator.validate(tomb)).toEqual([]);
    const own = await getJson(gone.id);
    expect(own.res.status).toBe(200);
    expect(own.json).toEqual(tomb);
  });

  it("answers unknown objects, foreign and non-public tenants with a 404 error object, a bad filter with 400", async () => {
    await s.db.orm.execute(
      sql`INSERT INTO bodies (tenant_id, name, kind) SELECT id, 'Geheimer Beirat', 'beirat' FROM tenants WHERE slug <> 'aachen' AND slug <> 'koeln' LIMIT 1`,
    );
    await s.db.orm.execute(sql`UPDATE tenants SET is_public = false WHERE slug <> 'aachen' AND slug <> 'koeln'`);
    const [hidden] = (
      (await s.db.orm.execute(
        sql`SELECT t.slug, b.id FROM bodies b JOIN tenants t ON t.id = b.tenant_id WHERE NOT t.is_public LIMIT 1`,
      )) as unknown as {
        rows: { slug: string; id: string }[];
      }
    ).rows;
    const [koeln] = (
      (await s.db.orm.execute(
        sql`SELECT b.id FROM bodies b JOIN tenants t ON t.id = b.tenant_id WHERE t.slug = 'koeln' LIMIT 1`,
      )) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    const paths = [
      "/oparl/v1/body/gibt-es-nicht",
      `/oparl/v1/body/${hidden.slug}`,
      `/oparl/v1/body/${hidden.slug}/organization/${hidden.id}`,
      `/oparl/v1/body/aachen/organization/${koeln.id}`,
      "/oparl/v1/body/aachen/organization/keine-uuid",
      "/oparl/v1/gibt-es-nicht",
    ];
    for (const p of paths) {
      const r = await getJson(prefix + p);
      expect([p, r.res.status]).toEqual([p, 404]);
      expect(r.json).toMatchObject({ type: "https://schema.oparl.org/1.1/Error", message: expect.any(String) });
      expect(r.res.headers.get("access-control-allow-origin")).toBe("*");
    }
    const body = (await getJson(`${prefix}/oparl/v1/body`)).json;
    expect((body.data as { id: string }[]).map((b) => b.id.split("/").pop()).sort()).toEqual(["aachen", "koeln"]);
    const malformed = await fetch(`${s.url}/oparl/v1/body/%ff/person`);
    expect([malformed.status, ((await malformed.json()) as { type: string }).type]).toEqual([
      400,
      "https://schema.oparl.org/1.1/Error",
    ]);
    for (const q of ["modified_since=gestern", "created_until=2024-01-01", "limit=0", "page=-1"]) {
      const r = await getJson(`${prefix}/oparl/v1/body/aachen/person?${q}`);
      expect([q, r.res.status]).toEqual([q, 400]);
      expect(r.json.type).toBe("https://schema.oparl.org/1.1/Error");
    }
  });
});

describe("meetings and papers", () => {
  const T = "https://schema.oparl.org/1.1/";
  const ofType = (objects: Map<string, Record<string, unknown>>, type: string) =>
    [...objects.values()].filter((o) => o.type === T + type);

  it("publish FB 56/0043/WP17 as a Paper with reference, date and its two consultations", async () => {
    const { objects } = await crawl();
    const paper = ofType(objects, "Paper").find((p) => p.reference === "FB 56/0043/WP17")!;
    expect(paper).toMatchObject({
      name: "Neuaufstellung des Integrationskonzeptes der Stadt Aachen - Sachstand",
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      body: expect.stringContaining("/oparl/v1/body/aachen"),
    });
    const consultations = paper.consultation as Record<string, unknown>[];
    const orgName = (c: Record<string, unknown>) => objects.get((c.organization as string[])[0])?.name;
    expect(consultations.map((c) => [orgName(c), c.role, c.authoritative])).toEqual([
      ["Integrationsrat der Stadt Aachen", "Kenntnisnahme", false],
      ["Ausschuss für Soziales, Integration und Demographie", "Entscheidung", true],
    ]);
    // The INT consultation is treated by item 1 of the public meeting; both point at each other.
    const int = consultations[0];
    const item = objects.get(int.agendaItem as string)!;
    expect(item).toMatchObject({ number: "1", order: 1, public: true, consultation: int.id, meeting: int.meeting });
    // The embedded consultation is the object at its own URL.
    const own = (await getJson(int.id as string)).json;
    expect(own).toEqual(int);
  });

  it("publish a public meeting with its items; a non-public item without content; nothing non-public or deleted", async () => {
    const { objects } = await crawl();
    const meetings = ofType(objects, "Meeting");
    const held = meetings.find((m) => String(m.start).startsWith("2017-03-29"))!;
    expect(held).toMatchObject({
      start: "2017-03-29T15:00:00.000Z",
      end: "2017-03-29T17:30:00.000Z",
      meetingState: "durchgeführt",
    });
    const items = held.agendaItem as Record<string, unknown>[];
    expect(items.map((i) => [i.number, i.order, i.public, i.name])).toEqual([
      ["1", 1, true, "Integrationskonzept: Sachstand"],
      ["2", 2, false, undefined],
    ]);
    expect(items[1]).not.toHaveProperty("result");
    const everything = JSON.stringify([...objects.values()]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("GEHEIM/1");
    // The demo's meetings of the Steuerungsgruppe are not public, the deleted one is gone.
    expect(meetings).toHaveLength(1);
  });

  it("list a deleted meeting with deleted: true under modified_since", async () => {
    const list = (await getJson(`${prefix}/oparl/v1/body/aachen/meeting?modified_since=2000-01-01T00:00:00Z`)).json;
    const data = list.data as Record<string, unknown>[];
    expect(data.filter((m) => m.deleted === true)).toHaveLength(1);
    expect(data.filter((m) => m.deleted !== true)).toHaveLength(1);
    for (const m of data) expect(validator.validate(m)).toEqual([]);
  });

  it("change a meeting's modified when one of its agenda items changes", async () => {
    const list = (await getJson(`${prefix}/oparl/v1/body/aachen/meeting`)).json;
    const before = (list.data as Record<string, string>[])[0];
    await s.db.orm.execute(
      sql`UPDATE body_agenda_items SET title = 'Integrationskonzept: Sachstand 2017' WHERE title = 'Integrationskonzept: Sachstand'`,
    );
    const after = (await getJson(before.id)).json;
    expect(String(after.modified) > before.modified).toBe(true);
  });
});

describe("contact data from the staff form", () => {
  it("is published for a person whose consent the editor recorded, and not for one without", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", "Teilhabe-Demo-2026");
    const list = await (await editor.get("/t/aachen/verwaltung/gremien")).text();
    const id = list.match(/gremien\/([0-9a-f-]{36})"[^>]*>Integrationsrat/)![1];
    const page = `/t/aachen/verwaltung/gremien/${id}`;
    const add = (personName: string, extra: Record<string, string>) =>
      editor.post(page, { intent: "member", personName, role: "guest", startsOn: "2026-02-01", ...extra });
    expect(
      (await add("Mit Einwilligung", { email: "mit@example.org", phone: "0241 1", contactConsent: "1" })).status,
    ).toBe(302);
    expect((await add("Ohne Einwilligung", { email: "ohne@example.org" })).status).toBe(302);
    const bad = await add("Falsche Adresse", { email: "keine-adresse" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Bitte eine gültige E-Mail-Adresse angeben.");
    const persons = (await getJson(`${prefix}/oparl/v1/body/aachen/person?limit=1000`)).json.data as Record<
      string,
      unknown
    >[];
    const by = (name: string) => persons.find((p) => p.name === name)!;
    expect(by("Mit Einwilligung")).toMatchObject({ email: ["mit@example.org"], phone: ["0241 1"] });
    expect(by("Ohne Einwilligung")).not.toHaveProperty("email");
    expect(persons.some((p) => p.name === "Falsche Adresse")).toBe(false);
  });
});

describe("the converted schemas", () => {
  it("check embedded objects and the prose rules, so a broken object fails the crawl", () => {
    const person = {
      id: "https://x.example/oparl/v1/body/a/person/1",
      type: "https://schema.oparl.org/1.1/Person",
      name: "A",
      created: "2026-01-01T00:00:00.000Z",
      modified: "2026-01-01T00:00:00.000Z",
      membership: [
        {
          id: "https://x.example/oparl/v1/body/a/membership/1",
          type: "https://schema.oparl.org/1.1/Membership",
          votingRight: true,
          created: "2026-01-01T00:00:00.000Z",
          modified: "2026-01-01T00:00:00.000Z",
        },
      ],
    };
    expect(validator.validate(person)).toEqual([]);
    const brokenEmbedded = structuredClone(person);
    (brokenEmbedded.membership[0] as Record<string, unknown>).votingRight = "ja";
    expect(validator.validate(brokenEmbedded).join()).toMatch(/votingRight/);
    const noModified: Record<string, unknown> = structuredClone(person);
    delete (noModified.membership as Record<string, unknown>[])[0].modified;
    expect(validator.validate(noModified).join()).toMatch(/modified fehlt/);
    expect(validator.validate({ ...person, name: null }).join()).toMatch(/null/);
    expect(validator.validate({ ...person, id: "keine url" }).join()).toMatch(/format/);
  });
});
