import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { isoDateBerlin, timeBerlin } from "~/kernel/dates";
import { oparlFetch, OparlFetchError, type FetchOptions } from "./fetch";

// The import from another council information system's OParl endpoint (decision 0027): one body
// (Körperschaft) with its organizations (Gremien only), persons, memberships, meetings with agenda
// items, papers with consultations. First everything is fetched (through the safe fetch client),
// then written in one transaction: a run imports all or nothing. Every imported row is found again
// by the object's `id` URL (oparl_sources), so a second run changes only what changed there.
// Real endpoints are not all alike: list entries without `type`, 1.0 objects, lists as bare arrays,
// an AGS without its leading zero, embedded objects given as URLs are taken as they come; what
// cannot be imported is named in the report with the reason.

type Json = Record<string, unknown>;
export type ImportType = "Organization" | "Person" | "Membership" | "Meeting" | "AgendaItem" | "Paper" | "Consultation";
const IMPORT_TYPES: readonly ImportType[] = [
  "Organization",
  "Person",
  "Membership",
  "Meeting",
  "AgendaItem",
  "Paper",
  "Consultation",
];

export interface ImportReport {
  /** The source body's id URL and name. */
  body: { id: string; name: string };
  created: Record<ImportType, number>;
  updated: Record<ImportType, number>;
  unchanged: Record<ImportType, number>;
  /** Objects not imported, with the reason. */
  skipped: { type: string; source: string; reason: string }[];
  /** Quirks of the source that were tolerated. */
  notes: string[];
}

/** An import that could not run; the message is German and meant for staff. */
export class OparlImportError extends Error {}

export interface ImportOptions {
  /** The system's or the body's URL. */
  url: string;
  /** The body's id URL, when the system has several. */
  body?: string;
  fetch?: FetchOptions;
}

const counts = () => Object.fromEntries(IMPORT_TYPES.map((t) => [t, 0])) as Record<ImportType, number>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const cut = (v: string | undefined, n: number) => (v === undefined ? undefined : v.slice(0, n));

// ---------------------------------------------------------------------------------------------
// Fetching

class Source {
  notes = new Set<string>();
  skipped: ImportReport["skipped"] = [];
  private pages = 0;

  constructor(private opts: FetchOptions | undefined) {}

  async json(url: string): Promise<unknown> {
    if (++this.pages > 5000) throw new OparlImportError("Der Import bricht ab: mehr als 5000 Abrufe.");
    let r;
    try {
      r = await oparlFetch(url, this.opts);
    } catch (e) {
      if (e instanceof OparlFetchError) throw new OparlImportError(`Der Import bricht ab: ${e.message}`);
      throw e;
    }
    if (r.status !== 200) throw new OparlImportError(`Der Import bricht ab: ${url} antwortete mit ${r.status}.`);
    try {
      return JSON.parse(r.body.toString("utf8").replace(/^\uFEFF/, ""));
    } catch {
      throw new OparlImportError(`Der Import bricht ab: ${url} lieferte kein JSON.`);
    }
  }

  /** The object's type name if it is one of `expected` (a missing type is taken as the first). */
  typed(o: unknown, expected: string, where: string): Json | undefined {
    if (!o || typeof o !== "object" || Array.isArray(o)) {
      this.skipped.push({ type: expected, source: where, reason: "kein Objekt" });
      return undefined;
    }
    const j = o as Json;
    const id = str(j.id);
    if (!id) {
      this.skipped.push({ type: expected, source: where, reason: "ohne id" });
      return undefined;
    }
    const t = str(j.type);
    if (!t) {
      this.notes.add(`Einträge ohne type (als ${expected} gelesen), z. B. ${id}`);
      return j;
    }
    const m = /\/(\d\.\d)\/(\w+)$/.exec(t);
    if (!m || m[2] !== expected) {
      this.skipped.push({ type: expected, source: id, reason: `Typ ${t} statt ${expected}` });
      return undefined;
    }
    if (m[1] !== "1.1") this.notes.add(`Objekte der OParl-Version ${m[1]}, z. B. ${id}`);
    return j;
  }

