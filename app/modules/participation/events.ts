import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { newToken, sha256 } from "~/kernel/auth/crypto";
import { config } from "~/kernel/config";
import { formatDateTime } from "~/kernel/dates";
import { enqueueMail } from "~/kernel/mail/outbox";
import { fail, ok, type Result } from "~/kernel/errors";
import {
  AUDIENCES,
  BARRIER_FREE,
  EVENT_MODES,
  EventInput,
  ORGANISATION_TYPES,
  RegistrationInput,
  RETENTION_MONTHS,
  type OrganisationType,
  type RegistrationStatus,
} from "./events-schema";

export type { EventInput, RegistrationInput } from "./events-schema";

// Veranstaltungen (issue 12 item 2, decision 0029): events, registration without an account with a
// waiting list, attendance and the closing report. Personal data of registrants never leaves the
// staff pages; the public sees seats left, never names.

export interface ParticipationEvent {
  id: string;
  processId: string | null;
  processTitle: string | null;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  mode: (typeof EVENT_MODES)[number];
  venueAddress: string | null;
  barrierFree: (typeof BARRIER_FREE)[number] | null;
  publicTransport: boolean | null;
  venueNotes: string | null;
  onlineLink: string | null;
  capacity: number;
  audience: (typeof AUDIENCES)[number];
  childcare: boolean;
  interpreterLanguages: string | null;
  signLanguage: boolean;
  easyLanguage: boolean;
  expenseRefund: boolean;
  supportNotes: string | null;
  published: boolean;
  updatedAt: Date;
  confirmed: number;
  waitlisted: number;
}

const EVENT_COLUMNS = sql`e.id::text AS "id", e.process_id::text AS "processId", p.title AS "processTitle", e.title,
  e.description, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.mode, e.venue_address AS "venueAddress",
  e.barrier_free AS "barrierFree", e.public_transport AS "publicTransport", e.venue_notes AS "venueNotes",
  e.online_link AS "onlineLink", e.capacity, e.audience, e.childcare, e.interpreter_languages AS "interpreterLanguages",
  e.sign_language AS "signLanguage", e.easy_language AS "easyLanguage", e.expense_refund AS "expenseRefund",
  e.support_notes AS "supportNotes", e.published, e.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM participation_event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS "confirmed",
  (SELECT count(*)::int FROM participation_event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS "waitlisted"`;

const asDates = (e: ParticipationEvent): ParticipationEvent => ({
  ...e,
  startsAt: new Date(e.startsAt),
  endsAt: new Date(e.endsAt),
  updatedAt: new Date(e.updatedAt),
});

export async function createEvent(tx: Tx, input: EventInput): Promise<Result<{ id: string }>> {
  const e = EventInput.parse(input);
  if (e.processId) {
    const [p] = await rows<{ id: string }>(tx, sql`SELECT id FROM participation_processes WHERE id = ${e.processId}`);
    if (!p) return fail("participation.eventErrors.process", "processId");
  }
  const local = (time: string) => sql`(${e.date}::date + ${time}::time) AT TIME ZONE 'Europe/Berlin'`;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_events (tenant_id, process_id, title, description, starts_at, ends_at, mode,
        venue_address, barrier_free, public_transport, venue_notes, online_link, capacity, audience, childcare,
        interpreter_languages, sign_language, easy_language, expense_refund, support_notes, published)
      VALUES (app_tenant_id(), ${e.processId ?? null}, ${e.title}, ${e.description ?? null}, ${local(e.startTime)},
        ${local(e.endTime)}, ${e.mode}, ${e.mode === "online" ? null : (e.venueAddress ?? null)},
        ${e.mode === "online" ? null : (e.barrierFree ?? null)}, ${e.mode === "online" ? null : (e.publicTransport ?? null)},
        ${e.venueNotes ?? null}, ${e.mode === "in_person" ? null : (e.onlineLink ?? null)}, ${e.capacity}, ${e.audience},
        ${e.childcare}, ${e.interpreterLanguages ?? null}, ${e.signLanguage}, ${e.easyLanguage}, ${e.expenseRefund},
        ${e.supportNotes ?? null}, ${e.published})
      RETURNING id::text AS id`,
  );
  await audit(tx, { action: "create", entity: "participation_event", entityId: r.id, after: e });
  return ok(r);
}

export async function setEventPublished(tx: Tx, id: string, published: boolean): Promise<Result<undefined>> {
  const r = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_events SET published = ${published}, updated_at = now() WHERE id = ${id} RETURNING id`,
  );
  if (!r.length) return fail("participation.eventErrors.notFound");
  await audit(tx, { action: published ? "publish" : "unpublish", entity: "participation_event", entityId: id });
  return ok(undefined);
}

