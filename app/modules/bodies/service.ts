import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { ORGANISATION_KINDS } from "~/kernel/roles";
import { BODY_FUNCTIONS, BODY_KINDS, MEMBERSHIP_ROLES } from "./schema";

const isoDate = z.iso.date("bodies.errors.date");
const text = (max: number) => z.string().trim().min(1, "bodies.errors.required").max(max, "bodies.errors.tooLong");

export const BodyInput = z.object({
  name: text(200),
  shortName: text(40).optional(),
  kind: z.enum(BODY_KINDS, "bodies.errors.kind"),
  secretariatId: z.uuid().optional(),
  cadence: text(200).optional(),
  description: text(4000).optional(),
  isDemo: z.boolean().optional(),
});
export type BodyInput = z.infer<typeof BodyInput>;

export const SeatRuleInput = z
  .object({
    bodyId: z.uuid(),
    label: text(200),
    seats: z
      .number("bodies.errors.seats")
      .int("bodies.errors.seats")
      .min(1, "bodies.errors.seats")
      .max(500, "bodies.errors.seats"),
    voting: z.boolean().default(true),
    organisationKinds: z.array(z.enum(ORGANISATION_KINDS)).default([]),
    organisationIds: z.array(z.uuid()).default([]),
    exOfficio: z.object({ bodyId: z.uuid(), function: z.enum(BODY_FUNCTIONS) }).optional(),
    position: z.number().int().default(0),
  })
  .refine((r) => !r.exOfficio || (!r.organisationKinds.length && !r.organisationIds.length), {
    message: "bodies.errors.exOfficioOpen",
    path: ["exOfficio"],
  });
export type SeatRuleInput = z.input<typeof SeatRuleInput>;

export const MembershipInput = z
  .object({
    bodyId: z.uuid(),
    personName: text(200),
    // The person's contact data, published through OParl only with consent (decision 0026).
    email: z.email("bodies.errors.email").max(200, "bodies.errors.tooLong").optional(),
    phone: text(50).optional(),
    contactConsent: z.boolean().default(false),
    organisationId: z.uuid().optional(),
    role: z.enum(MEMBERSHIP_ROLES),
    function: z.enum(BODY_FUNCTIONS).optional(),
    seatRuleId: z.uuid().optional(),
    deputyOf: z.uuid().optional(),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
  })
  .refine((m) => !m.endsOn || m.endsOn >= m.startsOn, { message: "bodies.errors.endBeforeStart", path: ["endsOn"] })
  .refine((m) => (m.role === "member") === !!m.seatRuleId, { message: "bodies.errors.seatRule", path: ["seatRuleId"] })
  .refine((m) => (m.role === "deputy") === !!m.deputyOf, { message: "bodies.errors.deputyOf", path: ["deputyOf"] })
  .refine((m) => !m.function || m.role === "member", { message: "bodies.errors.functionMember", path: ["function"] });
export type MembershipInput = z.input<typeof MembershipInput>;

export async function createBody(tx: Tx, input: BodyInput): Promise<Result<{ id: string }>> {
  const b = BodyInput.parse(input);
  const [taken] = await rows(tx, sql`SELECT 1 FROM bodies WHERE name = ${b.name}`);
  if (taken) return fail("bodies.errors.nameTaken", "name", { name: b.name });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO bodies (tenant_id, name, short_name, kind, secretariat_id, cadence, description, is_demo)
        VALUES (app_tenant_id(), ${b.name}, ${b.shortName ?? null}, ${b.kind}, ${b.secretariatId ?? null},
                ${b.cadence ?? null}, ${b.description ?? null}, ${b.isDemo ?? false}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "body", entityId: r.id, after: b });
  return ok({ id: r.id });
}