  /** All entries of an external list, page by page; a bare array is taken as one page. */
  async list(url: unknown, expected: string): Promise<Json[]> {
    const out: Json[] = [];
    if (typeof url !== "string") return out;
    const seen = new Set<string>();
    let next: string | undefined = url;
    while (next && !seen.has(next)) {
      seen.add(next);
      const page = await this.json(next);
      let data: unknown[];
      if (Array.isArray(page)) {
        this.notes.add(`Liste als bloßes Array statt {data, pagination}: ${next}`);
        data = page;
        next = undefined;
      } else {
        const p = (page ?? {}) as Json;
        if (!Array.isArray(p.data)) throw new OparlImportError(`Der Import bricht ab: ${next} ist keine Liste.`);
        data = p.data;
        next = str((p.links as Json | undefined)?.next);
      }
      for (const entry of data) {
        const o = await this.resolve(entry, expected, url);
        if (o) out.push(o);
      }
    }
    return out;
  }

  /** The objects each parent embeds under `key` (or names by URL), with the parent as `back` and their place. */
  async embedded(parents: Json[], key: string, type: string, back: string): Promise<Json[]> {
    const out: Json[] = [];
    for (const p of parents) {
      const list: unknown[] = Array.isArray(p[key]) ? p[key] : [];
      for (const [i, e] of list.entries()) {
        const o = await this.resolve(e, type, `${String(p.id)}#${key}-${i}`);
        if (o) out.push({ [back]: p.id, _index: i, ...o });
      }
    }
    return out;
  }

  /** An embedded object, or one given by its URL. */
  async resolve(entry: unknown, expected: string, where: string): Promise<Json | undefined> {
    if (typeof entry === "string") {
      this.notes.add(`${expected} als URL statt als Objekt, z. B. ${entry}`);
      return this.typed(await this.json(entry), expected, entry);
    }
    return this.typed(entry, expected, where);
  }
}

interface Graph {
  body: Json;
  organizations: Json[];
  persons: Json[];
  memberships: Json[];
  meetings: Json[];
  items: Json[];
  papers: Json[];
  consultations: Json[];
}

const byId = (list: Json[]) => [...new Map(list.map((o) => [String(o.id), o])).values()];

async function fetchGraph(src: Source, opts: ImportOptions): Promise<Graph> {
  const start = (await src.json(opts.url)) as Json;
  let body: Json | undefined;
  const type = str(start?.type) ?? "";
  if (/System$/.test(type) || (!type && typeof start?.body === "string" && !start.organization)) {
    const bodies = await src.list(start.body, "Body");
    body = opts.body ? bodies.find((b) => b.id === opts.body) : bodies.length === 1 ? bodies[0] : undefined;
    if (!body)
      throw new OparlImportError(
        opts.body
          ? `Die Körperschaft ${opts.body} gibt es in diesem System nicht.`
          : `Das System hat ${bodies.length} Körperschaften; bitte eine wählen: ${bodies.map((b) => String(b.id)).join(", ")}`,
      );
  } else body = src.typed(start, "Body", opts.url);
  if (!body) throw new OparlImportError(`Unter ${opts.url} ist weder ein OParl-System noch eine Körperschaft.`);

  const organizations = await src.list(body.organization, "Organization");
  const persons = await src.list(body.person, "Person");
  // Persons embed their memberships (1.0 and 1.1), meetings their agenda items, papers their
  // consultations; the embedding names the parent where the object does not.
  const memberships = [
    ...(await src.list(body.membership, "Membership")),
    ...(await src.embedded(persons, "membership", "Membership", "person")),
  ];
  const meetings = await src.list(body.meeting, "Meeting");
  const items = await src.embedded(meetings, "agendaItem", "AgendaItem", "meeting");
  const papers = await src.list(body.paper, "Paper");
  const consultations = await src.embedded(papers, "consultation", "Consultation", "paper");
  return {
    body,
    organizations: byId(organizations),
    persons: byId(persons),
    memberships: byId(memberships),
    meetings: byId(meetings),
    items: byId(items),
    papers: byId(papers),
    consultations: byId(consultations),
  };
}

// ---------------------------------------------------------------------------------------------
// Mapping

