import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { oparlValidator } from "./schemas";

// OParl 1.1 publishing (issue 12 part 6, decision 0026) against the production build with the demo
// data: a crawler from /oparl/v1/system reaches every object and list, and each object validates
// against the spec's schemas (converted, so embedded objects are checked) and its prose rules.
let s: TestServer;
let prefix: string;
const validator = oparlValidator();
const KOELN_PERSON = "Köln-Person OParl";

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
    expect([...types].sort()).toEqual(["Body", "Membership", "Organization", "Person", "System"]);
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