export async function addSeatRule(tx: Tx, input: SeatRuleInput): Promise<Result<{ id: string }>> {
  const s = SeatRuleInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_seat_rules (tenant_id, body_id, label, seats, voting, organisation_kinds, ex_officio_body_id, ex_officio_function, position)
        VALUES (app_tenant_id(), ${s.bodyId}, ${s.label}, ${s.seats}, ${s.voting}, ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(s.organisationKinds)}::jsonb)),
                ${s.exOfficio?.bodyId ?? null}, ${s.exOfficio?.function ?? null}, ${s.position}) RETURNING id`,
  );
  for (const o of s.organisationIds)
    await tx.execute(
      sql`INSERT INTO body_seat_rule_organisations (tenant_id, seat_rule_id, organisation_id) VALUES (app_tenant_id(), ${r.id}, ${o})`,
    );
  await audit(tx, { action: "create", entity: "body_seat_rule", entityId: r.id, after: s });
  return ok({ id: r.id });
}

interface RuleRow {
  id: string;
  body_id: string;
  label: string;
  seats: number;
  organisation_kinds: string[];
  organisation_ids: string[];
  ex_officio: boolean;
}

/**
 * Adds a person to a body. A member takes a seat of a rule: the organisation must be one the rule
 * names, and on no day of the term may the rule have more members than seats. The rule's row is
 * locked first, so two editors filling the last seat at once cannot both succeed.
 */
export async function addMembership(tx: Tx, input: MembershipInput): Promise<Result<{ id: string }>> {
  const m = MembershipInput.parse(input);
  if (m.role === "member") {
    const [rule] = await rows<RuleRow>(
      tx,
      sql`SELECT r.id, r.body_id, r.label, r.seats, r.organisation_kinds, r.ex_officio_body_id IS NOT NULL AS ex_officio,
            coalesce((SELECT array_agg(o.organisation_id::text) FROM body_seat_rule_organisations o WHERE o.seat_rule_id = r.id), '{}') AS organisation_ids
          FROM body_seat_rules r WHERE r.id = ${m.seatRuleId!} AND r.body_id = ${m.bodyId} FOR UPDATE OF r`,
    );
    if (!rule) return fail("bodies.errors.seatRuleUnknown", "seatRuleId");
    if (rule.ex_officio) return fail("bodies.errors.exOfficioSeat", "seatRuleId", { rule: rule.label });
    const named = rule.organisation_kinds.length > 0 || rule.organisation_ids.length > 0;
    if (named) {
      const [org] = m.organisationId
        ? await rows<{ kind: string }>(tx, sql`SELECT kind FROM organisations WHERE id = ${m.organisationId}`)
        : [];
      const fits =
        !!org && (rule.organisation_kinds.includes(org.kind) || rule.organisation_ids.includes(m.organisationId!));
      if (!fits) return fail("bodies.errors.organisationNotInRule", "organisationId", { rule: rule.label });
    }
    const busiest = await busiestDay(tx, rule.id, m.startsOn, m.endsOn ?? null);
    if (busiest.members >= rule.seats)
      return fail("bodies.errors.seatsFull", "seatRuleId", { rule: rule.label, count: rule.seats, date: busiest.day });
    if (m.function) {
      const [holder] = await rows<{ person_name: string }>(
        tx,
        sql`SELECT p.name AS person_name FROM body_memberships m JOIN body_persons p ON p.id = m.person_id WHERE body_id = ${m.bodyId} AND function = ${m.function}
            AND daterange(starts_on, ends_on, '[]') && daterange(${m.startsOn}::date, ${m.endsOn ?? null}::date, '[]') LIMIT 1`,
      );
      if (holder) return fail("bodies.errors.functionTaken", "function", { name: holder.person_name });
    }
  }
  if (m.role === "deputy") {
    const [of] = await rows(
      tx,
      sql`SELECT 1 FROM body_memberships WHERE id = ${m.deputyOf!} AND body_id = ${m.bodyId} AND role = 'member'`,
    );
    if (!of) return fail("bodies.errors.deputyOfUnknown", "deputyOf");
  }
  const personId = await personByName(tx, m.personName, m);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_memberships (tenant_id, body_id, person_id, organisation_id, role, function, seat_rule_id, deputy_of, starts_on, ends_on)
        VALUES (app_tenant_id(), ${m.bodyId}, ${personId}, ${m.organisationId ?? null}, ${m.role}, ${m.function ?? null},
                ${m.seatRuleId ?? null}, ${m.deputyOf ?? null}, ${m.startsOn}, ${m.endsOn ?? null}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "body_membership", entityId: r.id, after: m });
  return ok({ id: r.id });
}

/**
 * The person of that name (the same person in two bodies is one OParl Person); a new one when the
 * tenant has none of that name yet. With several of one name, the first recorded.
 */
async function personByName(
  tx: Tx,
  name: string,
  contact: { email?: string; phone?: string; contactConsent: boolean },
): Promise<string> {
  const given = { email: contact.email ?? null, phone: contact.phone ?? null, consent: contact.contactConsent };
  const [p] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM body_persons WHERE name = ${name} ORDER BY created_at, id LIMIT 1`,
  );
  if (p) {
    // Contact data given again replaces what was kept; a consent given now is recorded with today.
    if (given.email || given.phone || given.consent) {
      await tx.execute(
        sql`UPDATE body_persons SET email = coalesce(${given.email}, email), phone = coalesce(${given.phone}, phone),
              contact_consent_on = CASE WHEN ${given.consent} THEN current_date ELSE contact_consent_on END
            WHERE id = ${p.id}`,
      );
      await audit(tx, { action: "update", entity: "body_person", entityId: p.id, after: given });
    }
    return p.id;
  }
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_persons (tenant_id, name, email, phone, contact_consent_on)
        VALUES (app_tenant_id(), ${name}, ${given.email}, ${given.phone}, CASE WHEN ${given.consent} THEN current_date END)
        RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "body_person", entityId: r.id, after: { name, ...given } });
  return r.id;
}

