import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { CliError } from "~/kernel/cli";
import { commands } from "../cli";
import { importOparl, OparlImportError, reportLines, type ImportReport } from "./import";

// The OParl import (decision 0027) from a real local HTTP server, allow-listed through the fetch
// client's option: a small consistent graph with the quirks of real vendors (a list as a bare array,
// an entry without type, a 1.0 object, an AGS without its leading zero, a list over two pages), and
// the spec's examples. One transaction per run; a second run changes nothing.
let db: Database;
let cleanup: () => Promise<void>;
let server: http.Server;
let base: string;
let aachen: string, koeln: string;
const routes = new Map<string, unknown>();

const T = (t: string) => `https://schema.oparl.org/1.1/${t}`;
const at = "2025-06-01T10:00:00+02:00";
const list = (data: unknown[], next?: string) => ({
  data,
  pagination: { totalElements: data.length, elementsPerPage: 100, currentPage: 1, totalPages: 1 },
  links: next ? { next } : {},
});

/** The fixture graph below http://127.0.0.1:<port>/fx. */
function fixture(u: (p: string) => string, paperTitle = "Fixture-Vorlage eins") {
  const org = (n: number) => u(`/organization/${n}`);
  const person = (n: number) => u(`/person/${n}`);
  const membership = (n: number, p: number, o: number, voting: boolean, role?: string) => ({
    id: u(`/membership/${n}`),
    type: T("Membership"),
    person: person(p),
    organization: org(o),
    votingRight: voting,
    role,
    startDate: "2024-11-01",
    created: at,
    modified: at,
  });
  const body = {
    id: u("/body/1"),
    type: T("Body"),
    system: u("/system"),
    name: "Stadt Fixture",
    ags: "5334002",
    organization: u("/body/1/organizations"),
    person: u("/body/1/persons"),
    membership: u("/body/1/memberships"),
    meeting: u("/body/1/meetings"),
    paper: u("/body/1/papers"),
    legislativeTermList: u("/body/1/terms"),
    created: at,
    modified: at,
  };
  const orgs = [
    {
      id: org(1),
      type: T("Organization"),
      name: "Rat der Stadt Fixture",
      organizationType: "Gremium",
      classification: "Rat",
    },
    {
      id: org(2),
      type: T("Organization"),
      name: "Ausschuss für Fixtures",
      shortName: "AFx",
      organizationType: "Gremium",
    },
    { id: org(3), type: T("Organization"), name: "Fraktion Beispiel", organizationType: "Fraktion" },
  ].map((o) => ({ ...o, created: at, modified: at }));
  const persons = [
    { id: person(1), type: T("Person"), name: "Erika Fixture", formOfAddress: "Frau", title: ["Dr."] },
    // No type in the list entry.
    { id: person(2), name: "Hans Fixture" },
    // A 1.0 object with its membership embedded.
    {
      id: person(3),
      type: "https://schema.oparl.org/1.0/Person",
      familyName: "Fixture",
      givenName: "Ayşe",
      membership: [
        { ...membership(5, 3, 2, false, "Sachkundige Bürgerin"), type: "https://schema.oparl.org/1.0/Membership" },
      ],
    },
  ].map((p) => ({ ...p, created: at, modified: at }));
  const meeting = {
    id: u("/meeting/1"),
    type: T("Meeting"),
    name: "1. Sitzung des Ausschusses für Fixtures",
    start: "2026-01-15T17:00:00+01:00",
    end: "2026-01-15T19:00:00+01:00",
    location: { id: u("/location/1"), type: T("Location"), description: "Rathaus, Raum 1" },
    organization: [org(2)],
    agendaItem: [
      {
        id: u("/agendaItem/1"),
        type: T("AgendaItem"),
        meeting: u("/meeting/1"),
        number: "1",
        order: 1,
        name: "Fixture-Vorlage eins",
        public: true,
        consultation: u("/consultation/2"),
        result: "Beschlossen",
        resolutionText: "Der Ausschuss beschließt wie vorgeschlagen.",
        created: at,
        modified: at,
      },
      { id: u("/agendaItem/2"), type: T("AgendaItem"), order: 2, public: false, created: at, modified: at },
    ],
    created: at,
    modified: at,
  };
  const consultation = (n: number, o: number, role: string, extra: Record<string, unknown> = {}) => ({
    id: u(`/consultation/${n}`),
    type: T("Consultation"),
    organization: [org(o)],
    role,
    created: at,
    modified: at,
    ...extra,
  });
  const papers = [
    {
      id: u("/paper/1"),
      type: T("Paper"),
      name: paperTitle,
      reference: "FX/0001",
      date: "2025-12-01",
      mainFile: { id: u("/file/1"), type: T("File"), name: "Vorlage", accessUrl: u("/file/1.pdf") },
      consultation: [
        consultation(1, 1, "Kenntnisnahme"),
        consultation(2, 2, "Entscheidung", {
          authoritative: true,
          meeting: u("/meeting/1"),
          agendaItem: u("/agendaItem/1"),
        }),
      ],
    },
    {
      id: u("/paper/2"),
      type: T("Paper"),
      name: "Fixture-Vorlage zwei",
      reference: "FX/0002",
      date: "2025-12-02",
      consultation: [consultation(3, 1, "Vorberatung"), consultation(4, 9, "Entscheidung")],
    },
  ].map((p) => ({ ...p, created: at, modified: at }));
  return {
    "/system": {
      id: u("/system"),
      type: T("System"),
      oparlVersion: T(""),
      body: u("/bodies"),
      created: at,
      modified: at,
    },
    "/bodies": list([body]),
    "/body/1": body,
    // Two pages.
    "/body/1/organizations": list(orgs.slice(0, 2), u("/body/1/organizations?page=2")),
    "/body/1/organizations?page=2": list(orgs.slice(2)),
    // A bare array.
    "/body/1/persons": persons,
    "/body/1/memberships": list([
      membership(1, 1, 1, true, "Vorsitzender"),
      membership(2, 2, 1, true),
      membership(3, 1, 2, true),
      membership(4, 2, 3, true),
    ]),
    "/body/1/meetings": list([meeting]),
    "/body/1/papers": list(papers),
  } as Record<string, unknown>;
}

