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

// No legislative terms are kept yet, and meetings and papers come with the meetings slice; Body
// requires their lists, so they are there and empty.
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
  none("Meeting", "meeting"),
  none("Paper", "paper"),
];
