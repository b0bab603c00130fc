import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "./server";

/**
 * Walks every page route × every role × own and foreign tenant. Köln is the foreign tenant for
 * the Aachen accounts: it carries canary strings in internal data, and a fingerprint of all its
 * rows must be unchanged after every Aachen account has sent GETs and POSTs everywhere.
 *
 * The walk is thousands of requests made one after another; tests/integration/access-matrix.*.test.ts
 * each take a part of it (by request kind and role), so the test runner spreads them over its workers.
 */
const PW = "Teilhabe-Demo-2026";
const CANARY = "KANARIENVOGEL-KOELN";
// In rising order of rights: a partner sees less than a viewer (only its organisation's things).
export const ROLES = ["anonymous", "partner", "viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
// POST bodies that try the usual intents with foreign ids.
const INTENTS = [
  "",
  "create",
  "update",
  "delete",
  "invite",
  "role",
  "deactivate",
  "revoke",
  "approve",
  "reject",
  "publish",
  "status",
  "import",
  "confirm",
];

// Kernel pages whose minimum role is known; module pages are checked for isolation only.
const MIN_ROLE: Record<string, (typeof ROLES)[number]> = {
  "/t/:slug/verwaltung": "partner",
  "/t/:slug/verwaltung/benutzer": "admin",
  "/t/:slug/verwaltung/protokoll": "admin",
  "/t/:slug/verwaltung/api-tokens": "admin",
  "/t/:slug/verwaltung/organisationen": "viewer",
  "/t/:slug/verwaltung/handlungsfelder": "viewer",
  "/t/:slug/verwaltung/adressverzeichnis": "admin",
};
const rank = (r: (typeof ROLES)[number]) => ROLES.indexOf(r);

let s: TestServer;
let patterns: string[];
let foreignIds: string[];
let foreignUserIds: string[];
const clients = new Map<string, Client>();

const q = async <T>(text: string) => ((await s.db.orm.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

async function tenantTables(): Promise<string[]> {
  return (
    await q<{
      t: string;
    }>(`SELECT c.table_name AS t FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`)
  ).map((r) => r.t);
}

/** A digest of every row that belongs to Köln, in every tenant-owned table. */
async function koelnFingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tenantTables()) {
    const [r] = await q<{
      h: string | null;
      n: number;
    }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h, count(*)::int AS n
      FROM "${t}" x WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'koeln')`);
    out[t] = `${r.n}:${r.h}`;
  }
  const [u] = await q<{ h: string }>(`SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY u.id), '')) AS h FROM users u
    WHERE id IN (SELECT user_id FROM memberships WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'koeln'))
    AND id NOT IN (SELECT user_id FROM memberships WHERE tenant_id <> (SELECT id FROM tenants WHERE slug = 'koeln'))`);
  out.users = u.h;
  return out;
}

/** Every page route pattern to walk (logging out would end the walking client's session). */
export const walkablePatterns = async (server: TestServer) =>
  (await server.build.routePatterns()).filter((p) => p !== "/abmelden");

function fill(pattern: string, slug: string, id: string): string {
  return pattern
    .replace(":slug", slug)
    .replace(/:(\w+)\??/g, (_m, name) => (name === "token" ? "ungueltiges-token" : id))
    .replace("/*", "/irgendwas");
}

function setUp(roles: readonly Role[]) {
  beforeAll(async () => {
    s = await startTestServer({ modules: true });
    patterns = await walkablePatterns(s);
    const koeln = (await q<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'koeln'`))[0].id;
    // Canaries: internal Köln data that no Aachen account may ever see.
    await s.db.orm.execute(
      sql`INSERT INTO organisations (tenant_id, name, kind) VALUES (${koeln}, ${CANARY + " Organisation"}, 'verein')`,
    );
    await s.db.orm.execute(
      sql`INSERT INTO api_tokens (tenant_id, name, token_hash) VALUES (${koeln}, ${CANARY + " Token"}, 'x')`,
    );
    await s.db.orm.execute(
      sql`INSERT INTO audit_log (tenant_id, actor_label, action, entity, after) VALUES (${koeln}, ${CANARY + " Person"}, 'create', 'probe', ${JSON.stringify({ secret: CANARY })}::jsonb)`,
    );
    await s.db.orm.execute(
      sql`INSERT INTO jobs (tenant_id, kind, payload, status, actor_label, result) VALUES (${koeln}, 'monitoring.import',
        ${JSON.stringify({ probe: CANARY })}::jsonb, 'done', ${CANARY + " Person"}, ${JSON.stringify({ fileName: CANARY })}::jsonb)`,
    );
    // A Köln body with a seat group and a member (bodies module).
    await s.db.orm.execute(
      sql`WITH b AS (INSERT INTO bodies (tenant_id, name, kind, description) VALUES (${koeln}, ${CANARY + " Gremium"}, 'beirat', ${CANARY})
            RETURNING id),
          r AS (INSERT INTO body_seat_rules (tenant_id, body_id, label, seats) SELECT ${koeln}, id, ${CANARY + " Sitze"}, 2 FROM b
            RETURNING id, body_id),
          p AS (INSERT INTO body_persons (tenant_id, name, email, phone) VALUES (${koeln}, ${CANARY + " Person"}, ${CANARY + "@example.org"}, ${CANARY})
            RETURNING id)
        INSERT INTO body_memberships (tenant_id, body_id, person_id, role, seat_rule_id, starts_on)
        SELECT ${koeln}, r.body_id, p.id, 'member', r.id, '2024-01-01' FROM r, p`,
    );
    // A published Köln process (participation module): what its public page shows is plain text; the
    // canaries are in what it must never show – the role's person, the invitee, a card's author label.
    await s.db.orm.execute(
      sql`WITH p AS (INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address,
              decision_scope, deciding_body_name, answer_due_on)
            VALUES (${koeln}, 'zukunftswerkstatt', 'Kölner Zukunftswerkstatt', 'published', 'Integrationsbüro', 'i@example.org',
              'Empfehlungen', 'Integrationsrat', '2026-12-31') RETURNING id),
          ph AS (INSERT INTO participation_phases (tenant_id, process_id, position, name) SELECT ${koeln}, id, 1, 'Kritikphase' FROM p
            RETURNING id, process_id),
          ro AS (INSERT INTO participation_roles (tenant_id, process_id, role, person_name) SELECT ${koeln}, id, 'responsible', ${CANARY + " Person"} FROM p),
          inv AS (INSERT INTO participation_invitees (tenant_id, process_id, name, reason, nominated_by)
            SELECT ${koeln}, id, ${CANARY + " Eingeladen"}, ${CANARY}, 'ki_lead' FROM p)
        INSERT INTO participation_cards (tenant_id, process_id, phase_id, seq, kind, body, anonymous, author_label, outcome)
        SELECT ${koeln}, process_id, id, 1, 'proposal', 'Ein Vorschlag', false, ${CANARY + " Autor"}, 'eingegangen' FROM ph`,
    );
    // A running Köln workshop (decision 0030) with a hidden card and a participant's dot: the card is
    // for Köln's facilitators only, the dot for no one.
    await s.db.orm.execute(
      sql`WITH p AS (SELECT id FROM participation_processes WHERE tenant_id = ${koeln} LIMIT 1),
          w AS (INSERT INTO participation_workshops (tenant_id, process_id, title, code, voting_open)
            SELECT ${koeln}, id, ${CANARY + " Werkstatt"}, 'KKKKKK', true FROM p RETURNING id, process_id),
          c AS (INSERT INTO participation_cards (tenant_id, process_id, seq, kind, body, workshop_id, hidden, cluster)
            SELECT ${koeln}, process_id, 100, 'critique', ${CANARY + " Karte"}, id, true, ${CANARY} FROM w RETURNING id, workshop_id),
          t AS (INSERT INTO participation_workshop_participants (tenant_id, workshop_id, token_hash)
            SELECT ${koeln}, workshop_id, repeat('e', 64) FROM c RETURNING id, workshop_id)
        INSERT INTO participation_workshop_votes (tenant_id, workshop_id, round, card_id, participant_id, idempotency_key)
        SELECT ${koeln}, t.workshop_id, 1, c.id, t.id, 'kanarienschluessel' FROM t, c`,
    );
    // A Köln draft for comment on that published process (decision 0031): its text is public, but the
    // hidden comment is for Köln's staff only.
    await s.db.orm.execute(
      sql`WITH p AS (SELECT id FROM participation_processes WHERE tenant_id = ${koeln} AND title = 'Kölner Zukunftswerkstatt'),
          d AS (INSERT INTO participation_drafts (tenant_id, process_id, title, source)
            SELECT ${koeln}, id, 'Kölner Leitbild', 'custom' FROM p RETURNING id, process_id),
          x AS (INSERT INTO participation_draft_paragraphs (tenant_id, process_id, draft_id, position, body)
            SELECT ${koeln}, process_id, id, 1, 'Köln ist offen.' FROM d RETURNING id, process_id, draft_id)
        INSERT INTO participation_draft_comments (tenant_id, process_id, draft_id, paragraph_id, seq, body, display_name, hidden)
        SELECT ${koeln}, process_id, draft_id, id, 1, ${CANARY + " Kommentar"}, ${CANARY + " Name"}, true FROM x`,
    );
    // A Köln person in the stakeholder register (participation module): internal, never shown elsewhere.
    await s.db.orm.execute(
      sql`INSERT INTO participation_stakeholders (tenant_id, person_name, legal_basis, influence, attitude)
          VALUES (${koeln}, ${CANARY + " Akteur"}, 'Einwilligung', 3, 2)`,
    );
    // Where a Köln row came from in an OParl import (bodies module, decision 0027).
    await s.db.orm.execute(
      sql`INSERT INTO oparl_sources (tenant_id, source_id, object_type, local_id)
        SELECT ${koeln}, ${"https://ris.example/" + CANARY}, 'Organization', id FROM bodies WHERE tenant_id = ${koeln} LIMIT 1`,
    );
    // A Köln draft measure carried from that proposal (participation → concept, decision 0028): the link's
    // note and the measure are internal.
    await s.db.orm.execute(
      sql`WITH e AS (INSERT INTO concept_editions (tenant_id, title) VALUES (${koeln}, ${CANARY + " Fassung"}) RETURNING id),
          m AS (INSERT INTO concept_measures (tenant_id, edition_id, code, title, internal_note)
            SELECT ${koeln}, id, 'K-1', ${CANARY + " Maßnahme"}, ${CANARY} FROM e RETURNING id),
          c AS (SELECT id, process_id FROM participation_cards WHERE tenant_id = ${koeln} AND kind = 'proposal' LIMIT 1)
        INSERT INTO participation_measure_links (tenant_id, process_id, card_id, card_kind, measure_id, kind, note, actor_label)
        SELECT ${koeln}, c.process_id, c.id, 'proposal', m.id, 'new', ${CANARY + " Anmerkung"}, ${CANARY + " Person"} FROM c, m`,
    );
    // A published Köln event of that process (decision 0029): its public page and calendar file are
    // plain; the canaries are the registrants – confirmed and waitlisted – whose names never go public.
    await s.db.orm.execute(
      sql`WITH e AS (INSERT INTO participation_events (tenant_id, process_id, title, starts_at, ends_at, venue_address,
              capacity, published)
            SELECT ${koeln}::uuid, id, 'Kölner Werkstattabend', now() + interval '30 days', now() + interval '30 days 2 hours',
              'Rathaus Köln', 1, true FROM participation_processes WHERE tenant_id = ${koeln} AND title = 'Kölner Zukunftswerkstatt'
            RETURNING id)
        INSERT INTO participation_event_registrations (tenant_id, event_id, seq, status, name, email, organisation,
          needs_notes, cancel_token_hash)
        SELECT ${koeln}::uuid, id, 1, 'confirmed', ${CANARY + " Angemeldet"}, ${CANARY + "-1@example.org"}, ${CANARY}, ${CANARY},
          repeat('c', 64) FROM e
        UNION ALL SELECT ${koeln}::uuid, id, 2, 'waitlisted', ${CANARY + " Warteliste"}, ${CANARY + "-2@example.org"}, NULL, NULL,
          repeat('d', 64) FROM e`,
    );
    // A Köln paper with a consultation, treated by an agenda item of a meeting with attendance and
    // a guest (bodies module, decision 0024).
    await s.db.orm.execute(
      sql`WITH b AS (SELECT id FROM bodies WHERE tenant_id = ${koeln} AND name = ${CANARY + " Gremium"}),
          p AS (INSERT INTO body_papers (tenant_id, number, title, submitted_on, lead_office, proposal)
            VALUES (${koeln}, ${CANARY + " 1"}, ${CANARY + " Vorlage"}, '2026-01-01', ${CANARY}, ${CANARY}) RETURNING id),
          c AS (INSERT INTO body_consultations (tenant_id, paper_id, body_id, competence, result, decided_on, resolution)
            SELECT ${koeln}, p.id, b.id, 'entscheidung', 'beschlossen', '2026-02-01', ${CANARY} FROM p, b RETURNING id),
          m AS (INSERT INTO body_meetings (tenant_id, body_id, meets_on, location, minutes)
            SELECT ${koeln}, id, '2026-02-01', ${CANARY}, ${CANARY + " Protokoll"} FROM b RETURNING id),
          i AS (INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, consultation_id)
            SELECT ${koeln}, m.id, '1', ${CANARY + " TOP"}, c.id FROM m, c RETURNING id)
        INSERT INTO body_attendance (tenant_id, meeting_id, membership_id, guest_name, status)
        SELECT ${koeln}::uuid, m.id, ms.id, NULL, 'present' FROM m, body_memberships ms WHERE ms.tenant_id = ${koeln}
        UNION ALL SELECT ${koeln}::uuid, m.id, NULL, ${CANARY + " Gast"}, 'present' FROM m`,
    );
    foreignIds = [];
    for (const t of await tenantTables()) {
      const hasId = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = '${t}' AND column_name = 'id'`,
      );
      if (!hasId[0].n) continue;
      const r = await q<{ id: string }>(`SELECT id::text AS id FROM "${t}" WHERE tenant_id = '${koeln}' LIMIT 1`);
      if (r[0]) foreignIds.push(r[0].id);
    }
    foreignUserIds = (
      await q<{ id: string }>(`SELECT user_id::text AS id FROM memberships WHERE tenant_id = '${koeln}'`)
    ).map((r) => r.id);
    for (const role of roles) {
      const c = new Client(s.url);
      if (role !== "anonymous") await c.login(`${role}.aachen@example.org`, PW);
      clients.set(role, c);
    }
  });
  afterAll(async () => {
    await s?.close();
  });
}

/** Registers the walk for some roles: their GETs, their POSTs, or both. */
export function accessMatrix(roles: readonly Role[], kinds: { get?: boolean; post?: boolean }) {
  setUp(roles);
  describe(`every route × ${roles.join(", ")} × own/foreign tenant`, () => {
    it("finds the routes to walk", () => {
      expect(patterns).toEqual(
        expect.arrayContaining(["/", "/anmelden", "/t/:slug", "/t/:slug/verwaltung", "/t/:slug/verwaltung/benutzer"]),
      );
      expect(foreignIds.length).toBeGreaterThan(0);
    });

    if (kinds.get)
      it("never shows foreign internal data and never admits to a foreign staff area", async () => {
        const problems: string[] = [];
        for (const role of roles) {
          const c = clients.get(role)!;
          for (const pattern of patterns) {
            // Every foreign id only where the path takes one; a path without a parameter is the same URL for each.
            const takesId = /:(?!slug)\w/.test(pattern);
            const ids = role === "admin" && takesId ? foreignIds : foreignIds.slice(0, 1);
            for (const slug of ["aachen", "koeln"]) {
              for (const id of ids) {
                const url = fill(pattern, slug, id);
                const res = await c.get(url);
                const body = await res.text();
                if (
                  body.includes(CANARY) ||
                  foreignUserIds.some((u) => body.includes(u)) ||
                  /(editor|viewer|partner|admin)\.koeln@example\.org/.test(body)
                ) {
                  problems.push(`${role} GET ${url}: foreign data in the answer`);
                }
                if (res.status >= 500) problems.push(`${role} GET ${url}: ${res.status}`);
                if (slug === "koeln" && pattern.includes("/verwaltung")) {
                  const ok =
                    role === "anonymous"
                      ? res.status === 302 && res.headers.get("location")!.startsWith("/anmelden")
                      : res.status === 403;
                  if (!ok)
                    problems.push(
                      `${role} GET ${url}: ${res.status} instead of ${role === "anonymous" ? "redirect to login" : "403"}`,
                    );
                }
                if (
                  pattern === "/t/:slug/verwaltung/organisationen" &&
                  slug === "aachen" &&
                  res.status === 200 &&
                  body.includes("Kölner Flüchtlingsrat")
                ) {
                  problems.push(`${role} GET ${url}: Köln organisation listed`);
                }
              }
              // Known minimum roles in the own tenant.
              const min = MIN_ROLE[pattern];
              if (min && slug === "aachen") {
                const res = await c.get(fill(pattern, slug, foreignIds[0]));
                const expected = role === "anonymous" ? 302 : rank(role) >= rank(min) ? 200 : 403;
                if (res.status !== expected)
                  problems.push(`${role} GET ${pattern}: ${res.status}, expected ${expected}`);
              }
            }
          }
        }
        expect(problems).toEqual([]);
      });

    if (kinds.post)
      it("lets no Aachen account change anything of Köln, whatever it posts where", async () => {
        const before = await koelnFingerprint();
        const problems: string[] = [];
        for (const role of roles) {
          const c = clients.get(role)!;
          for (const pattern of patterns) {
            for (const slug of ["aachen", "koeln"]) {
              for (const intent of INTENTS) {
                const id = foreignIds[INTENTS.indexOf(intent) % foreignIds.length];
                const res = await c.post(fill(pattern, slug, id), {
                  intent,
                  id,
                  userId: foreignUserIds[0] ?? id,
                  organisationId: id,
                  measureId: id,
                  offerId: id,
                  areaId: id,
                  name: "Angriff",
                  title: "Angriff",
                  email: "angriff@example.org",
                  displayName: "Angriff",
                  role: "admin",
                  status: "verworfen",
                });
                if (res.status >= 500)
                  problems.push(`${role} POST ${fill(pattern, slug, id)} (${intent}): ${res.status}`);
                // 405: the route has no action, so no other intent can reach anything either.
                if (res.status === 405) break;
              }
            }
          }
          // The account must still be usable (no route logged it out or broke it).
          if (role !== "anonymous") expect((await c.get("/t/aachen/verwaltung")).status).toBe(200);
        }
        expect(problems).toEqual([]);
        expect(await koelnFingerprint()).toEqual(before);
      });
  });
}