/** The spec's examples below /ex, their ids moved to the local server, with the lists a Body needs. */
function examples(u: (p: string) => string) {
  const dir = path.join(process.env.SHARED_DATA_DIR ?? "", "oparl-1.1", "examples");
  const read = (name: string) =>
    JSON.parse(
      fs.readFileSync(path.join(dir, `${name}.json`), "utf8").replaceAll("https://oparl.example.org", u("")),
    ) as Record<string, unknown>;
  const body = read("Body-01");
  const out: Record<string, unknown> = { "/": read("System-01"), "/bodies": list([body]), "/body/0": body };
  const lists: Record<string, string> = {
    organization: "Organization-01",
    person: "Person-01",
    meeting: "Meeting-01",
    paper: "Paper-01",
  };
  for (const [key, name] of Object.entries(lists)) out[String(body[key]).slice(u("").length)] = list([read(name)]);
  out[String(body.membership).slice(u("").length)] = list([]);
  return out;
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
  server = http.createServer((req, res) => {
    const body = routes.get(req.url!);
    res.setHeader("content-type", "application/json; charset=utf-8");
    if (body === undefined) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ type: T("Error"), message: "nicht da" }));
    }
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fx = (p: string) => `${base}/fx${p}`;
  for (const [p, v] of Object.entries(fixture(fx))) routes.set(`/fx${p}`, v);
  for (const [p, v] of Object.entries(examples((p) => `${base}/ex${p}`))) routes.set(`/ex${p}`, v);
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await cleanup?.();
});

const allow = { fetch: { allow: ["127.0.0.1"] } };

/** Row counts and the latest change of the tables an import writes, in one tenant. */
const state = (tenantId: string) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, (tx) =>
    rows<Record<string, string>>(
      tx,
      sql`SELECT ${sql.join(
        [
          "bodies",
          "body_seat_rules",
          "body_persons",
          "body_memberships",
          "body_meetings",
          "body_agenda_items",
          "body_papers",
          "body_consultations",
          "oparl_sources",
        ].map(
          (t) =>
            sql`(SELECT count(*)::text ${t === "body_seat_rules" || t === "oparl_sources" ? sql`` : sql`|| ' ' || coalesce(max(updated_at)::text, '')`} FROM ${sql.identifier(t)}) AS ${sql.identifier(t)}`,
        ),
        sql`, `,
      )}, (SELECT count(*)::text FROM audit_log) AS audit`,
    ),
  ).then((r) => r[0]);

const inAachen = <T>(q: ReturnType<typeof sql>) =>
  withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, (tx) => rows<T>(tx, q));