const KINDS: [RegExp, string][] = [
  [/integrationsrat|integrationsausschuss/i, "integrationsrat"],
  [/beirat/i, "beirat"],
  [/arbeitsgruppe|arbeitskreis/i, "arbeitsgruppe"],
  [/runder tisch/i, "runder_tisch"],
  [/netzwerk/i, "netzwerk"],
  [/steuerungsgruppe|lenkungs/i, "steuerungsgruppe"],
  [/^(stadt|gemeinde|kreis)?rat\b|^rat der|^kreistag|bezirksvertretung/i, "rat"],
];

/** A Gremium's kind from its classification and name; any other Gremium counts as an Ausschuss. */
const kindOf = (o: Json) => {
  const text = `${str(o.classification) ?? ""} ${str(o.name) ?? ""}`.trim();
  return KINDS.find(([re]) => re.test(text) || re.test(str(o.name) ?? ""))?.[1] ?? "ausschuss";
};

const RESULTS: [RegExp, string][] = [
  [/kenntnis/i, "kenntnisnahme"],
  [/geändert|mit änderung/i, "geaendert_beschlossen"],
  [/abgelehnt/i, "abgelehnt"],
  [/vertagt|zurückgestellt/i, "vertagt"],
  [/zurückgezogen/i, "zurueckgezogen"],
  [/beschlossen|zugestimmt|angenommen|einstimmig/i, "beschlossen"],
];
const resultOf = (v: unknown) => {
  const s = str(v);
  return s ? RESULTS.find(([re]) => re.test(s))?.[1] : undefined;
};

/** Day and time in Europe/Berlin of an OParl date-time (or a bare date). */
function berlin(v: unknown): { day: string; time?: string } | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { day: s };
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return undefined;
  return { day: isoDateBerlin(d), time: timeBerlin(d) };
}

const dateOf = (v: unknown) => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
};

// ---------------------------------------------------------------------------------------------
// Writing

const TABLES: Record<ImportType | "SeatRule", { table: string; entity: string }> = {
  Organization: { table: "bodies", entity: "body" },
  SeatRule: { table: "body_seat_rules", entity: "body_seat_rule" },
  Person: { table: "body_persons", entity: "body_person" },
  Membership: { table: "body_memberships", entity: "body_membership" },
  Meeting: { table: "body_meetings", entity: "body_meeting" },
  AgendaItem: { table: "body_agenda_items", entity: "body_agenda_item" },
  Paper: { table: "body_papers", entity: "body_paper" },
  Consultation: { table: "body_consultations", entity: "body_consultation" },
};

class Writer {
  created = counts();
  updated = counts();
  unchanged = counts();
  /** Local ids by source id. */
  local = new Map<string, string>();

  constructor(
    private tx: Tx,
    private skipped: ImportReport["skipped"],
  ) {}

  skip(type: string, o: Json | string, reason: string) {
    this.skipped.push({ type, source: typeof o === "string" ? o : String(o.id), reason });
  }

  /** Inserts or updates the row of a source object; updates only when a value differs. */
  async save(type: ImportType | "SeatRule", source: string, values: Record<string, unknown>): Promise<string> {
    const { table, entity } = TABLES[type];
    const t = sql.identifier(table);
    const cols = Object.keys(values);
    const val = (c: string) => (values[c] === undefined ? null : values[c]);
    const [m] = await rows<{ local_id: string; here: boolean }>(
      this.tx,
      sql`SELECT s.local_id, EXISTS (SELECT 1 FROM ${t} x WHERE x.id = s.local_id) AS here
          FROM oparl_sources s WHERE s.source_id = ${source}`,
    );
    const count = (c: Record<ImportType, number>) => {
      if (type !== "SeatRule") c[type]++;
    };
    if (m?.here) {
      const changed = await rows<{ id: string }>(
        this.tx,
        sql`UPDATE ${t} SET ${sql.join(
          cols.map((c) => sql`${sql.identifier(c)} = ${val(c)}`),
          sql`, `,
        )} WHERE id = ${m.local_id} AND (${sql.join(
          cols.map((c) => sql`${sql.identifier(c)} IS DISTINCT FROM ${val(c)}`),
          sql` OR `,
        )}) RETURNING id`,
      );
      if (changed.length) {
        count(this.updated);
        await audit(this.tx, { action: "update", entity, entityId: m.local_id, after: { source, ...values } });
      } else count(this.unchanged);
      this.local.set(source, m.local_id);
      return m.local_id;
    }
    const [r] = await rows<{ id: string }>(
      this.tx,
      sql`INSERT INTO ${t} (tenant_id, ${sql.join(
        cols.map((c) => sql.identifier(c)),
        sql`, `,
      )}) VALUES (app_tenant_id(), ${sql.join(
        cols.map((c) => sql`${val(c)}`),
        sql`, `,
      )}) RETURNING id`,
    );
    await rows(
      this.tx,
      sql`INSERT INTO oparl_sources (tenant_id, source_id, object_type, local_id)
          VALUES (app_tenant_id(), ${source}, ${type}, ${r.id})
          ON CONFLICT (tenant_id, source_id) DO UPDATE SET local_id = EXCLUDED.local_id, imported_at = now()`,
    );
    count(this.created);
    await audit(this.tx, { action: "create", entity, entityId: r.id, after: { source, ...values } });
    this.local.set(source, r.id);
    return r.id;
  }

