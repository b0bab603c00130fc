import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { PARTNER_TYPES, type PartnerType, type ReportStatus } from "./schema";

// The Land's partner network (issue 15 item 4): partners, their agreements and modules, reporting
// periods and the yearly reports with their review. Plain functions over the tenant's transaction;
// every change is audited; errors are keys under opening.partners.errors.

const E = (k: string) => `opening.partners.errors.${k}`;
const isoDate = z.iso.date(E("date"));
const text = (max: number) => z.string().trim().min(1, E("required")).max(max, E("tooLong"));
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("tooLong"))
    .nullish()
    .transform((s) => s || null);

export const PartnerInput = z.object({
  ordinal: z.number(E("ordinal")).int(E("ordinal")).min(1, E("ordinal")).max(10000, E("ordinal")),
  name: text(300),
  type: z.enum(PARTNER_TYPES, E("type")),
  joinedOn: isoDate,
  organisationId: z.uuid().optional(),
  note: optText(2000),
  sourceLine: z.number().int().positive().optional(),
  isDemo: z.boolean().optional(),
});
export type PartnerInput = z.input<typeof PartnerInput>;

export async function createPartner(tx: Tx, input: PartnerInput): Promise<Result<{ id: string }>> {
  const p = PartnerInput.parse(input);
  const [taken] = await rows(tx, sql`SELECT 1 FROM opening_partners WHERE ordinal = ${p.ordinal}`);
  if (taken) return fail(E("ordinalTaken"), "ordinal", { ordinal: p.ordinal });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_partners (tenant_id, ordinal, name, type, joined_on, organisation_id, note, source_line, is_demo)
        VALUES (app_tenant_id(), ${p.ordinal}, ${p.name}, ${p.type}, ${p.joinedOn}, ${p.organisationId ?? null},
                ${p.note}, ${p.sourceLine ?? null}, ${p.isDemo ?? false}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_partner", entityId: r.id, after: p });
  return ok({ id: r.id });
}

export async function updatePartner(tx: Tx, id: string, input: PartnerInput): Promise<Result> {
  const p = PartnerInput.parse(input);
  const [before] = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM opening_partners WHERE id = ${id} FOR UPDATE`,
  );
  if (!before) return fail(E("notFound"));
  const [taken] = await rows(tx, sql`SELECT 1 FROM opening_partners WHERE ordinal = ${p.ordinal} AND id <> ${id}`);
  if (taken) return fail(E("ordinalTaken"), "ordinal", { ordinal: p.ordinal });
  await tx.execute(
    sql`UPDATE opening_partners SET ordinal = ${p.ordinal}, name = ${p.name}, type = ${p.type}, joined_on = ${p.joinedOn},
          organisation_id = ${p.organisationId ?? null}, note = ${p.note}, updated_at = now() WHERE id = ${id}`,
  );
  await audit(tx, { action: "update", entity: "opening_partner", entityId: id, before, after: p });
  return ok(undefined);
}

const AliasInput = z.object({ partnerId: z.uuid(), alias: text(300) });

/** A name the partner goes by elsewhere (a report heading: "Bericht des Kreises Lippe"). */
export async function addAlias(tx: Tx, input: z.input<typeof AliasInput>): Promise<Result<{ id: string }>> {
  const a = AliasInput.parse(input);
  const [taken] = await rows(tx, sql`SELECT 1 FROM opening_partner_aliases WHERE alias = ${a.alias}`);
  if (taken) return fail(E("aliasTaken"), "alias", { alias: a.alias });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_partner_aliases (tenant_id, partner_id, alias) VALUES (app_tenant_id(), ${a.partnerId}, ${a.alias}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_partner_alias", entityId: r.id, after: a });
  return ok({ id: r.id });
}

/** The partner a name stands for: its own name or one of its aliases (spaces and case ignored). */
export async function partnerByName(tx: Tx, name: string): Promise<{ id: string; ordinal: number } | null> {
  const key = name.replace(/\s+/g, "").toLowerCase();
  const [p] = await rows<{ id: string; ordinal: number }>(
    tx,
    sql`SELECT p.id, p.ordinal FROM opening_partners p
        WHERE lower(regexp_replace(p.name, '\\s+', '', 'g')) = ${key}
           OR EXISTS (SELECT 1 FROM opening_partner_aliases a WHERE a.partner_id = p.id
                      AND lower(regexp_replace(a.alias, '\\s+', '', 'g')) = ${key})
        ORDER BY p.ordinal LIMIT 1`,
  );
  return p ?? null;
}

const MemberInput = z.object({
  partnerId: z.uuid(),
  name: text(300),
  organisationId: z.uuid().optional(),
  position: z.number().int().default(0),
});

export async function addMember(tx: Tx, input: z.input<typeof MemberInput>): Promise<Result<{ id: string }>> {
  const m = MemberInput.parse(input);
  const [taken] = await rows(
    tx,
    sql`SELECT 1 FROM opening_partner_members WHERE partner_id = ${m.partnerId} AND name = ${m.name}`,
  );
  if (taken) return fail(E("memberTaken"), "name", { name: m.name });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_partner_members (tenant_id, partner_id, name, organisation_id, position)
        VALUES (app_tenant_id(), ${m.partnerId}, ${m.name}, ${m.organisationId ?? null}, ${m.position}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_partner_member", entityId: r.id, after: m });
  return ok({ id: r.id });
}

export const AgreementInput = z.object({
  partnerId: z.uuid(),
  declaration: text(20000),
  signedOn: isoDate.optional(),
  signatories: z.array(text(200)).max(20, E("tooMany")).default([]),
});

/** The partner's agreement: its declaration, date and signatories (one per partner, replaced on save). */
export async function saveAgreement(tx: Tx, input: z.input<typeof AgreementInput>): Promise<Result<{ id: string }>> {
  const a = AgreementInput.parse(input);
  const [before] = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT id, declaration, signed_on, signatories FROM opening_agreements WHERE partner_id = ${a.partnerId}`,
  );
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_agreements (tenant_id, partner_id, declaration, signed_on, signatories)
        VALUES (app_tenant_id(), ${a.partnerId}, ${a.declaration}, ${a.signedOn ?? null},
                ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(a.signatories)}::jsonb)))
        ON CONFLICT (tenant_id, partner_id) DO UPDATE SET declaration = excluded.declaration,
          signed_on = excluded.signed_on, signatories = excluded.signatories, updated_at = now()
        RETURNING id`,
  );
  await audit(tx, {
    action: before ? "update" : "create",
    entity: "opening_agreement",
    entityId: r.id,
    before,
    after: a,
  });
  return ok({ id: r.id });
}

/** The signed agreement as a file: a PDF within `maxBytes` (the kernel's upload limit). */
export async function attachAgreementFile(
  tx: Tx,
  partnerId: string,
  file: { name: string; type: string; bytes: Buffer },
  maxBytes: number,
): Promise<Result> {
  if (file.type !== "application/pdf" || file.bytes.subarray(0, 5).toString("latin1") !== "%PDF-")
    return fail(E("fileType"), "file");
  if (file.bytes.length === 0 || file.bytes.length > maxBytes)
    return fail(E("fileSize"), "file", { mb: Math.round(maxBytes / 1024 / 1024) });
  const name = file.name.replace(/[^\p{L}\p{N}._ -]+/gu, "_").slice(0, 200) || "vereinbarung.pdf";
  const updated = await rows<{ id: string }>(
    tx,
    sql`UPDATE opening_agreements SET file_name = ${name}, file_type = ${file.type}, file_bytes = ${file.bytes}, updated_at = now()
        WHERE partner_id = ${partnerId} RETURNING id`,
  );
  if (!updated.length) return fail(E("noAgreement"), "file");
  await audit(tx, {
    action: "update",
    entity: "opening_agreement",
    entityId: updated[0].id,
    after: { file: name, bytes: file.bytes.length },
  });
  return ok(undefined);
}

export const ModuleInput = z.object({
  partnerId: z.uuid(),
  title: text(300),
  description: optText(4000),
  recurring: z.boolean().default(false),
  position: z.number().int().optional(),
  isDemo: z.boolean().optional(),
});

/** A Beitrittsmodul of the partner's agreement; recurring ones are reported on every year. */
export async function addModule(tx: Tx, input: z.input<typeof ModuleInput>): Promise<Result<{ id: string }>> {
  const m = ModuleInput.parse(input);
  const [taken] = await rows(
    tx,
    sql`SELECT 1 FROM opening_agreement_modules WHERE partner_id = ${m.partnerId} AND title = ${m.title}`,
  );
  if (taken) return fail(E("moduleTaken"), "title", { title: m.title });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_agreement_modules (tenant_id, partner_id, position, title, description, recurring, is_demo)
        VALUES (app_tenant_id(), ${m.partnerId},
                coalesce(${m.position ?? null}::int,
                         (SELECT coalesce(max(position) + 1, 0) FROM opening_agreement_modules WHERE partner_id = ${m.partnerId})),
                ${m.title}, ${m.description}, ${m.recurring}, ${m.isDemo ?? false})
        RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_agreement_module", entityId: r.id, after: m });
  return ok({ id: r.id });
}

const MilestoneInput = z
  .object({ moduleId: z.uuid(), title: text(300), dueOn: isoDate.optional(), reachedOn: isoDate.optional() })
  .refine((m) => m.dueOn || m.reachedOn, { message: E("milestoneDate"), path: ["dueOn"] });

export async function addMilestone(tx: Tx, input: z.input<typeof MilestoneInput>): Promise<Result<{ id: string }>> {
  const parsed = MilestoneInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? ""));
  const m = parsed.data;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_module_milestones (tenant_id, module_id, title, due_on, reached_on)
        VALUES (app_tenant_id(), ${m.moduleId}, ${m.title}, ${m.dueOn ?? null}, ${m.reachedOn ?? null}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_module_milestone", entityId: r.id, after: m });
  return ok({ id: r.id });
}

export const PeriodInput = z
  .object({ partnerId: z.uuid(), startsOn: isoDate, endsOn: isoDate, dueOn: isoDate })
  .refine((p) => p.endsOn >= p.startsOn, { message: E("endBeforeStart"), path: ["endsOn"] });

/** A reporting period of one partner (periods differ per partner); periods of a partner do not overlap. */
export async function addPeriod(tx: Tx, input: z.input<typeof PeriodInput>): Promise<Result<{ id: string }>> {
  const p = PeriodInput.parse(input);
  const [overlap] = await rows(
    tx,
    sql`SELECT 1 FROM opening_reporting_periods WHERE partner_id = ${p.partnerId}
        AND starts_on <= ${p.endsOn} AND ends_on >= ${p.startsOn}`,
  );
  if (overlap) return fail(E("periodOverlap"), "startsOn");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_reporting_periods (tenant_id, partner_id, starts_on, ends_on, due_on)
        VALUES (app_tenant_id(), ${p.partnerId}, ${p.startsOn}, ${p.endsOn}, ${p.dueOn}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_reporting_period", entityId: r.id, after: p });
  return ok({ id: r.id });
}

interface ReportHead {
  id: string;
  status: ReportStatus;
  period_id: string;
  partner_id: string;
}

const reportHead = async (tx: Tx, reportId: string, lock = false) =>
  (
    await rows<ReportHead>(
      tx,
      lock
        ? sql`SELECT r.id, r.status, r.period_id, p.partner_id FROM opening_partner_reports r
              JOIN opening_reporting_periods p ON p.id = r.period_id WHERE r.id = ${reportId} FOR UPDATE OF r`
        : sql`SELECT r.id, r.status, r.period_id, p.partner_id FROM opening_partner_reports r
              JOIN opening_reporting_periods p ON p.id = r.period_id WHERE r.id = ${reportId}`,
    )
  )[0];

/** The report of a period, begun as a draft when there is none yet. */
export async function reportForPeriod(
  tx: Tx,
  periodId: string,
  opts: { isDemo?: boolean } = {},
): Promise<Result<{ id: string; created: boolean }>> {
  const [existing] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM opening_partner_reports WHERE period_id = ${periodId}`,
  );
  if (existing) return ok({ id: existing.id, created: false });
  const [period] = await rows(tx, sql`SELECT 1 FROM opening_reporting_periods WHERE id = ${periodId}`);
  if (!period) return fail(E("notFound"));
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_partner_reports (tenant_id, period_id, is_demo) VALUES (app_tenant_id(), ${periodId}, ${opts.isDemo ?? false})
        ON CONFLICT (tenant_id, period_id) DO UPDATE SET updated_at = opening_partner_reports.updated_at RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_partner_report", entityId: r.id, after: { periodId } });
  return ok({ id: r.id, created: true });
}

