import { sql, type SQL } from "drizzle-orm";
import de from "../strings/de.json";

// The OParl 1.1 object types this module publishes (decision 0026). Each is one list query and one
// mapper: the query selects the tenant's public rows (row-level security confines it to the tenant)
// with `id`, `created_at` and `modified_at` for the filters, the mapper turns a row into the object.
// Adding a type (Meeting, Paper …) is one more entry here; publish.ts does URLs, lists, filters,
// pagination and deleted objects for all of them alike.

export const OPARL = "https://schema.oparl.org/1.1/";

/** The URLs of one body (tenant) of the endpoint. */
export interface Urls {
  /** …/oparl/v1 */
  base: string;
  /** …/oparl/v1/body/<slug> */
  body: string;
  /** The object `id` of a row of a type, by its path segment. */
  object(segment: string, id: string): string;
  /** The external list of a type. */
  list(segment: string): string;
}

export type Row = Record<string, unknown> & { id: string; created: string; modified: string };
export type OparlObject = Record<string, unknown>;

export interface OparlType {
  /** The OParl type name (Organization …), as in oparl_deleted.object_type. */
  type: string;
  /** Its path segment below the body: …/body/<slug>/<segment>/<id>. */
  segment: string;
  /** The tenant's rows: id, created_at, modified_at (timestamptz), created, modified (ISO text) and what map needs. */
  rows: SQL;
  /**
   * Its deleted rows kept in the table (deleted_at) that were public: id, created_at, deleted_at.
   * Rows deleted for good leave a tombstone in oparl_deleted instead.
   */
  gone?: SQL;
  map(row: Row, u: Urls): OparlObject;
}

/** A timestamp as OParl's date-time (UTC, milliseconds): the same instant the filters compare. */
export const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Drops absent values: OParl wants no `null` (a key is left out instead), nor empty optional text. */
export function compact(o: OparlObject): OparlObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ""));
}

/** The columns every type's rows have, for a table aliased `t`: id, the two times to filter by and their ISO text. */
const stamps = (t: string) => {
  const c = (col: string) => sql.raw(`${t}.${col}`);
  return sql`${c("id")} AS id, ${c("created_at")} AS created_at, ${c("updated_at")} AS modified_at,
    ${iso(c("created_at"))} AS created, ${iso(c("updated_at"))} AS modified`;
};

/** An object of a type with its id, type, created and modified around `fields`, without empty values. */
const object = (
  type: string,
  segment: string,
  row: { id: string; created: string; modified: string },
  u: Urls,
  fields: OparlObject,
) =>
  compact({
    id: u.object(segment, row.id),
    type: `${OPARL}${type}`,
    ...fields,
    created: row.created,
    modified: row.modified,
  });

const kinds = de.bodies.kinds as Record<string, string>;
const functions = de.bodies.functions as Record<string, string>;
const roles = de.bodies.roles as Record<string, string>;

interface MembershipRow {
  id: string;
  person_id: string;
  body_id: string;
  role: string;
  function: string | null;
  voting: boolean;
  starts_on: string;
  ends_on: string | null;
  created: string;
  modified: string;
}

const membershipColumns = sql`m.id, m.person_id, m.body_id, m.role, m.function,
  m.role = 'member' AND coalesce(r.voting, false) AS voting, m.starts_on::text AS starts_on, m.ends_on::text AS ends_on,
  ${iso(sql`m.created_at`)} AS created, ${iso(sql`m.updated_at`)} AS modified`;

const membership = (m: MembershipRow, u: Urls) =>
  object("Membership", "membership", m, u, {
    person: u.object("person", m.person_id),
    organization: u.object("organization", m.body_id),
    role: m.function ? functions[m.function] : roles[m.role],
    votingRight: m.voting,
    startDate: m.starts_on,
    endDate: m.ends_on,
  });

const organization: OparlType = {
  type: "Organization",
  segment: "organization",
  rows: sql`SELECT ${stamps("b")}, b.name, b.short_name, b.kind,
      coalesce((SELECT jsonb_agg(m.id ORDER BY m.id) FROM body_memberships m WHERE m.body_id = b.id), '[]') AS memberships
    FROM bodies b`,
  map: (b, u) =>
    object("Organization", "organization", b, u, {
      body: u.body,
      name: b.name,
      shortName: b.short_name,
      membership: (b.memberships as string[]).map((id) => u.object("membership", id)),
      organizationType: "Gremium",
      classification: kinds[b.kind as string],
    }),
};