export async function getEvent(tx: Tx, id: string): Promise<ParticipationEvent | undefined> {
  const [e] = await rows<ParticipationEvent>(
    tx,
    sql`SELECT ${EVENT_COLUMNS} FROM participation_events e LEFT JOIN participation_processes p ON p.id = e.process_id
      WHERE e.id = ${id}`,
  );
  return e && asDates(e);
}

/** Events of the tenant (or of one process), soonest first; `published` limits to public ones. */
export async function listEvents(
  tx: Tx,
  opts: { processId?: string; published?: boolean } = {},
): Promise<ParticipationEvent[]> {
  const r = await rows<ParticipationEvent>(
    tx,
    sql`SELECT ${EVENT_COLUMNS} FROM participation_events e LEFT JOIN participation_processes p ON p.id = e.process_id
      WHERE (${opts.processId ?? null}::uuid IS NULL OR e.process_id = ${opts.processId ?? null}::uuid)
        AND (${opts.published ?? false} = false OR (e.published AND (e.process_id IS NULL OR p.status <> 'draft')))
      ORDER BY e.starts_at, e.title`,
  );
  return r.map(asDates);
}

/** A published event as the public may see it (no registrant, no waiting list). */
export async function publicEvent(tx: Tx, id: string): Promise<ParticipationEvent | undefined> {
  const e = await getEvent(tx, id);
  if (!e || !e.published) return undefined;
  if (e.processId) {
    const [p] = await rows<{ status: string }>(
      tx,
      sql`SELECT status FROM participation_processes WHERE id = ${e.processId}`,
    );
    if (p?.status === "draft") return undefined;
  }
  return e;
}

/** Wall-clock minutes in Berlin since 1970-01-01 (local), so days and hours are Berlin's. */
function berlinMinutes(d: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) / 60000;
}

/** Working hours for the warning: Monday to Friday, 08:00 to 17:00 Berlin time (decision 0029). */
export const WORKING_HOURS = { from: 8 * 60, to: 17 * 60 } as const;

/**
 * Whether an event aimed at volunteers overlaps working hours, when most volunteers with a job
 * cannot come. Public holidays are not considered.
 */
export function inWorkingHours(e: Pick<ParticipationEvent, "startsAt" | "endsAt" | "audience">): boolean {
  if (e.audience !== "volunteers") return false;
  const start = berlinMinutes(e.startsAt),
    end = berlinMinutes(e.endsAt);
  for (let day = Math.floor(start / 1440); day * 1440 < end; day++) {
    // 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday).
    const weekday = (day + 4) % 7;
    if (weekday === 0 || weekday === 6) continue;
    if (start < day * 1440 + WORKING_HOURS.to && end > day * 1440 + WORKING_HOURS.from) return true;
  }
  return false;
}

const when = (e: Pick<ParticipationEvent, "startsAt">) => formatDateTime(e.startsAt, "de");
const cancelLink = (slug: string, token: string) => `${config().baseUrl}/t/${slug}/veranstaltungen/abmelden/${token}`;

