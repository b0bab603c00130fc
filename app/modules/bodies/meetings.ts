import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { ATTENDANCE, CONSULTATION_RESULTS, MEETING_STATES } from "./schema";
import { recordOutcome } from "./papers";

// Meetings of a body: agenda items, minutes and attendance (decision 0024). An agenda item may treat
// a consultation of a paper; its result is then the consultation's outcome, written by
// recordOutcome only.

const isoDate = z.iso.date("bodies.errors.date");
const time = z.iso.time({ precision: -1, error: "bodies.errors.time" });
const text = (max: number) => z.string().trim().min(1, "bodies.errors.required").max(max, "bodies.errors.tooLong");
const isUuid = (id: string) => z.uuid().safeParse(id).success;

export const MeetingInput = z
  .object({
    bodyId: z.uuid(),
    meetsOn: isoDate,
    startsAt: time.optional(),
    endsAt: time.optional(),
    location: text(300).optional(),
    state: z.enum(MEETING_STATES, "bodies.errors.meetingState").default("planned"),
    isPublic: z.boolean().default(true),
    isDemo: z.boolean().optional(),
  })
  .refine((m) => !m.startsAt || !m.endsAt || m.endsAt >= m.startsAt, {
    message: "bodies.errors.endBeforeStartTime",
    path: ["endsAt"],
  });
export type MeetingInput = z.input<typeof MeetingInput>;

export const AgendaItemInput = z.object({
  number: text(20),
  title: text(500),
  isPublic: z.boolean().default(true),
  consultationId: z.uuid("bodies.errors.consultationNotFound").optional(),
});
export type AgendaItemInput = z.input<typeof AgendaItemInput>;

export const ItemResultInput = z.object({
  result: z.enum(CONSULTATION_RESULTS, "bodies.errors.result"),
  resolution: text(20000).optional(),
});
export type ItemResultInput = z.input<typeof ItemResultInput>;

export interface MeetingHead {
  id: string;
  bodyId: string;
  body: string;
  meetsOn: string;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  state: (typeof MEETING_STATES)[number];
  isPublic: boolean;
  isDemo: boolean;
}

export interface AgendaItem {
  id: string;
  number: string;
  title: string;
  isPublic: boolean;
  consultationId: string | null;
  paperId: string | null;
  paperNumber: string | null;
  /** The consultation's outcome where the item treats one, else the item's own. */
  result: (typeof CONSULTATION_RESULTS)[number] | null;
  resolution: string | null;
  minutes: string | null;
}

export interface AttendanceRow {
  membershipId: string;
  personName: string;
  role: string;
  status: (typeof ATTENDANCE)[number] | null;
}

export interface Meeting extends MeetingHead {
  minutes: string | null;
  items: AgendaItem[];
  /** Every membership of the body valid on the meeting day, with its attendance if recorded. */
  attendance: AttendanceRow[];
  guests: { id: string; name: string; status: (typeof ATTENDANCE)[number] }[];
}

const head = sql`m.id, m.body_id AS "bodyId", b.name AS body, m.meets_on::text AS "meetsOn",
  to_char(m.starts_at, 'HH24:MI') AS "startsAt", to_char(m.ends_at, 'HH24:MI') AS "endsAt", m.location, m.state,
  m.is_public AS "isPublic", m.is_demo AS "isDemo"`;

export async function createMeeting(tx: Tx, input: MeetingInput): Promise<Result<{ id: string }>> {
  const m = MeetingInput.parse(input);
  const [b] = await rows(tx, sql`SELECT 1 FROM bodies WHERE id = ${m.bodyId}`);
  if (!b) return fail("bodies.errors.notFound");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_meetings (tenant_id, body_id, meets_on, starts_at, ends_at, location, state, is_public, is_demo)
        VALUES (app_tenant_id(), ${m.bodyId}, ${m.meetsOn}, ${m.startsAt ?? null}, ${m.endsAt ?? null},
                ${m.location ?? null}, ${m.state}, ${m.isPublic}, ${m.isDemo ?? false}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "body_meeting", entityId: r.id, after: m });
  return ok({ id: r.id });
}

/** A body's meetings, latest first (deleted ones are gone). */
export async function listMeetings(tx: Tx, bodyId: string): Promise<MeetingHead[]> {
  if (!isUuid(bodyId)) return [];
  return rows<MeetingHead>(
    tx,
    sql`SELECT ${head} FROM body_meetings m JOIN bodies b ON b.id = m.body_id
        WHERE m.body_id = ${bodyId} AND m.deleted_at IS NULL ORDER BY m.meets_on DESC, m.starts_at DESC NULLS LAST`,
  );
}