const person: OparlType = {
  type: "Person",
  segment: "person",
  // E-mail and phone only with the person's consent; the name (with form of address and title) is
  // published as a member of a public body.
  rows: sql`SELECT ${stamps("p")}, p.name, p.form_of_address, p.title,
      CASE WHEN p.contact_consent_on IS NOT NULL THEN p.email END AS email,
      CASE WHEN p.contact_consent_on IS NOT NULL THEN p.phone END AS phone,
      coalesce((SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM (
        SELECT ${membershipColumns} FROM body_memberships m LEFT JOIN body_seat_rules r ON r.id = m.seat_rule_id
        WHERE m.person_id = p.id) x), '[]') AS memberships
    FROM body_persons p`,
  map: (p, u) =>
    object("Person", "person", p, u, {
      body: u.body,
      name: p.name,
      formOfAddress: p.form_of_address,
      title: p.title ? [p.title] : undefined,
      email: p.email ? [p.email] : undefined,
      phone: p.phone ? [p.phone] : undefined,
      membership: (p.memberships as MembershipRow[]).map((m) => membership(m, u)),
    }),
};

const membershipType: OparlType = {
  type: "Membership",
  segment: "membership",
  rows: sql`SELECT ${membershipColumns}, m.created_at, m.updated_at AS modified_at
    FROM body_memberships m LEFT JOIN body_seat_rules r ON r.id = m.seat_rule_id`,
  map: (m, u) => membership(m as unknown as MembershipRow, u),
};

const competences = de.bodies.competences as Record<string, string>;
const results = de.bodies.results as Record<string, string>;
const states: Record<string, string> = { planned: "terminiert", held: "durchgeführt", cancelled: "abgesagt" };

/** Only what the public may see: a public paper, a public meeting, neither deleted. */
const PUBLIC_PAPER = sql`p.deleted_at IS NULL AND p.is_public`;
const PUBLIC_MEETING = sql`m.deleted_at IS NULL AND m.is_public`;

/** Deleted public rows of a table kept with deleted_at (its `gone`). */
const goneRows = (table: string) =>
  sql.raw(`SELECT id, created_at, deleted_at FROM ${table} WHERE deleted_at IS NOT NULL AND is_public`);

/** Rows deleted themselves or with the public row they belong to (an item with its meeting …). */
const goneWith = (table: string, parent: string, fk: string) =>
  sql.raw(`SELECT x.id, x.created_at, coalesce(x.deleted_at, y.deleted_at) FROM ${table} x
    JOIN ${parent} y ON y.id = x.${fk} WHERE y.is_public AND (x.deleted_at IS NOT NULL OR y.deleted_at IS NOT NULL)`);

// An agenda item of a public meeting. A non-public item (nichtöffentlicher Teil) is published with
// its number, order and `public: false` only: its title, result and the paper it treats are not.
// `order` is the item's place in the meeting (1, 2, …), among all its live items.
const agendaItemRows = sql`SELECT i.id, i.meeting_id, i.number, i.is_public, i.title,
    row_number() OVER (PARTITION BY i.meeting_id ORDER BY i.position, i.number, i.id)::int AS "order",
    CASE WHEN p.id IS NOT NULL THEN c.id END AS consultation_id,
    CASE WHEN p.id IS NOT NULL THEN c.result ELSE i.result END AS result,
    CASE WHEN p.id IS NOT NULL THEN c.resolution ELSE i.resolution END AS resolution,
    i.created_at, i.updated_at AS modified_at, ${iso(sql`i.created_at`)} AS created, ${iso(sql`i.updated_at`)} AS modified
  FROM body_agenda_items i
  JOIN body_meetings m ON m.id = i.meeting_id AND ${PUBLIC_MEETING}
  LEFT JOIN body_consultations c ON c.id = i.consultation_id AND c.deleted_at IS NULL
  LEFT JOIN body_papers p ON p.id = c.paper_id AND ${PUBLIC_PAPER}
  WHERE i.deleted_at IS NULL`;

interface AgendaItemRow {
  id: string;
  meeting_id: string;
  number: string;
  order: number;
  is_public: boolean;
  title: string;
  consultation_id: string | null;
  result: string | null;
  resolution: string | null;
  created: string;
  modified: string;
}

const agendaItem = (i: AgendaItemRow, u: Urls) =>
  object("AgendaItem", "agendaItem", i, u, {
    meeting: u.object("meeting", i.meeting_id),
    number: i.number,
    order: i.order,
    public: i.is_public,
    ...(i.is_public
      ? {
          name: i.title,
          consultation: i.consultation_id ? u.object("consultation", i.consultation_id) : undefined,
          result: i.result ? results[i.result] : undefined,
          resolutionText: i.resolution,
        }
      : {}),
  });

/** A meeting day and time (Europe/Berlin) as a timestamptz; midnight when no time is kept. */
const meetingTime = (time: SQL) =>
  sql`((m.meets_on + coalesce(${time}, '00:00'::time))::timestamp AT TIME ZONE 'Europe/Berlin')`;