const Figure = z.object({ label: text(200), value: text(200) });
export const EntryInput = z.object({
  reportId: z.uuid(),
  moduleId: z.uuid(),
  progress: optText(20000),
  figures: z.array(Figure).max(50, E("tooMany")).default([]),
  activities: optText(20000),
  outlook: optText(20000),
  sourceLine: z.number().int().positive().optional(),
});
export type EntryInput = z.input<typeof EntryInput>;

/**
 * Saves the report's entry for one module ("Stand der Umsetzung", figures, further activities,
 * Ausblick). A reviewed report is locked; the module must be one of the report's partner.
 */
export async function saveEntry(tx: Tx, input: EntryInput): Promise<Result<{ id: string }>> {
  const e = EntryInput.parse(input);
  const head = await reportHead(tx, e.reportId, true);
  if (!head) return fail(E("notFound"));
  if (head.status === "reviewed") return fail(E("locked"));
  const [mod] = await rows(
    tx,
    sql`SELECT 1 FROM opening_agreement_modules WHERE id = ${e.moduleId} AND partner_id = ${head.partner_id}`,
  );
  if (!mod) return fail(E("moduleNotOfPartner"), "moduleId");
  const [before] = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT progress, figures, activities, outlook FROM opening_report_entries WHERE report_id = ${e.reportId} AND module_id = ${e.moduleId}`,
  );
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_report_entries (tenant_id, report_id, module_id, progress, figures, activities, outlook, source_line)
        VALUES (app_tenant_id(), ${e.reportId}, ${e.moduleId}, ${e.progress}, ${JSON.stringify(e.figures)}::jsonb,
                ${e.activities}, ${e.outlook}, ${e.sourceLine ?? null})
        ON CONFLICT (report_id, module_id) DO UPDATE SET progress = excluded.progress, figures = excluded.figures,
          activities = excluded.activities, outlook = excluded.outlook, source_line = excluded.source_line, updated_at = now()
        RETURNING id`,
  );
  await tx.execute(sql`UPDATE opening_partner_reports SET updated_at = now() WHERE id = ${e.reportId}`);
  await audit(tx, {
    action: before ? "update" : "create",
    entity: "opening_report_entry",
    entityId: r.id,
    before,
    after: e,
  });
  return ok({ id: r.id });
}