/** One meeting with agenda, minutes and attendance; with `bodyId`, only a meeting of that body. */
export async function getMeeting(tx: Tx, id: string, bodyId?: string): Promise<Meeting | undefined> {
  if (!isUuid(id) || (bodyId !== undefined && !isUuid(bodyId))) return undefined;
  const [m] = await rows<MeetingHead & { minutes: string | null }>(
    tx,
    sql`SELECT ${head}, m.minutes FROM body_meetings m JOIN bodies b ON b.id = m.body_id
        WHERE m.id = ${id} AND m.deleted_at IS NULL AND m.body_id = coalesce(${bodyId ?? null}::uuid, m.body_id)`,
  );
  if (!m) return undefined;
  const items = await rows<AgendaItem>(
    tx,
    sql`SELECT i.id, i.number, i.title, i.is_public AS "isPublic", i.consultation_id AS "consultationId",
          p.id AS "paperId", p.number AS "paperNumber", coalesce(c.result, i.result) AS result,
          CASE WHEN c.id IS NULL THEN i.resolution ELSE c.resolution END AS resolution, i.minutes
        FROM body_agenda_items i
        LEFT JOIN body_consultations c ON c.id = i.consultation_id AND c.deleted_at IS NULL
        LEFT JOIN body_papers p ON p.id = c.paper_id AND p.deleted_at IS NULL
        WHERE i.meeting_id = ${id} AND i.deleted_at IS NULL
        ORDER BY i.position, string_to_array(i.number, '.')::text[]`,
  );
  const attendance = await rows<AttendanceRow>(
    tx,
    sql`SELECT ms.id AS "membershipId", pe.name AS "personName", ms.role, a.status
        FROM body_memberships ms
        JOIN body_persons pe ON pe.id = ms.person_id
        LEFT JOIN body_attendance a ON a.membership_id = ms.id AND a.meeting_id = ${id}
        WHERE ms.body_id = ${m.bodyId} AND daterange(ms.starts_on, ms.ends_on, '[]') @> ${m.meetsOn}::date
        ORDER BY array_position(ARRAY['member', 'deputy', 'guest'], ms.role), pe.name`,
  );
  const guests = await rows<Meeting["guests"][number]>(
    tx,
    sql`SELECT id, guest_name AS name, status FROM body_attendance
        WHERE meeting_id = ${id} AND guest_name IS NOT NULL ORDER BY guest_name`,
  );
  return { ...m, items, attendance, guests };
}

const touch = (tx: Tx, id: string) => tx.execute(sql`UPDATE body_meetings SET updated_at = now() WHERE id = ${id}`);

/** Sets a meeting's state (planned, held, cancelled). */
export async function setMeetingState(tx: Tx, id: string, state: string): Promise<Result> {
  const s = z.enum(MEETING_STATES).safeParse(state);
  if (!s.success) return fail("bodies.errors.meetingState", "state");
  const [r] = await rows(
    tx,
    sql`UPDATE body_meetings SET state = ${s.data}, updated_at = now() WHERE id = ${id} AND deleted_at IS NULL RETURNING 1`,
  );
  if (!r) return fail("bodies.errors.meetingNotFound");
  await audit(tx, { action: "update", entity: "body_meeting", entityId: id, after: { state: s.data } });
  return ok(undefined);
}

/** The minutes of a meeting, or with `itemId` of one of its agenda items; empty clears them. */
export async function setMinutes(tx: Tx, meetingId: string, minutes: string, itemId?: string): Promise<Result> {
  const v = z.string().trim().max(100000, "bodies.errors.tooLong").safeParse(minutes);
  if (!v.success) return fail("bodies.errors.tooLong", "minutes");
  const value = v.data === "" ? null : v.data;
  const [r] = itemId
    ? await rows(
        tx,
        sql`UPDATE body_agenda_items SET minutes = ${value}, updated_at = now()
            WHERE id = ${isUuid(itemId) ? itemId : null} AND meeting_id = ${meetingId} AND deleted_at IS NULL RETURNING 1`,
      )
    : await rows(
        tx,
        sql`UPDATE body_meetings SET minutes = ${value}, updated_at = now()
            WHERE id = ${meetingId} AND deleted_at IS NULL RETURNING 1`,
      );
  if (!r) return fail(itemId ? "bodies.errors.itemNotFound" : "bodies.errors.meetingNotFound");
  if (itemId) await touch(tx, meetingId);
  await audit(tx, {
    action: "update",
    entity: itemId ? "body_agenda_item" : "body_meeting",
    entityId: itemId ?? meetingId,
    after: { minutes: value },
  });
  return ok(undefined);
}

