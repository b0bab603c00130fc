import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import type { Result } from "~/kernel/errors";
import {
  cancelRegistration,
  closingReport,
  createEvent,
  getEvent,
  inWorkingHours,
  listEvents,
  listRegistrations,
  pruneEventRegistrations,
  publicEvent,
  queueReminders,
  register,
  setAttendance,
  type EventInput,
  type RegistrationInput,
} from "./events";
import "./routes/strings";

// Events with registration and waiting list (issue 12 item 2; decision 0029).
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
const asAachen = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(aachen, fn);
const NEXT_YEAR = String(new Date().getFullYear() + 1);
const event = (over: Partial<EventInput> = {}): EventInput => ({
  title: "Werkstattgespräch Ehrenamt",
  date: `${NEXT_YEAR}-03-14`,
  startTime: "18:00",
  endTime: "20:30",
  mode: "in_person",
  venueAddress: "Verwaltungsgebäude Katschhof, Johannes-Paul-II.-Straße 1, 52062 Aachen",
  barrierFree: "partly",
  publicTransport: true,
  capacity: 2,
  audience: "volunteers",
  published: true,
  ...over,
});
const person = (name: string, over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.org`,
  consent: true,
  ...over,
});
/** The outbox is read as the system (the tenant's role may only queue mail). */
const mailsTo = (to: string) =>
  withSystem(db, (tx) =>
    rows<{ subject: string; body: string }>(
      tx,
      sql`SELECT subject, body FROM outbox WHERE recipient = ${to} ORDER BY id`,
    ),
  );

describe("registration with a waiting list", () => {
  it("waitlists the third of two seats and promotes them, with a mail, when a confirmed person cancels", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event()))).id;
    const [a, b, c] = await asAachen(async (tx) => [
      must(await register(tx, id, person("Aylin Demir", { organisationType: "migrant_organisation" }), "aachen")),
      must(await register(tx, id, person("Bernd Schulz"), "aachen")),
      must(await register(tx, id, person("Chiara Rossi"), "aachen")),
    ]);
    expect([a.status, b.status, c.status]).toEqual(["confirmed", "confirmed", "waitlisted"]);
    // Only the hash of the cancellation secret is stored.
    const stored = await asAachen((tx) =>
      rows<{ h: string }>(
        tx,
        sql`SELECT cancel_token_hash AS h FROM participation_event_registrations WHERE event_id = ${id}`,
      ),
    );
    expect(stored.map((s) => s.h)).not.toContain(a.token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.h))).toBe(true);

    const r = await asAachen((tx) => cancelRegistration(tx, b.token));
    expect(must(r).promoted).toBe(c.id);
    const regs = await asAachen((tx) => listRegistrations(tx, id));
    expect(regs.map((x) => [x.name, x.status])).toEqual([
      ["Aylin Demir", "confirmed"],
      ["Bernd Schulz", "cancelled"],
      ["Chiara Rossi", "confirmed"],
    ]);
    expect((await mailsTo("chiara.rossi@example.org")).map((m) => m.subject)).toEqual([
      "Warteliste: Werkstattgespräch Ehrenamt",
      "Platz frei: Werkstattgespräch Ehrenamt",
    ]);
    const confirmation = (await mailsTo("aylin.demir@example.org"))[0];
    expect(confirmation.body).toContain(`/t/aachen/veranstaltungen/abmelden/${a.token}`);
    // The link works once.
    expect(messageOf(await asAachen((tx) => cancelRegistration(tx, b.token)))).toBe(
      "Diese Anmeldung ist bereits abgemeldet.",
    );
    expect(messageOf(await asAachen((tx) => cancelRegistration(tx, "unbekannt")))).toBe(
      "Diesen Abmeldelink kennen wir nicht. Vielleicht sind die Daten nach der Veranstaltung schon gelöscht.",
    );
  });

  it("promotes no one when a waitlisted person cancels, and refuses a second live registration of one address", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event({ capacity: 1 })))).id;
    const [, w] = await asAachen(async (tx) => [
      must(await register(tx, id, person("Dana Eins"), "aachen")),
      must(await register(tx, id, person("Emil Zwei"), "aachen")),
    ]);
    expect(must(await asAachen((tx) => cancelRegistration(tx, w.token))).promoted).toBeNull();
    expect(messageOf(await asAachen((tx) => register(tx, id, person("Dana Eins"), "aachen")))).toBe(
      "Mit dieser E-Mail-Adresse ist schon jemand angemeldet.",
    );
    // Case does not make a second person.
    expect(
      messageOf(await asAachen((tx) => register(tx, id, person("Dana", { email: "DANA.EINS@example.org" }), "aachen"))),
    ).toBe("Mit dieser E-Mail-Adresse ist schon jemand angemeldet.");
  });

  it("takes no registration for an unpublished or past event, nor without consent", async () => {
    const hidden = must(await asAachen((tx) => createEvent(tx, event({ published: false })))).id;
    expect(messageOf(await asAachen((tx) => register(tx, hidden, person("Fritz"), "aachen")))).toBe(
      "Diese Veranstaltung gibt es nicht oder sie ist nicht veröffentlicht.",
    );
    const past = must(await asAachen((tx) => createEvent(tx, event({ date: "2020-01-10" })))).id;
    expect(messageOf(await asAachen((tx) => register(tx, past, person("Gül"), "aachen")))).toBe(
      "Die Veranstaltung ist vorbei; eine Anmeldung ist nicht mehr möglich.",
    );
    await expect(register({} as Tx, past, { ...person("Hans"), consent: false as never }, "aachen")).rejects.toThrow();
  });

  it("is invisible to another tenant, whose registration for it finds nothing", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event()))).id;
    expect(await inTenant(koeln, (tx) => getEvent(tx, id))).toBeUndefined();
    expect(messageOf(await inTenant(koeln, (tx) => register(tx, id, person("Ida Köln"), "koeln")))).toBe(
      "Diese Veranstaltung gibt es nicht oder sie ist nicht veröffentlicht.",
    );
    expect((await inTenant(koeln, (tx) => listEvents(tx))).map((e) => e.id)).not.toContain(id);
  });

  it("is public only when published and its process is no draft", async () => {
    const draft = await asAachen((tx) =>
      rows<{ id: string }>(
        tx,
        sql`INSERT INTO participation_processes (tenant_id, kind, title) VALUES (app_tenant_id(), 'custom', 'Entwurf')
          RETURNING id::text AS id`,
      ),
    );
    const id = must(await asAachen((tx) => createEvent(tx, event({ processId: draft[0].id })))).id;
    expect(await asAachen((tx) => publicEvent(tx, id))).toBeUndefined();
    expect((await asAachen((tx) => listEvents(tx, { published: true }))).map((e) => e.id)).not.toContain(id);
    expect((await asAachen((tx) => listEvents(tx, { processId: draft[0].id }))).map((e) => e.id)).toEqual([id]);
  });
});

describe("staff work on an event", () => {
  it("marks attendance and reports organisations present by type, and queues reminders to the confirmed", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event({ capacity: 3 })))).id;
    const regs = await asAachen(async (tx) => [
      must(await register(tx, id, person("Jana Amt", { organisationType: "administration" }), "aachen")),
      must(await register(tx, id, person("Kemal Verein", { organisationType: "migrant_organisation" }), "aachen")),
      must(await register(tx, id, person("Lea Ohne"), "aachen")),
      must(await register(tx, id, person("Mo Warte"), "aachen")),
    ]);
    expect(must(await asAachen((tx) => setAttendance(tx, id, [regs[0].id, regs[1].id, regs[3].id])))).toEqual({
      attendees: 2,
    });
    const report = (await asAachen((tx) => closingReport(tx, id)))!;
    expect(report.attendees).toBe(2);
    expect(report.registered).toBe(3);
    expect(report.waitlisted).toBe(1);
    expect(report.byType.filter((x) => x.count > 0)).toEqual([
      { type: "administration", count: 1 },
      { type: "migrant_organisation", count: 1 },
    ]);
    expect(report.contributions).toBeNull();
    expect(must(await asAachen((tx) => queueReminders(tx, id)))).toEqual({ queued: 3 });
    expect((await mailsTo("mo.warte@example.org")).map((m) => m.subject)).toEqual([
      "Warteliste: Werkstattgespräch Ehrenamt",
    ]);
    expect((await mailsTo("lea.ohne@example.org")).map((m) => m.subject)).toContain(
      "Erinnerung: Werkstattgespräch Ehrenamt",
    );
  });

  it("warns of volunteer events in working hours (Mon–Fri 08:00–17:00 Berlin time)", () => {
    const at = (start: string, end: string, audience = "volunteers" as const) => ({
      startsAt: new Date(start),
      endsAt: new Date(end),
      audience,
    });
    // Tuesday 2026-03-10, CET (UTC+1).
    expect(inWorkingHours(at("2026-03-10T16:00:00Z", "2026-03-10T18:00:00Z"))).toBe(false); // 17:00–19:00
    expect(inWorkingHours(at("2026-03-10T15:30:00Z", "2026-03-10T18:00:00Z"))).toBe(true); // 16:30–19:00
    expect(inWorkingHours(at("2026-03-10T05:00:00Z", "2026-03-10T07:00:00Z"))).toBe(false); // 06:00–08:00
    expect(inWorkingHours(at("2026-03-10T05:00:00Z", "2026-03-10T07:01:00Z"))).toBe(true); // 06:00–08:01
    // Saturday 2026-03-14 10:00–14:00, and a weekend of two days.
    expect(inWorkingHours(at("2026-03-14T09:00:00Z", "2026-03-14T13:00:00Z"))).toBe(false);
    expect(inWorkingHours(at("2026-03-14T09:00:00Z", "2026-03-15T16:00:00Z"))).toBe(false);
    // Summer time (UTC+2): Wednesday 2026-07-01 15:00 UTC is 17:00 in Berlin.
    expect(inWorkingHours(at("2026-07-01T15:00:00Z", "2026-07-01T17:00:00Z"))).toBe(false);
    expect(inWorkingHours(at("2026-07-01T14:59:00Z", "2026-07-01T17:00:00Z"))).toBe(true);
    // Only volunteer events are checked.
    expect(inWorkingHours({ ...at("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"), audience: "professionals" })).toBe(
      false,
    );
  });

  it("stores the times entered as Berlin wall-clock times", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event({ date: "2026-07-01", startTime: "17:00" })))).id;
    const e = (await asAachen((tx) => getEvent(tx, id)))!;
    expect(e.startsAt.toISOString()).toBe("2026-07-01T15:00:00.000Z");
    expect(e.endsAt.toISOString()).toBe("2026-07-01T18:30:00.000Z");
  });
});

describe("anonymising registrations after the event", () => {
  it("removes personal data three months after the end and keeps type and attendance", async () => {
    const [old, recent] = await asAachen(async (tx) => {
      const ids: string[] = [];
      for (const ends of ["2026-01-10T20:00:00Z", "2026-03-10T20:00:00Z"]) {
        const [e] = await rows<{ id: string }>(
          tx,
          sql`INSERT INTO participation_events (tenant_id, title, starts_at, ends_at, venue_address, capacity, published)
            VALUES (app_tenant_id(), 'Vergangen', ${ends}::timestamptz - interval '2 hours', ${ends}::timestamptz, 'Rathaus', 5, true)
            RETURNING id::text AS id`,
        );
        await tx.execute(sql`INSERT INTO participation_event_registrations (tenant_id, event_id, seq, status, name, email,
            organisation, organisation_type, needs_notes, cancel_token_hash, attended)
          VALUES (app_tenant_id(), ${e.id}, 1, 'confirmed', 'Nina Nachher', 'nina@example.org', 'Verein', 'welfare',
            'Rollstuhl', md5(${ends}) || md5(${ends} || 'x'), true)`);
        ids.push(e.id);
      }
      return ids;
    });
    // 2026-04-10 20:00 UTC is exactly three months after the first event.
    expect(await withSystem(db, (tx) => pruneEventRegistrations(tx, new Date("2026-04-10T19:59:59Z")))).toBe(0);
    expect(await withSystem(db, (tx) => pruneEventRegistrations(tx, new Date("2026-04-10T20:00:00Z")))).toBe(1);
    const left = await asAachen((tx) =>
      rows<Record<string, unknown>>(
        tx,
        sql`SELECT event_id::text AS event, name, email, organisation, needs_notes, cancel_token_hash, organisation_type,
            attended FROM participation_event_registrations WHERE event_id IN (${old}, ${recent}) ORDER BY name NULLS FIRST`,
      ),
    );
    expect(left).toEqual([
      {
        event: old,
        name: null,
        email: null,
        organisation: null,
        needs_notes: null,
        cancel_token_hash: null,
        organisation_type: "welfare",
        attended: true,
      },
      expect.objectContaining({ event: recent, name: "Nina Nachher", email: "nina@example.org" }),
    ]);
    expect((await asAachen((tx) => closingReport(tx, old)))!.attendees).toBe(1);
  });
});

describe.runIf(process.env.TEST_DB === "pg")("the last seat under concurrency on PostgreSQL", () => {
  it("makes a second registration wait for the first one's uncommitted seat, then waitlists it", async () => {
    const id = must(await asAachen((tx) => createEvent(tx, event({ capacity: 1 })))).id;
    let second: Promise<Result<{ status: string }>> | undefined;
    await asAachen(async (tx) => {
      expect(must(await register(tx, id, person("Olga Erste"), "aachen")).status).toBe("confirmed");
      second = asAachen((tx2) => register(tx2, id, person("Paul Zweiter"), "aachen"));
      let settled = false;
      void second.finally(() => (settled = true));
      // Until the second transaction waits for this one's lock on the event, or (without the lock)
      // has counted the seat as free and finished.
      for (;;) {
        const [w] = await rows<{ n: number }>(
          db.orm,
          sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (w.n > 0 || settled) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    expect(must(await second!).status).toBe("waitlisted");
  });
});