/** The report's further activities outside the modules (seed 004:226–228). */
export async function saveFurtherActivities(tx: Tx, reportId: string, value: string): Promise<Result> {
  const v = optText(20000).parse(value);
  const head = await reportHead(tx, reportId, true);
  if (!head) return fail(E("notFound"));
  if (head.status === "reviewed") return fail(E("locked"));
  await tx.execute(
    sql`UPDATE opening_partner_reports SET further_activities = ${v}, updated_at = now() WHERE id = ${reportId}`,
  );
  await audit(tx, {
    action: "update",
    entity: "opening_partner_report",
    entityId: reportId,
    after: { furtherActivities: v },
  });
  return ok(undefined);
}

/** draft → submitted: a report with at least one module entry. */
export async function submitReport(tx: Tx, reportId: string): Promise<Result> {
  const head = await reportHead(tx, reportId, true);
  if (!head) return fail(E("notFound"));
  if (head.status !== "draft") return fail(E("notDraft"));
  const [n] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_report_entries WHERE report_id = ${reportId}`,
  );
  if (n.n === 0) return fail(E("emptyReport"));
  await tx.execute(
    sql`UPDATE opening_partner_reports SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = ${reportId}`,
  );
  await audit(tx, {
    action: "status",
    entity: "opening_partner_report",
    entityId: reportId,
    before: "draft",
    after: "submitted",
  });
  return ok(undefined);
}

/** submitted → reviewed by the ministry, with its comment; from then on the report is locked. */
export async function reviewReport(tx: Tx, reportId: string, comment: string): Promise<Result> {
  const c = z.string().trim().min(1, E("commentRequired")).max(4000, E("tooLong")).safeParse(comment);
  if (!c.success) return fail(c.error.issues[0].message, "comment");
  const head = await reportHead(tx, reportId, true);
  if (!head) return fail(E("notFound"));
  if (head.status === "reviewed") return fail(E("locked"));
  if (head.status !== "submitted") return fail(E("notSubmitted"));
  await tx.execute(
    sql`UPDATE opening_partner_reports SET status = 'reviewed', reviewed_at = now(), review_comment = ${c.data}, updated_at = now()
        WHERE id = ${reportId}`,
  );
  await audit(tx, {
    action: "approve",
    entity: "opening_partner_report",
    entityId: reportId,
    before: "submitted",
    after: { status: "reviewed", comment: c.data },
  });
  return ok(undefined);
}

/** A report is in ("liegt vor") once submitted; a draft is not. */
export const reportIn = (status: ReportStatus | null) => status === "submitted" || status === "reviewed";

export interface PartnerRow {
  id: string;
  ordinal: number;
  name: string;
  type: PartnerType;
  joinedOn: string;
  isDemo: boolean;
  /** The partner's current period on the given day: the latest that has begun. */
  period: { id: string; startsOn: string; endsOn: string; dueOn: string } | null;
  reportId: string | null;
  reportStatus: ReportStatus | null;
  reportIn: boolean;
}

/** All partners in ordinal order with their current period (at `on`) and that period's report. */
export async function listPartners(tx: Tx, on: string): Promise<PartnerRow[]> {
  const list = await rows<{
    id: string;
    ordinal: number;
    name: string;
    type: PartnerType;
    joined_on: string;
    is_demo: boolean;
    period_id: string | null;
    starts_on: string | null;
    ends_on: string | null;
    due_on: string | null;
    report_id: string | null;
    status: ReportStatus | null;
  }>(
    tx,
    sql`SELECT p.id, p.ordinal, p.name, p.type, p.joined_on::text, p.is_demo,
          c.id AS period_id, c.starts_on::text, c.ends_on::text, c.due_on::text, r.id AS report_id, r.status
        FROM opening_partners p
        LEFT JOIN LATERAL (SELECT * FROM opening_reporting_periods x WHERE x.partner_id = p.id AND x.starts_on <= ${on}::date
                           ORDER BY x.starts_on DESC LIMIT 1) c ON true
        LEFT JOIN opening_partner_reports r ON r.period_id = c.id
        ORDER BY p.ordinal`,
  );
  return list.map((r) => ({
    id: r.id,
    ordinal: r.ordinal,
    name: r.name,
    type: r.type,
    joinedOn: r.joined_on,
    isDemo: r.is_demo,
    period: r.period_id ? { id: r.period_id, startsOn: r.starts_on!, endsOn: r.ends_on!, dueOn: r.due_on! } : null,
    reportId: r.report_id,
    reportStatus: r.status,
    reportIn: reportIn(r.status),
  }));
}

export interface ModuleRow {
  id: string;
  position: number;
  title: string;
  description: string | null;
  recurring: boolean;
  milestones: { id: string; title: string; dueOn: string | null; reachedOn: string | null }[];
}

export interface PartnerDetail {
  partner: {
    id: string;
    ordinal: number;
    name: string;
    type: PartnerType;
    joinedOn: string;
    note: string | null;
    sourceLine: number | null;
    isDemo: boolean;
    organisationId: string | null;
  };
  aliases: { id: string; alias: string }[];
  members: { id: string; name: string }[];
  agreement: {
    declaration: string;
    signedOn: string | null;
    signatories: string[];
    fileName: string | null;
    fileBytes: number | null;
  } | null;
  modules: ModuleRow[];
  periods: {
    id: string;
    startsOn: string;
    endsOn: string;
    dueOn: string;
    reportId: string | null;
    status: ReportStatus | null;
  }[];
}

export async function modulesOf(tx: Tx, partnerIds: string[] | null): Promise<Map<string, ModuleRow[]>> {
  const mods = await rows<{
    id: string;
    partner_id: string;
    position: number;
    title: string;
    description: string | null;
    recurring: boolean;
    milestones: ModuleRow["milestones"];
  }>(
    tx,
    sql`SELECT m.id, m.partner_id, m.position, m.title, m.description, m.recurring,
          coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'title', s.title, 'dueOn', s.due_on, 'reachedOn', s.reached_on)
                    ORDER BY s.due_on NULLS LAST, s.title) FROM opening_module_milestones s WHERE s.module_id = m.id), '[]') AS milestones
        FROM opening_agreement_modules m
        WHERE ${partnerIds === null} OR m.partner_id = ANY(${`{${(partnerIds ?? []).join(",")}}`}::uuid[])
        ORDER BY m.position, m.title`,
  );
  const by = new Map<string, ModuleRow[]>();
  for (const m of mods) {
    const { partner_id, ...rest } = m;
    by.set(partner_id, [...(by.get(partner_id) ?? []), rest]);
  }
  return by;
}

export async function partnerDetail(tx: Tx, id: string): Promise<PartnerDetail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [p] = await rows<PartnerDetail["partner"]>(
    tx,
    sql`SELECT id, ordinal, name, type, joined_on::text AS "joinedOn", note, source_line AS "sourceLine", is_demo AS "isDemo",
          organisation_id AS "organisationId" FROM opening_partners WHERE id = ${id}`,
  );
  if (!p) return null;
  const aliases = await rows<{ id: string; alias: string }>(
    tx,
    sql`SELECT id, alias FROM opening_partner_aliases WHERE partner_id = ${id} ORDER BY alias`,
  );
  const members = await rows<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM opening_partner_members WHERE partner_id = ${id} ORDER BY position, name`,
  );
  const [agreement] = await rows<NonNullable<PartnerDetail["agreement"]>>(
    tx,
    sql`SELECT declaration, signed_on::text AS "signedOn", signatories, file_name AS "fileName",
          octet_length(file_bytes) AS "fileBytes" FROM opening_agreements WHERE partner_id = ${id}`,
  );
  const periods = await rows<PartnerDetail["periods"][number]>(
    tx,
    sql`SELECT x.id, x.starts_on::text AS "startsOn", x.ends_on::text AS "endsOn", x.due_on::text AS "dueOn",
          r.id AS "reportId", r.status
        FROM opening_reporting_periods x LEFT JOIN opening_partner_reports r ON r.period_id = x.id
        WHERE x.partner_id = ${id} ORDER BY x.starts_on DESC`,
  );
  const modules = (await modulesOf(tx, [id])).get(id) ?? [];
  return { partner: p, aliases, members, agreement: agreement ?? null, modules, periods };
}