/**
 * Adds an agenda item. One that treats a consultation must name one of this body (or of a body
 * named only by text, which the item then links to this body) that no other item treats yet; the
 * consultation's date becomes the meeting's.
 */
export async function addAgendaItem(
  tx: Tx,
  meetingId: string,
  input: AgendaItemInput,
): Promise<Result<{ id: string }>> {
  const a = AgendaItemInput.parse(input);
  if (!isUuid(meetingId)) return fail("bodies.errors.meetingNotFound");
  const [m] = await rows<{ body_id: string; meets_on: string; n: number }>(
    tx,
    sql`SELECT body_id, meets_on::text, (SELECT count(*)::int FROM body_agenda_items WHERE meeting_id = m.id) AS n
        FROM body_meetings m WHERE id = ${meetingId} AND deleted_at IS NULL FOR UPDATE`,
  );
  if (!m) return fail("bodies.errors.meetingNotFound");
  if (a.consultationId) {
    const [c] = await rows<{ body_id: string | null; treated: boolean }>(
      tx,
      sql`SELECT c.body_id, EXISTS (SELECT 1 FROM body_agenda_items i WHERE i.consultation_id = c.id AND i.deleted_at IS NULL) AS treated
          FROM body_consultations c JOIN body_papers p ON p.id = c.paper_id AND p.deleted_at IS NULL
          WHERE c.id = ${a.consultationId} AND c.deleted_at IS NULL FOR UPDATE OF c`,
    );
    if (!c) return fail("bodies.errors.consultationNotFound", "consultationId");
    if (c.body_id && c.body_id !== m.body_id) return fail("bodies.errors.consultationOtherBody", "consultationId");
    if (c.treated) return fail("bodies.errors.consultationTreated", "consultationId");
    await tx.execute(
      sql`UPDATE body_consultations SET body_id = ${m.body_id}, meets_on = ${m.meets_on}, updated_at = now()
          WHERE id = ${a.consultationId}`,
    );
  }
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, is_public, consultation_id, position)
        VALUES (app_tenant_id(), ${meetingId}, ${a.number}, ${a.title}, ${a.isPublic}, ${a.consultationId ?? null}, ${m.n})
        RETURNING id`,
  );
  await touch(tx, meetingId);
  await audit(tx, { action: "create", entity: "body_agenda_item", entityId: r.id, after: { meetingId, ...a } });
  return ok({ id: r.id });
}

/**
 * Records the result of an agenda item. Where the item treats a consultation, the outcome is the
 * consultation's, decided on the meeting day, and written by recordOutcome (one write path).
 */
export async function recordItemResult(
  tx: Tx,
  meetingId: string,
  itemId: string,
  input: ItemResultInput,
): Promise<Result> {
  const o = ItemResultInput.parse(input);
  if (!isUuid(meetingId) || !isUuid(itemId)) return fail("bodies.errors.itemNotFound");
  const [i] = await rows<{ consultation_id: string | null; meets_on: string; result: string | null }>(
    tx,
    sql`SELECT i.consultation_id, m.meets_on::text, i.result FROM body_agenda_items i
        JOIN body_meetings m ON m.id = i.meeting_id AND m.deleted_at IS NULL
        WHERE i.id = ${itemId} AND i.meeting_id = ${meetingId} AND i.deleted_at IS NULL`,
  );
  if (!i) return fail("bodies.errors.itemNotFound");
  if (i.consultation_id) {
    const r = await recordOutcome(tx, i.consultation_id, { ...o, decidedOn: i.meets_on });
    if (!r.ok) return r;
  } else {
    await tx.execute(
      sql`UPDATE body_agenda_items SET result = ${o.result}, resolution = ${o.resolution ?? null}, updated_at = now()
          WHERE id = ${itemId}`,
    );
    await audit(tx, {
      action: "update",
      entity: "body_agenda_item",
      entityId: itemId,
      before: { result: i.result },
      after: o,
    });
  }
  await touch(tx, meetingId);
  return ok(undefined);
}

/**
 * Records attendance for memberships of the meeting's body valid on the meeting day; an empty
 * status clears the entry. A membership of another body or term is refused, and nothing is written.
 */
export async function setAttendance(
  tx: Tx,
  meetingId: string,
  entries: { membershipId: string; status: string | null }[],
): Promise<Result> {
  if (!isUuid(meetingId)) return fail("bodies.errors.meetingNotFound");
  const [m] = await rows<{ body_id: string; meets_on: string }>(
    tx,
    sql`SELECT body_id, meets_on::text FROM body_meetings WHERE id = ${meetingId} AND deleted_at IS NULL`,
  );
  if (!m) return fail("bodies.errors.meetingNotFound");
  const valid = new Set(
    (
      await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM body_memberships WHERE body_id = ${m.body_id}
            AND daterange(starts_on, ends_on, '[]') @> ${m.meets_on}::date`,
      )
    ).map((x) => x.id),
  );
  for (const e of entries) {
    if (!valid.has(e.membershipId)) return fail("bodies.errors.attendanceMembership", "attendance");
    if (e.status !== null && !(ATTENDANCE as readonly string[]).includes(e.status))
      return fail("bodies.errors.attendanceStatus", "attendance");
  }
  for (const e of entries) {
    if (e.status === null)
      await tx.execute(
        sql`DELETE FROM body_attendance WHERE meeting_id = ${meetingId} AND membership_id = ${e.membershipId}`,
      );
    else
      await tx.execute(
        sql`INSERT INTO body_attendance (tenant_id, meeting_id, membership_id, status)
            VALUES (app_tenant_id(), ${meetingId}, ${e.membershipId}, ${e.status})
            ON CONFLICT (meeting_id, membership_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      );
  }
  await touch(tx, meetingId);
  await audit(tx, { action: "update", entity: "body_attendance", entityId: meetingId, after: entries });
  return ok(undefined);
}

/** Adds a guest (by name) to a meeting's attendance. */
export async function addGuest(tx: Tx, meetingId: string, name: string, status = "present"): Promise<Result> {
  const n = text(200).safeParse(name);
  if (!n.success) return fail(n.error.issues[0].message, "guestName");
  if (!(ATTENDANCE as readonly string[]).includes(status)) return fail("bodies.errors.attendanceStatus", "status");
  if (!isUuid(meetingId)) return fail("bodies.errors.meetingNotFound");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_attendance (tenant_id, meeting_id, guest_name, status)
        SELECT app_tenant_id(), id, ${n.data}, ${status} FROM body_meetings WHERE id = ${meetingId} AND deleted_at IS NULL
        RETURNING id`,
  );
  if (!r) return fail("bodies.errors.meetingNotFound");
  await touch(tx, meetingId);
  await audit(tx, { action: "create", entity: "body_attendance", entityId: r.id, after: { meetingId, name: n.data } });
  return ok(undefined);
}