  /** Whether a row of the tenant (not one imported from `source`) already has this value. */
  async taken(table: string, column: string, value: string, source: string): Promise<boolean> {
    const [r] = await rows(
      this.tx,
      sql`SELECT 1 FROM ${sql.identifier(table)} x WHERE x.${sql.identifier(column)} = ${value}
          AND NOT EXISTS (SELECT 1 FROM oparl_sources s WHERE s.source_id = ${source} AND s.local_id = x.id)`,
    );
    return !!r;
  }
}

const first = (v: unknown) => (Array.isArray(v) ? str(v[0]) : str(v));

async function writeGraph(tx: Tx, g: Graph, skipped: ImportReport["skipped"]) {
  const w = new Writer(tx, skipped);

  for (const o of g.organizations) {
    const id = String(o.id);
    const type = str(o.organizationType);
    if (type && !/gremium/i.test(type)) {
      w.skip("Organization", o, `Organisationsart „${type}“: übernommen werden nur Gremien`);
      continue;
    }
    const name = cut(str(o.name) ?? str(o.shortName), 200);
    if (!name) {
      w.skip("Organization", o, "ohne Namen");
      continue;
    }
    if (await w.taken("bodies", "name", name, id)) {
      w.skip("Organization", o, `ein Gremium „${name}“ gibt es hier schon (nicht aus diesem Import)`);
      continue;
    }
    await w.save("Organization", id, { name, short_name: cut(str(o.shortName), 40), kind: kindOf(o) });
  }

  for (const p of g.persons) {
    const name = cut(
      str(p.name) ?? ([str(p.givenName), str(p.familyName)].filter(Boolean).join(" ") || undefined),
      200,
    );
    if (!name) {
      w.skip("Person", p, "ohne Namen");
      continue;
    }
    // Contact data is not imported: the consent to publish it is not known here.
    await w.save("Person", String(p.id), {
      name,
      form_of_address: cut(str(p.formOfAddress), 40),
      title: cut(Array.isArray(p.title) ? p.title.filter((x) => typeof x === "string").join(" ") : str(p.title), 100),
    });
  }

  // One seat rule per body for its imported voting members (decision 0027): the other system has
  // no seat rules; the seats are as many as there are voting memberships (at least one).
  const voting = new Map<string, number>();
  for (const m of g.memberships) {
    const org = first(m.organization);
    if (m.votingRight === true && org && w.local.has(org)) voting.set(org, (voting.get(org) ?? 0) + 1);
  }
  const seatRule = new Map<string, string>();
  for (const [org, n] of voting) {
    seatRule.set(
      org,
      await w.save("SeatRule", `${org}#sitze`, {
        body_id: w.local.get(org),
        label: "Sitze aus dem Ratsinformationssystem (OParl)",
        seats: Math.min(500, Math.max(1, n)),
      }),
    );
  }

  for (const m of g.memberships) {
    const person = w.local.get(str(m.person) ?? "");
    const org = first(m.organization);
    const body = org ? w.local.get(org) : undefined;
    if (!person) {
      w.skip("Membership", m, "die Person wurde nicht übernommen");
      continue;
    }
    if (!body) {
      w.skip("Membership", m, org ? `die Organisation ${org} wurde nicht übernommen` : "ohne Organisation");
      continue;
    }
    const startsOn = dateOf(m.startDate) ?? dateOf(m.created);
    if (!startsOn) {
      w.skip("Membership", m, "ohne Beginn (startDate)");
      continue;
    }
    const endsOn = dateOf(m.endDate);
    if (endsOn && endsOn < startsOn) {
      w.skip("Membership", m, "endet vor ihrem Beginn");
      continue;
    }
    const member = m.votingRight === true;
    const role = str(m.role) ?? "";
    await w.save("Membership", String(m.id), {
      body_id: body,
      person_id: person,
      role: member ? "member" : "guest",
      seat_rule_id: member ? seatRule.get(org!) : null,
      function: member
        ? /stellv\S*\s*vorsitz/i.test(role)
          ? "vice_chair"
          : /vorsitz/i.test(role)
            ? "chair"
            : null
        : null,
      starts_on: startsOn,
      ends_on: endsOn ?? null,
    });
  }

  // The agenda item that treats a consultation gives it the meeting day and the result.
  const meetingOf = new Map(g.meetings.map((m) => [String(m.id), m]));
  const itemFor = new Map<string, Json>();
  for (const i of g.items) {
    const c = str(i.consultation);
    if (c && !itemFor.has(c)) itemFor.set(c, i);
  }

  for (const p of g.papers) {
    const number = cut(str(p.reference), 60);
    const title = cut(str(p.name), 500);
    const submittedOn = dateOf(p.date) ?? dateOf(p.created);
    if (!number || !title || !submittedOn) {
      w.skip("Paper", p, !number ? "ohne Aktenzeichen (reference)" : !title ? "ohne Titel" : "ohne Datum");
      continue;
    }
    if (await w.taken("body_papers", "number", number, String(p.id))) {
      w.skip("Paper", p, `eine Vorlage ${number} gibt es hier schon (nicht aus diesem Import)`);
      continue;
    }
    const files = [p.mainFile, ...(Array.isArray(p.auxiliaryFile) ? p.auxiliaryFile : [])]
      .map((f) =>
        f && typeof f === "object" ? cut(str((f as Json).name) ?? str((f as Json).fileName), 300) : undefined,
      )
      .filter((x): x is string => !!x);
    await w.save("Paper", String(p.id), {
      number,
      title,
      submitted_on: submittedOn,
      lead_office: "",
      attachments: JSON.stringify(files),
    });
  }

  for (const c of g.consultations) {
    const paper = w.local.get(str(c.paper) ?? "");
    if (!paper) {
      w.skip("Consultation", c, "die Vorlage wurde nicht übernommen");
      continue;
    }
    const org = first(c.organization);
    const body = org ? w.local.get(org) : undefined;
    if (!body) {
      w.skip("Consultation", c, org ? `das Gremium ${org} wurde nicht übernommen` : "ohne Gremium");
      continue;
    }
    const role = str(c.role) ?? "";
    const competence = /entscheid|beschluss/i.test(role)
      ? "entscheidung"
      : /kenntnis/i.test(role)
        ? "kenntnisnahme"
        : c.authoritative === true
          ? "entscheidung"
          : "vorberatung";
    const item = itemFor.get(String(c.id));
    const meeting = meetingOf.get(str(c.meeting) ?? str(item?.meeting) ?? "");
    const day = berlin(meeting?.start)?.day;
    const result = item ? resultOf(item.result) : undefined;
    await w.save("Consultation", String(c.id), {
      paper_id: paper,
      body_id: body,
      competence,
      position: typeof c._index === "number" ? c._index : 0,
      meets_on: day ?? null,
      result: result && day ? result : null,
      decided_on: result && day ? day : null,
      resolution: cut(str(item?.resolutionText), 20000) ?? null,
    });
  }

  const now = Date.now();
  for (const m of g.meetings) {
    const org = first(m.organization);
    const body = org ? w.local.get(org) : undefined;
    if (!body) {
      w.skip("Meeting", m, org ? `das Gremium ${org} wurde nicht übernommen` : "ohne Gremium");
      continue;
    }
    const start = berlin(m.start);
    if (!start) {
      w.skip("Meeting", m, "ohne Beginn (start)");
      continue;
    }
    const end = berlin(m.end);
    const endsAt = end?.day === start.day && end.time && start.time && end.time >= start.time ? end.time : null;
    const loc = m.location && typeof m.location === "object" ? (m.location as Json) : undefined;
    await w.save("Meeting", String(m.id), {
      body_id: body,
      meets_on: start.day,
      starts_at: start.time ?? null,
      ends_at: endsAt,
      location: cut(str(loc?.description) ?? str(loc?.streetAddress), 300) ?? null,
      state: m.cancelled === true ? "cancelled" : Date.parse(String(m.start)) < now ? "held" : "planned",
    });
  }

  const treated = new Set<string>();
  for (const i of g.items) {
    const meeting = w.local.get(str(i.meeting) ?? "");
    if (!meeting) {
      w.skip("AgendaItem", i, "die Sitzung wurde nicht übernommen");
      continue;
    }
    const isPublic = i.public !== false;
    const title = cut(str(i.name) ?? (isPublic ? undefined : "Nichtöffentlicher Tagesordnungspunkt"), 500);
    if (!title) {
      w.skip("AgendaItem", i, "ohne Titel");
      continue;
    }
    const order = typeof i.order === "number" ? i.order : Number(i._index) + 1;
    const source = str(i.consultation);
    let consultation = source ? w.local.get(source) : undefined;
    if (consultation && treated.has(consultation)) consultation = undefined;
    if (consultation) treated.add(consultation);
    await w.save("AgendaItem", String(i.id), {
      meeting_id: meeting,
      number: cut(str(i.number) ?? String(order), 20),
      title,
      is_public: isPublic,
      position: order,
      consultation_id: consultation ?? null,
      result: consultation ? null : (resultOf(i.result) ?? null),
      resolution: consultation ? null : (cut(str(i.resolutionText), 20000) ?? null),
    });
  }
  return w;
}