export interface ReportView {
  id: string;
  status: ReportStatus;
  furtherActivities: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  period: { id: string; startsOn: string; endsOn: string; dueOn: string };
  partner: { id: string; ordinal: number; name: string };
  modules: (ModuleRow & {
    entry: {
      progress: string | null;
      figures: { label: string; value: string }[];
      activities: string | null;
      outlook: string | null;
      sourceLine: number | null;
    } | null;
  })[];
}

export async function reportView(tx: Tx, reportId: string): Promise<ReportView | null> {
  if (!z.uuid().safeParse(reportId).success) return null;
  const [r] = await rows<{
    id: string;
    status: ReportStatus;
    further_activities: string | null;
    review_comment: string | null;
    submitted_at: string | null;
    reviewed_at: string | null;
    period_id: string;
    starts_on: string;
    ends_on: string;
    due_on: string;
    partner_id: string;
    ordinal: number;
    name: string;
  }>(
    tx,
    sql`SELECT r.id, r.status, r.further_activities, r.review_comment, r.submitted_at::text, r.reviewed_at::text,
          x.id AS period_id, x.starts_on::text, x.ends_on::text, x.due_on::text, p.id AS partner_id, p.ordinal, p.name
        FROM opening_partner_reports r JOIN opening_reporting_periods x ON x.id = r.period_id
        JOIN opening_partners p ON p.id = x.partner_id WHERE r.id = ${reportId}`,
  );
  if (!r) return null;
  const entries = await rows<{ module_id: string } & NonNullable<ReportView["modules"][number]["entry"]>>(
    tx,
    sql`SELECT module_id, progress, figures, activities, outlook, source_line AS "sourceLine"
        FROM opening_report_entries WHERE report_id = ${reportId}`,
  );
  const byModule = new Map(entries.map(({ module_id, ...e }) => [module_id, e]));
  const modules = ((await modulesOf(tx, [r.partner_id])).get(r.partner_id) ?? []).map((m) => ({
    ...m,
    entry: byModule.get(m.id) ?? null,
  }));
  return {
    id: r.id,
    status: r.status,
    furtherActivities: r.further_activities,
    reviewComment: r.review_comment,
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    period: { id: r.period_id, startsOn: r.starts_on, endsOn: r.ends_on, dueOn: r.due_on },
    partner: { id: r.partner_id, ordinal: r.ordinal, name: r.name },
    modules,
  };
}