/** What a meeting still lacks: its state after the day, an agenda shortly before, minutes after. */
export const MEETING_TODOS = ["state", "agenda", "minutes"] as const;
export type MeetingTodo = (typeof MEETING_TODOS)[number];

/** How many days ahead a meeting without an agenda is named: invitations go out about a week before. */
export const AGENDA_DAYS = 14;

/**
 * The meetings the secretariat still has to work on, on `today`: planned ones whose day has passed
 * (held or cancelled is not recorded), planned ones within AGENDA_DAYS without an agenda item, and held ones without
 * minutes (neither the meeting's nor an item's). Imported meetings are left out: the council
 * information system they came from keeps them. The staff home counts these, the bodies list shows them.
 */
export async function meetingsToDo(
  tx: Tx,
  today: string,
): Promise<{ id: string; bodyId: string; body: string; meetsOn: string; todo: MeetingTodo }[]> {
  return rows(
    tx,
    sql`SELECT m.id, m.body_id AS "bodyId", b.name AS body, m.meets_on::text AS "meetsOn",
          CASE WHEN m.state = 'held' THEN 'minutes' WHEN m.meets_on < ${today}::date THEN 'state' ELSE 'agenda' END AS todo
        FROM body_meetings m JOIN bodies b ON b.id = m.body_id
        WHERE m.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM oparl_sources s WHERE s.local_id = m.id AND s.object_type = 'Meeting')
          AND CASE m.state
            WHEN 'planned' THEN m.meets_on < ${today}::date
              OR (m.meets_on <= ${today}::date + ${AGENDA_DAYS}::int
                  AND NOT EXISTS (SELECT 1 FROM body_agenda_items i WHERE i.meeting_id = m.id AND i.deleted_at IS NULL))
            WHEN 'held' THEN m.minutes IS NULL
              AND NOT EXISTS (SELECT 1 FROM body_agenda_items i
                              WHERE i.meeting_id = m.id AND i.deleted_at IS NULL AND i.minutes IS NOT NULL)
            ELSE false END
        ORDER BY m.meets_on, b.name, m.id`,
  );
}