/**
 * Registers a person for a published, upcoming event. The event row is locked first, so two
 * registrations for the last seat are counted one after the other: the second is waitlisted. The
 * confirmation mail (through the outbox) carries the cancellation link; only its hash is stored.
 */
export async function register(
  tx: Tx,
  eventId: string,
  input: RegistrationInput,
  slug: string,
): Promise<Result<{ id: string; status: RegistrationStatus; token: string }>> {
  const r = RegistrationInput.parse(input);
  const [ev] = await rows<{ capacity: number; seq: number }>(
    tx,
    sql`SELECT capacity, last_seq AS seq FROM participation_events WHERE id = ${eventId} FOR UPDATE`,
  );
  const e = ev && (await publicEvent(tx, eventId));
  if (!e) return fail("participation.eventErrors.notFound");
  if (e.endsAt <= new Date()) return fail("participation.eventErrors.past");
  const [dup] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM participation_event_registrations
      WHERE event_id = ${eventId} AND lower(email) = lower(${r.email}) AND status <> 'cancelled'`,
  );
  if (dup) return fail("participation.eventErrors.duplicate", "email");
  const status: RegistrationStatus = e.confirmed < ev.capacity ? "confirmed" : "waitlisted";
  const token = newToken();
  const [reg] = await rows<{ id: string }>(
    tx,
    sql`WITH n AS (UPDATE participation_events SET last_seq = last_seq + 1 WHERE id = ${eventId} RETURNING last_seq)
      INSERT INTO participation_event_registrations (tenant_id, event_id, seq, status, name, email, organisation,
        organisation_type, needs_interpreter, needs_childcare, needs_notes, cancel_token_hash)
      SELECT app_tenant_id(), ${eventId}, n.last_seq, ${status}, ${r.name}, ${r.email}, ${r.organisation ?? null},
        ${r.organisationType ?? null}, ${r.needsInterpreter ?? null}, ${r.needsChildcare}, ${r.needsNotes ?? null},
        ${sha256(token)} FROM n
      RETURNING id::text AS id`,
  );
  // The audit log keeps no personal data: it outlives the registration's anonymisation.
  await audit(tx, {
    action: "register",
    entity: "participation_event_registration",
    entityId: reg.id,
    after: { status },
  });
  await enqueueMail(tx, {
    to: r.email,
    subject: `${status === "confirmed" ? "Anmeldung bestätigt" : "Warteliste"}: ${e.title}`,
    body:
      `Guten Tag ${r.name},\n\n` +
      (status === "confirmed"
        ? `Ihre Anmeldung zu „${e.title}“ am ${when(e)} ist bestätigt.\n\n`
        : `„${e.title}“ am ${when(e)} ist ausgebucht. Sie stehen auf der Warteliste; wird ein Platz frei, ` +
          `rücken Sie nach und bekommen eine Nachricht.\n\n`) +
      `Abmelden können Sie sich über diesen Link:\n${cancelLink(slug, token)}\n\n` +
      `Ihre Angaben werden ${RETENTION_MONTHS} Monate nach der Veranstaltung gelöscht.`,
  });
  return ok({ id: reg.id, status, token });
}

/** The registration a cancellation link belongs to, for the confirmation page (event title only). */
export async function registrationByToken(
  tx: Tx,
  token: string,
): Promise<{ id: string; eventId: string; eventTitle: string; status: RegistrationStatus } | undefined> {
  const [r] = await rows<{ id: string; eventId: string; eventTitle: string; status: RegistrationStatus }>(
    tx,
    sql`SELECT r.id::text AS id, r.event_id::text AS "eventId", e.title AS "eventTitle", r.status
      FROM participation_event_registrations r JOIN participation_events e ON e.id = r.event_id
      WHERE r.cancel_token_hash = ${sha256(token)}`,
  );
  return r;
}

/**
 * Cancels the registration of a cancellation link. When it held a seat, the first person on the
 * waiting list gets it in the same transaction (under the event's lock) and is told by mail.
 */
export async function cancelRegistration(tx: Tx, token: string): Promise<Result<{ promoted: string | null }>> {
  const reg = await registrationByToken(tx, token);
  if (!reg) return fail("participation.eventErrors.cancelUnknown");
  await tx.execute(sql`SELECT 1 FROM participation_events WHERE id = ${reg.eventId} FOR UPDATE`);
  const [c] = await rows<{ was: RegistrationStatus }>(
    tx,
    sql`UPDATE participation_event_registrations n SET status = 'cancelled'
      FROM participation_event_registrations o WHERE n.id = o.id AND n.id = ${reg.id} AND n.status <> 'cancelled'
      RETURNING o.status AS was`,
  );
  if (!c) return fail("participation.eventErrors.cancelled");
  await audit(tx, { action: "cancel", entity: "participation_event_registration", entityId: reg.id });
  const promoted = c.was === "confirmed" ? await promoteFirst(tx, reg.eventId) : null;
  return ok({ promoted });
}

async function promoteFirst(tx: Tx, eventId: string): Promise<string | null> {
  const e = (await getEvent(tx, eventId))!;
  if (e.confirmed >= e.capacity) return null;
  const [p] = await rows<{ id: string; name: string; email: string }>(
    tx,
    sql`UPDATE participation_event_registrations SET status = 'confirmed'
      WHERE id = (SELECT id FROM participation_event_registrations WHERE event_id = ${eventId} AND status = 'waitlisted'
        ORDER BY seq LIMIT 1)
      RETURNING id::text AS id, name, email`,
  );
  if (!p) return null;
  await audit(tx, { action: "promote", entity: "participation_event_registration", entityId: p.id });
  await enqueueMail(tx, {
    to: p.email,
    subject: `Platz frei: ${e.title}`,
    body:
      `Guten Tag ${p.name},\n\nfür „${e.title}“ am ${when(e)} ist ein Platz frei geworden. Sie sind von der ` +
      `Warteliste nachgerückt und angemeldet.\n\nWenn Sie nicht kommen können, melden Sie sich bitte über den Link ` +
      `aus Ihrer ersten Nachricht ab, damit der Platz weitergegeben wird.`,
  });
  return p.id;
}

export interface Registration {
  id: string;
  seq: number;
  status: RegistrationStatus;
  name: string | null;
  email: string | null;
  organisation: string | null;
  organisationType: OrganisationType | null;
  needsInterpreter: string | null;
  needsChildcare: boolean;
  needsNotes: string | null;
  attended: boolean | null;
}

/** Registrations of an event in order (staff only). */
export function listRegistrations(tx: Tx, eventId: string): Promise<Registration[]> {
  return rows<Registration>(
    tx,
    sql`SELECT id::text AS id, seq, status, name, email, organisation, organisation_type AS "organisationType",
        needs_interpreter AS "needsInterpreter", needs_childcare AS "needsChildcare", needs_notes AS "needsNotes", attended
      FROM participation_event_registrations WHERE event_id = ${eventId} ORDER BY seq`,
  );
}

/** Marks who came: `present` are the ids of confirmed registrations present, every other confirmed one absent. */
export async function setAttendance(
  tx: Tx,
  eventId: string,
  present: string[],
): Promise<Result<{ attendees: number }>> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`WITH u AS (UPDATE participation_event_registrations
        SET attended = id::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(present)}::jsonb))
        WHERE event_id = ${eventId} AND status = 'confirmed' RETURNING attended)
      SELECT count(*) FILTER (WHERE attended)::int AS n FROM u`,
  );
  await audit(tx, {
    action: "attendance",
    entity: "participation_event",
    entityId: eventId,
    after: { attendees: r.n },
  });
  return ok({ attendees: r.n });
}

export interface ClosingReport {
  registered: number;
  waitlisted: number;
  attendees: number;
  /** Attendees by organisation type ("none" for those without), in ORGANISATION_TYPES order. */
  byType: { type: OrganisationType | "none"; count: number }[];
  /** Cards of the event's process (none for a standalone event). */
  contributions: number | null;
}

/**
 * The closing report: how many came and which kinds of organisations were present. Representation
 * is counted by organisation type only, never by anything about a person's origin.
 */
export async function closingReport(tx: Tx, eventId: string): Promise<ClosingReport | undefined> {
  const e = await getEvent(tx, eventId);
  if (!e) return undefined;
  const types = await rows<{ type: string | null; count: number }>(
    tx,
    sql`SELECT organisation_type AS type, count(*)::int AS count FROM participation_event_registrations
      WHERE event_id = ${eventId} AND status = 'confirmed' AND attended GROUP BY organisation_type`,
  );
  const count = (t: string | null) => types.find((x) => x.type === t)?.count ?? 0;
  const [c] = e.processId
    ? await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM participation_cards WHERE process_id = ${e.processId}`,
      )
    : [null];
  return {
    registered: e.confirmed,
    waitlisted: e.waitlisted,
    attendees: types.reduce((s, x) => s + x.count, 0),
    byType: [...ORGANISATION_TYPES.map((type) => ({ type, count: count(type) })), { type: "none", count: count(null) }],
    contributions: c ? c.n : null,
  };
}