const meeting: OparlType = {
  type: "Meeting",
  segment: "meeting",
  // The location is a text, not an OParl Location (which would need its own object): left out.
  rows: sql`SELECT ${stamps("m")}, m.body_id, m.state, b.name || ', Sitzung am ' || to_char(m.meets_on, 'DD.MM.YYYY') AS name,
      ${iso(meetingTime(sql`m.starts_at`))} AS start,
      CASE WHEN m.ends_at IS NOT NULL THEN ${iso(meetingTime(sql`m.ends_at`))} END AS "end",
      coalesce((SELECT jsonb_agg(to_jsonb(x) ORDER BY x."order") FROM (${agendaItemRows}) x WHERE x.meeting_id = m.id), '[]') AS items
    FROM body_meetings m JOIN bodies b ON b.id = m.body_id WHERE ${PUBLIC_MEETING}`,
  gone: goneRows("body_meetings"),
  map: (m, u) =>
    object("Meeting", "meeting", m, u, {
      name: m.name,
      meetingState: states[m.state as string],
      cancelled: m.state === "cancelled" ? true : undefined,
      start: m.start,
      end: m.end,
      organization: [u.object("organization", m.body_id as string)],
      agendaItem: (m.items as AgendaItemRow[]).map((i) => agendaItem(i, u)),
    }),
};

const agendaItemType: OparlType = {
  type: "AgendaItem",
  segment: "agendaItem",
  rows: agendaItemRows,
  gone: goneWith("body_agenda_items", "body_meetings", "meeting_id"),
  map: (i, u) => agendaItem(i as unknown as AgendaItemRow, u),
};

// A step of a public paper's Beratungsfolge, with the agenda item (of a public meeting) treating it.
const consultationRows = sql`SELECT c.id, c.paper_id, c.body_id, c.competence, c.position,
    i.id AS agenda_item_id, i.meeting_id,
    c.created_at, c.updated_at AS modified_at, ${iso(sql`c.created_at`)} AS created, ${iso(sql`c.updated_at`)} AS modified
  FROM body_consultations c
  JOIN body_papers p ON p.id = c.paper_id AND ${PUBLIC_PAPER}
  LEFT JOIN (body_agenda_items i JOIN body_meetings m ON m.id = i.meeting_id AND ${PUBLIC_MEETING})
    ON i.consultation_id = c.id AND i.deleted_at IS NULL AND i.is_public
  WHERE c.deleted_at IS NULL`;

interface ConsultationRow {
  id: string;
  paper_id: string;
  body_id: string | null;
  competence: string;
  agenda_item_id: string | null;
  meeting_id: string | null;
  created: string;
  modified: string;
}

const consultation = (c: ConsultationRow, u: Urls) =>
  object("Consultation", "consultation", c, u, {
    paper: u.object("paper", c.paper_id),
    agendaItem: c.agenda_item_id ? u.object("agendaItem", c.agenda_item_id) : undefined,
    meeting: c.meeting_id ? u.object("meeting", c.meeting_id) : undefined,
    organization: c.body_id ? [u.object("organization", c.body_id)] : undefined,
    authoritative: c.competence === "entscheidung",
    role: competences[c.competence],
  });

const paper: OparlType = {
  type: "Paper",
  segment: "paper",
  // Attachments are names without files: no File objects (a File needs an accessUrl).
  rows: sql`SELECT ${stamps("p")}, p.number, p.title, p.submitted_on::text AS date,
      coalesce((SELECT jsonb_agg(to_jsonb(x) ORDER BY x.position, x.id) FROM (${consultationRows}) x WHERE x.paper_id = p.id), '[]') AS consultations
    FROM body_papers p WHERE ${PUBLIC_PAPER}`,
  gone: goneRows("body_papers"),
  map: (p, u) =>
    object("Paper", "paper", p, u, {
      body: u.body,
      name: p.title,
      reference: p.number,
      date: p.date,
      paperType: "Vorlage",
      consultation: (p.consultations as ConsultationRow[]).map((c) => consultation(c, u)),
    }),
};

const consultationType: OparlType = {
  type: "Consultation",
  segment: "consultation",
  rows: consultationRows,
  gone: goneWith("body_consultations", "body_papers", "paper_id"),
  map: (c, u) => consultation(c as unknown as ConsultationRow, u),
};

// No legislative terms are kept yet; Body requires their list, so it is there and empty.
const none = (type: string, segment: string): OparlType => ({
  type,
  segment,
  rows: sql`SELECT NULL::uuid AS id, now() AS created_at, now() AS modified_at, '' AS created, '' AS modified WHERE false`,
  map: (t, u) => ({ id: u.object(segment, t.id), type: `${OPARL}${type}` }),
});

export const TYPES: readonly OparlType[] = [
  organization,
  person,
  membershipType,
  none("LegislativeTerm", "legislativeTerm"),
  meeting,
  agendaItemType,
  paper,
  consultationType,
];