/**
 * The day within [from, to] on which the rule has the most members, and that number. Membership
 * counts change only where a term starts, so the term's first day and every start inside it are
 * the only days to look at.
 */
async function busiestDay(tx: Tx, ruleId: string, from: string, to: string | null) {
  const [r] = await rows<{ day: string; members: number }>(
    tx,
    sql`WITH terms AS (
          SELECT daterange(starts_on, ends_on, '[]') AS term FROM body_memberships WHERE seat_rule_id = ${ruleId}),
        days AS (
          SELECT ${from}::date AS day
          UNION SELECT lower(term) FROM terms WHERE lower(term) <@ daterange(${from}::date, ${to}::date, '[]'))
        SELECT d.day::text AS day, (SELECT count(*)::int FROM terms t WHERE t.term @> d.day) AS members
        FROM days d ORDER BY members DESC, d.day LIMIT 1`,
  );
  return r;
}

/**
 * Ends a membership (the last day it held); a chair's end frees the function and any ex-officio seat.
 * With `bodyId`, only a membership of that body (a page ends the terms of the body it shows).
 */
export async function endMembership(tx: Tx, id: string, endsOn: string, bodyId?: string): Promise<Result> {
  if (!isoDate.safeParse(endsOn).success) return fail("bodies.errors.date", "endsOn");
  const [r] = await rows<{ starts_on: string }>(
    tx,
    sql`UPDATE body_memberships SET ends_on = ${endsOn} WHERE id = ${id} AND body_id = coalesce(${bodyId ?? null}::uuid, body_id)
        AND ${endsOn}::date >= starts_on
        AND (ends_on IS NULL OR ends_on >= ${endsOn}::date) RETURNING starts_on::text`,
  );
  if (!r) return fail("bodies.errors.endMembership", "endsOn");
  await audit(tx, { action: "end", entity: "body_membership", entityId: id, after: { endsOn } });
  return ok(undefined);
}

/**
 * Whether membership `m` holds a seat of rule `r`: its own members, or for an ex-officio rule whoever
 * holds the function in the other body. (The caller limits m to the day.)
 */
const holdsSeat = sql`CASE WHEN r.ex_officio_body_id IS NULL THEN m.seat_rule_id = r.id
  ELSE m.body_id = r.ex_officio_body_id AND m.function = r.ex_officio_function END`;

export interface Seat {
  rule: string;
  ruleId: string;
  voting: boolean;
  seats: number;
  /** Held by whoever holds a function in another body; not filled one by one. */
  exOfficio: boolean;
  /** Who holds a seat of this rule on the day; for an ex-officio rule, the holder of the function there. */
  holders: { personName: string; organisation: string | null; function: string | null; exOfficio: boolean }[];
}