/** Queues a reminder to every confirmed registrant (through the outbox); returns how many. */
export async function queueReminders(tx: Tx, eventId: string): Promise<Result<{ queued: number }>> {
  const e = await getEvent(tx, eventId);
  if (!e) return fail("participation.eventErrors.notFound");
  const people = await rows<{ name: string; email: string }>(
    tx,
    sql`SELECT name, email FROM participation_event_registrations
      WHERE event_id = ${eventId} AND status = 'confirmed' AND email IS NOT NULL ORDER BY seq`,
  );
  const where = [e.venueAddress, e.onlineLink].filter(Boolean).join(" / ");
  for (const p of people)
    await enqueueMail(tx, {
      to: p.email,
      subject: `Erinnerung: ${e.title}`,
      body:
        `Guten Tag ${p.name},\n\nwir erinnern an „${e.title}“ am ${when(e)}` +
        (where ? ` (${where})` : "") +
        `.\n\nWenn Sie nicht kommen können, melden Sie sich bitte über den Link aus Ihrer Anmeldebestätigung ab.`,
    });
  await audit(tx, {
    action: "remind",
    entity: "participation_event",
    entityId: eventId,
    after: { queued: people.length },
  });
  return ok({ queued: people.length });
}

/**
 * Anonymises the registrations of events that ended more than RETENTION_MONTHS months before `now`:
 * name, address, organisation, needs and the cancellation hash go; status, organisation type and
 * attendance stay for the report. Runs across tenants in the system context (a scheduler's job,
 * wired elsewhere); returns the number of registrations anonymised.
 */
export async function pruneEventRegistrations(tx: Tx, now: Date = new Date()): Promise<number> {
  const r = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_event_registrations r SET name = NULL, email = NULL, organisation = NULL,
        needs_interpreter = NULL, needs_childcare = false, needs_notes = NULL, cancel_token_hash = NULL,
        anonymised_at = ${now.toISOString()}::timestamptz
      FROM participation_events e
      WHERE e.id = r.event_id AND r.anonymised_at IS NULL
        AND e.ends_at + make_interval(months => ${RETENTION_MONTHS}) <= ${now.toISOString()}::timestamptz
      RETURNING r.id::text AS id`,
  );
  if (r.length)
    await audit(tx, {
      tenantId: null,
      actorId: null,
      actorLabel: "System",
      action: "anonymise",
      entity: "participation_event_registration",
      after: { count: r.length },
    });
  return r.length;
}