describe("the OParl import", () => {
  let first: ImportReport;

  it("imports a body's graph from a system URL, tolerating the quirks, and names what it skipped", async () => {
    first = await importOparl(db, "aachen", { url: `${base}/fx/system`, ...allow });
    expect(first.created).toEqual({
      Organization: 2,
      Person: 3,
      Membership: 4,
      Meeting: 1,
      AgendaItem: 2,
      Paper: 2,
      Consultation: 3,
    });
    expect(first.skipped.map((s) => [s.type, s.source.replace(base, ""), s.reason])).toEqual([
      ["Organization", "/fx/organization/3", "Organisationsart „Fraktion“: übernommen werden nur Gremien"],
      ["Membership", "/fx/membership/4", `die Organisation ${base}/fx/organization/3 wurde nicht übernommen`],
      ["Consultation", "/fx/consultation/4", `das Gremium ${base}/fx/organization/9 wurde nicht übernommen`],
    ]);
    const notes = first.notes.join("\n");
    expect(notes).toContain("bloßes Array");
    expect(notes).toContain("ohne type");
    expect(notes).toContain("OParl-Version 1.0");
    expect(notes).toContain("AGS ohne führende Null: 5334002");
    expect(reportLines(first).join("\n")).toContain("Übersprungen: 3");

    const members = await inAachen<Record<string, string | null>>(
      sql`SELECT p.name, b.name AS body, m.role, m.function, r.seats FROM body_memberships m
          JOIN body_persons p ON p.id = m.person_id JOIN bodies b ON b.id = m.body_id
          LEFT JOIN body_seat_rules r ON r.id = m.seat_rule_id
          WHERE b.name LIKE '%Fixture%' ORDER BY p.name, b.name`,
    );
    expect(members.map((m) => [m.name, m.body, m.role, m.function, m.seats])).toEqual([
      ["Ayşe Fixture", "Ausschuss für Fixtures", "guest", null, null],
      ["Erika Fixture", "Ausschuss für Fixtures", "member", null, 1],
      ["Erika Fixture", "Rat der Stadt Fixture", "member", "chair", 2],
      ["Hans Fixture", "Rat der Stadt Fixture", "member", null, 2],
    ]);
    const [kinds] = await inAachen<{ rat: string; ausschuss: string }>(
      sql`SELECT (SELECT kind FROM bodies WHERE name = 'Rat der Stadt Fixture') AS rat,
                 (SELECT kind FROM bodies WHERE name = 'Ausschuss für Fixtures') AS ausschuss`,
    );
    expect(kinds).toEqual({ rat: "rat", ausschuss: "ausschuss" });
    const consultations = await inAachen<Record<string, unknown>>(
      sql`SELECT p.number, b.name AS body, c.competence, c.result, c.decided_on::text AS decided, c.resolution,
            i.number AS item
          FROM body_consultations c JOIN body_papers p ON p.id = c.paper_id JOIN bodies b ON b.id = c.body_id
          LEFT JOIN body_agenda_items i ON i.consultation_id = c.id
          WHERE p.number LIKE 'FX/%' ORDER BY p.number, c.position`,
    );
    expect(consultations).toEqual([
      {
        number: "FX/0001",
        body: "Rat der Stadt Fixture",
        competence: "kenntnisnahme",
        result: null,
        decided: null,
        resolution: null,
        item: null,
      },
      {
        number: "FX/0001",
        body: "Ausschuss für Fixtures",
        competence: "entscheidung",
        result: "beschlossen",
        decided: "2026-01-15",
        resolution: "Der Ausschuss beschließt wie vorgeschlagen.",
        item: "1",
      },
      {
        number: "FX/0002",
        body: "Rat der Stadt Fixture",
        competence: "vorberatung",
        result: null,
        decided: null,
        resolution: null,
        item: null,
      },
    ]);
    const [meeting] = await inAachen<Record<string, unknown>>(
      sql`SELECT m.meets_on::text AS day, m.starts_at::text AS starts, m.ends_at::text AS ends, m.location,
            (SELECT jsonb_agg(jsonb_build_array(i.number, i.title, i.is_public) ORDER BY i.position)
               FROM body_agenda_items i WHERE i.meeting_id = m.id) AS items
          FROM body_meetings m JOIN bodies b ON b.id = m.body_id WHERE b.name = 'Ausschuss für Fixtures'`,
    );
    expect(meeting).toEqual({
      day: "2026-01-15",
      starts: "17:00:00",
      ends: "19:00:00",
      location: "Rathaus, Raum 1",
      items: [
        ["1", "Fixture-Vorlage eins", true],
        ["2", "Nichtöffentlicher Tagesordnungspunkt", false],
      ],
    });
    const [paper] = await inAachen<{ attachments: string[] }>(
      sql`SELECT attachments FROM body_papers WHERE number = 'FX/0001'`,
    );
    expect(paper.attachments).toEqual(["Vorlage"]);
  });

  it("changes nothing on a second run: same rows, same updated_at, no audit entries", async () => {
    const before = await state(aachen);
    const again = await importOparl(db, "aachen", { url: `${base}/fx/system`, ...allow });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(again.unchanged).toEqual(first.created);
    expect(await state(aachen)).toEqual(before);
  });

  it("updates only what changed at the source", async () => {
    const fx = (p: string) => `${base}/fx${p}`;
    routes.set("/fx/body/1/papers", fixture(fx, "Fixture-Vorlage eins (geändert)")["/body/1/papers"]);
    try {
      const r = await importOparl(db, "aachen", { url: `${base}/fx/body/1`, ...allow });
      expect(r.updated).toEqual({ ...r.created, Paper: 1 });
      const [p] = await inAachen<{ title: string }>(sql`SELECT title FROM body_papers WHERE number = 'FX/0001'`);
      expect(p.title).toBe("Fixture-Vorlage eins (geändert)");
    } finally {
      routes.set("/fx/body/1/papers", fixture(fx)["/body/1/papers"]);
    }
  });

  it("imports the spec's examples into the tenant whose AGS the body has", async () => {
    const r = await importOparl(db, "koeln", { url: `${base}/ex/`, ...allow });
    expect(r.created).toMatchObject({ Organization: 1, Person: 1, Meeting: 1, AgendaItem: 1, Paper: 1 });
    // The examples do not link up: what points elsewhere is skipped, with the reason.
    expect(r.skipped.map((s) => s.type).sort()).toEqual(["Consultation", "Membership", "Membership"]);
    const [item] = await withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test" } }, (tx) =>
      rows<{ number: string; result: string }>(tx, sql`SELECT number, result FROM body_agenda_items`),
    );
    expect(item).toEqual({ number: "10.1", result: "geaendert_beschlossen" });
  });

  it("refuses a body of another AGS, and rolls back a run that fails", async () => {
    const before = await state(koeln);
    await expect(importOparl(db, "koeln", { url: `${base}/fx/system`, ...allow })).rejects.toThrow(
      /Gemeindeschlüssel 5334002/,
    );
    routes.delete("/fx/body/1/papers");
    try {
      await expect(importOparl(db, "aachen", { url: `${base}/fx/system`, ...allow })).rejects.toThrow(
        /antwortete mit 404/,
      );
    } finally {
      routes.set("/fx/body/1/papers", fixture((p) => `${base}/fx${p}`)["/body/1/papers"]);
    }
    expect(await state(koeln)).toEqual(before);
  });

  it("refuses 127.0.0.1 without the allow list, in German, also through the CLI command", async () => {
    const refused = importOparl(db, "aachen", { url: `${base}/fx/system` });
    await expect(refused).rejects.toBeInstanceOf(OparlImportError);
    await expect(refused).rejects.toThrow(/privaten oder lokalen Netz und ist nicht freigegeben/);
    const cli = commands["bodies:oparl-import"];
    const run = cli.run(db, { values: { tenant: "aachen", url: `${base}/fx/system` }, positionals: [] }, () => {});
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toThrow(/nicht freigegeben/);
    await expect(
      cli.run(db, { values: { tenant: "gibt-es-nicht", url: `${base}/fx/system` }, positionals: [] }, () => {}),
    ).rejects.toThrow("Den Mandanten „gibt-es-nicht“ gibt es nicht.");
  });
});

describe("the import's sources", () => {
  it("sees the sources of both tenants only per tenant (row-level security)", async () => {
    const n = await withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test" } }, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM oparl_sources WHERE source_id LIKE '%/fx/%'`),
    );
    expect(n[0].n).toBe(0);
    const all = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM oparl_sources WHERE source_id LIKE '%/fx/%'`),
    );
    expect(all[0].n).toBeGreaterThan(0);
  });
});