/** A body's composition on a day, rule by rule: members, ex-officio holders and the empty seats. */
export async function composition(tx: Tx, bodyId: string, day: string): Promise<Seat[]> {
  const list = await rows<{
    rule_id: string;
    label: string;
    voting: boolean;
    seats: number;
    person_name: string | null;
    organisation: string | null;
    function: string | null;
    ex_officio: boolean;
  }>(
    tx,
    sql`SELECT r.id AS rule_id, r.label, r.voting, r.seats, h.person_name, h.organisation, h.function,
          r.ex_officio_body_id IS NOT NULL AS ex_officio
        FROM body_seat_rules r
        LEFT JOIN LATERAL (
          SELECT p.name AS person_name, o.name AS organisation, m.function, m.starts_on
          FROM body_memberships m JOIN body_persons p ON p.id = m.person_id
          LEFT JOIN organisations o ON o.id = m.organisation_id
          WHERE daterange(m.starts_on, m.ends_on, '[]') @> ${day}::date AND ${holdsSeat}
        ) h ON true
        WHERE r.body_id = ${bodyId}
        ORDER BY r.position, r.label, h.starts_on, h.person_name`,
  );
  const seats = new Map<string, Seat>();
  for (const x of list) {
    const s = seats.get(x.rule_id) ?? {
      rule: x.label,
      ruleId: x.rule_id,
      voting: x.voting,
      seats: x.seats,
      exOfficio: x.ex_officio,
      holders: [],
    };
    if (x.person_name)
      s.holders.push({
        personName: x.person_name,
        organisation: x.organisation,
        function: x.ex_officio ? null : x.function,
        exOfficio: x.ex_officio,
      });
    seats.set(x.rule_id, s);
  }
  return [...seats.values()];
}

export async function findBody(tx: Tx, name: string): Promise<{ id: string } | undefined> {
  const [b] = await rows<{ id: string }>(tx, sql`SELECT id FROM bodies WHERE name = ${name}`);
  return b;
}

interface BodyHead {
  id: string;
  name: string;
  shortName: string | null;
  kind: (typeof BODY_KINDS)[number];
  isDemo: boolean;
}

export interface BodySummary extends BodyHead {
  /** All seats of its rules, and how many of them are held on the day. */
  seats: number;
  taken: number;
}

/** The tenant's bodies by name, each with its seats and how many are held on the day. */
export async function listBodies(tx: Tx, day: string): Promise<BodySummary[]> {
  return rows<BodySummary>(
    tx,
    sql`SELECT b.id, b.name, b.short_name AS "shortName", b.kind, b.is_demo AS "isDemo",
          coalesce(sum(r.seats), 0)::int AS seats,
          coalesce(sum(least(r.seats, (SELECT count(*) FROM body_memberships m
            WHERE daterange(m.starts_on, m.ends_on, '[]') @> ${day}::date AND ${holdsSeat}))), 0)::int AS taken
        FROM bodies b LEFT JOIN body_seat_rules r ON r.body_id = b.id
        GROUP BY b.id ORDER BY b.name`,
  );
}

export interface Body extends BodyHead {
  secretariat: string | null;
  cadence: string | null;
  description: string | null;
}

/** One body of the tenant with its secretariat's name; undefined for an unknown (or foreign) id. */
export async function getBody(tx: Tx, id: string): Promise<Body | undefined> {
  const [b] = await rows<Body>(
    tx,
    sql`SELECT b.id, b.name, b.short_name AS "shortName", b.kind, o.name AS secretariat, b.cadence, b.description,
          b.is_demo AS "isDemo"
        FROM bodies b LEFT JOIN organisations o ON o.id = b.secretariat_id WHERE b.id = ${id}`,
  );
  return b;
}

export interface Membership {
  id: string;
  personName: string;
  organisation: string | null;
  role: (typeof MEMBERSHIP_ROLES)[number];
  function: (typeof BODY_FUNCTIONS)[number] | null;
  seatRule: string | null;
  deputyOf: string | null;
  startsOn: string;
  endsOn: string | null;
}

/** A body's memberships whose term includes the day (members, deputies, guests), by role and name. */
export async function listMemberships(tx: Tx, bodyId: string, day: string): Promise<Membership[]> {
  return rows<Membership>(
    tx,
    sql`SELECT m.id, p.name AS "personName", o.name AS organisation, m.role, m.function,
          r.label AS "seatRule", dp.name AS "deputyOf", m.starts_on::text AS "startsOn", m.ends_on::text AS "endsOn"
        FROM body_memberships m
        JOIN body_persons p ON p.id = m.person_id
        LEFT JOIN organisations o ON o.id = m.organisation_id
        LEFT JOIN body_seat_rules r ON r.id = m.seat_rule_id
        LEFT JOIN body_memberships d ON d.id = m.deputy_of
        LEFT JOIN body_persons dp ON dp.id = d.person_id
        WHERE m.body_id = ${bodyId} AND daterange(m.starts_on, m.ends_on, '[]') @> ${day}::date
        ORDER BY array_position(ARRAY['member', 'deputy', 'guest'], m.role), p.name`,
  );
}