/** Imports one body of an OParl system into a tenant; throws OparlImportError (German). */
export async function importOparl(db: Database, tenantSlug: string, opts: ImportOptions): Promise<ImportReport> {
  const tenant = (
    await withSystem(db, (tx) =>
      rows<{ id: string; ags: string | null }>(tx, sql`SELECT id, ags FROM tenants WHERE slug = ${tenantSlug}`),
    )
  )[0];
  if (!tenant) throw new OparlImportError(`Den Mandanten „${tenantSlug}“ gibt es nicht.`);
  const src = new Source(opts.fetch);
  const g = await fetchGraph(src, opts);
  const ags = str(g.body.ags) ?? (typeof g.body.ags === "number" ? String(g.body.ags) : undefined);
  if (ags && tenant.ags) {
    const padded = /^\d{7}$/.test(ags) ? `0${ags}` : ags;
    if (padded !== ags) src.notes.add(`AGS ohne führende Null: ${ags}`);
    if (padded !== tenant.ags)
      throw new OparlImportError(
        `Die Körperschaft hat den Gemeindeschlüssel ${ags}, der Mandant ${tenant.ags}: so wird nicht importiert.`,
      );
  }
  const w = await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "OParl-Import" } }, (tx) =>
    writeGraph(tx, g, src.skipped),
  );
  return {
    body: { id: String(g.body.id), name: str(g.body.name) ?? "" },
    created: w.created,
    updated: w.updated,
    unchanged: w.unchanged,
    skipped: src.skipped,
    notes: [...src.notes],
  };
}

/** The report as German text lines. */
export function reportLines(r: ImportReport): string[] {
  const n = (c: Record<ImportType, number>) => IMPORT_TYPES.map((t) => `${t} ${c[t]}`).join(", ");
  return [
    `Körperschaft: ${r.body.name} (${r.body.id})`,
    `Neu: ${n(r.created)}`,
    `Geändert: ${n(r.updated)}`,
    `Unverändert: ${n(r.unchanged)}`,
    `Übersprungen: ${r.skipped.length}`,
    ...r.skipped.map((s) => `  ${s.type} ${s.source}: ${s.reason}`),
    ...(r.notes.length ? ["Hinweise:", ...r.notes.map((x) => `  ${x}`)] : []),
  ];
}
