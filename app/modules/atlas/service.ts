import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { enqueueMail } from "~/kernel/mail/outbox";
import { config } from "~/kernel/config";
import type { Role } from "~/kernel/roles";
import { roleAtLeast } from "~/kernel/roles";
import { atlasEntries, atlasPlaces, atlasRevisions, atlasTranslations } from "./schema";
import { findArea, loadTenantAreas, type AreaCollection } from "./areas";
import { geocodeMany } from "~/kernel/geocoding/address-register";
import { queueGeocoding, UNLOCATED } from "./geocoder";
import {
  CONTENT_LANGUAGES,
  CATCHMENTS,
  COSTS,
  ENTRY_KINDS,
  GERMAN_LEVELS,
  OFFER_LANGUAGES,
  TERM_CODE,
  type ContentLanguage,
} from "./taxonomy";
import { listTerms } from "~/kernel/taxonomy/service";
import { isIsoDate } from "~/kernel/dates";
import { safeWebUrl, webUrl } from "~/kernel/urls";

// ---------------------------------------------------------------------------------------------
// Input

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));
const isoDate = z
  .union([
    z.literal(""),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "atlas.formErrors.isoDate")
      .refine(isIsoDate, "validation.date"),
  ])
  .optional()
  .nullable()
  .transform((v) => v || null);

export const TranslationInput = z.object({
  title: z.string().trim().min(2, "atlas.formErrors.titleShort").max(300),
  description: z.string().trim().max(5000).default(""),
});

export const PlaceInput = z
  .object({
    label: optText(200),
    street: optText(200),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, "atlas.formErrors.postcode")
      .optional()
      .nullable()
      .or(z.literal(""))
      .transform((v) => v || null),
    city: optText(100),
    lat: z
      .number({ message: "atlas.formErrors.lat" })
      .min(-90, "atlas.formErrors.lat")
      .max(90, "atlas.formErrors.lat")
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    lon: z
      .number({ message: "atlas.formErrors.lon" })
      .min(-180, "atlas.formErrors.lon")
      .max(180, "atlas.formErrors.lon")
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    areaName: optText(100),
  })
  .refine((p) => (p.lat === null) === (p.lon === null), {
    message: "atlas.formErrors.latLonTogether",
    path: ["lat"],
  });

export const EntryInput = z
  .object({
    kind: z.enum(ENTRY_KINDS),
    organisationId: z
      .string()
      .uuid("atlas.formErrors.unknownProvider")
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    // Codes of the tenant's taxonomy (decision 0037); createEntry/updateEntry check them against the list.
    handlungsfelder: z
      .array(z.string().regex(TERM_CODE, "atlas.formErrors.unknownTerm"))
      .min(1, "atlas.formErrors.handlungsfeldRequired"),
    targetGroups: z
      .array(z.string().regex(TERM_CODE, "atlas.formErrors.unknownTerm"))
      .min(1, "atlas.formErrors.targetGroupRequired"),
    languages: z.array(z.enum(OFFER_LANGUAGES)).min(1, "atlas.formErrors.languageRequired"),
    germanLevel: z.enum(GERMAN_LEVELS, { message: "atlas.formErrors.germanLevelRequired" }),
    cost: z.enum(COSTS, { message: "atlas.formErrors.costRequired" }),
    // Revisions stored before the field existed parse as "local", what those entries were.
    catchment: z.enum(CATCHMENTS, { message: "atlas.formErrors.catchmentInvalid" }).default("local"),
    costNote: optText(300),
    schedule: optText(500),
    accessibility: optText(1000),
    contactName: optText(200),
    contactEmail: z
      .string()
      .trim()
      .email()
      .optional()
      .nullable()
      .or(z.literal(""))
      .transform((v) => v || null),
    contactPhone: optText(50),
    website: webUrl()
      .optional()
      .nullable()
      .or(z.literal(""))
      .transform((v) => v || null),
    networkMembers: optText(2000),
    coordinator: optText(200),
    meetingRhythm: optText(200),
    validFrom: isoDate,
    validUntil: isoDate,
    translations: z
      .partialRecord(z.enum(CONTENT_LANGUAGES), TranslationInput)
      .refine((t) => !!t.de, { message: "atlas.formErrors.germanTitleRequired", path: ["de"] }),
    places: z.array(PlaceInput).max(20, "atlas.formErrors.tooManyPlaces"),
  })
  .refine((e) => !e.validFrom || !e.validUntil || e.validUntil >= e.validFrom, {
    message: "atlas.formErrors.validUntilBeforeFrom",
    path: ["validUntil"],
  });
export type EntryInput = z.infer<typeof EntryInput>;

export interface Actor {
  role: Role | null;
  organisationId: string | null;
  userId: string | null;
}
const isStaff = (a: Actor) => roleAtLeast(a.role ?? undefined, "editor");

export type Result<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; error: "not_found" | "forbidden" | "not_pending" | "invalid_org" | "invalid_terms" };

/** Every code an entry carries is a term of the tenant's list of that kind. */
async function termsKnown(tx: Tx, input: Pick<EntryInput, "handlungsfelder" | "targetGroups">): Promise<boolean> {
  const [hf, tg] = await Promise.all([listTerms(tx, "handlungsfeld"), listTerms(tx, "target_group")]);
  const has = (list: { code: string }[], codes: string[]) => codes.every((c) => list.some((x) => x.code === c));
  return has(hf, input.handlungsfelder) && has(tg, input.targetGroups);
}

// ---------------------------------------------------------------------------------------------
// Writing

async function writeContent(tx: Tx, entryId: string, input: EntryInput, areas: AreaCollection | null) {
  const { translations, places, ...fields } = input;
  await tx
    .update(atlasEntries)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(atlasEntries.id, entryId));
  await tx.delete(atlasTranslations).where(eq(atlasTranslations.entryId, entryId));
  const tr = Object.entries(translations).filter(([, v]) => v && v.title);
  if (tr.length) {
    await tx.insert(atlasTranslations).values(
      tr.map(([lang, v]) => ({
        tenantId: sql`app_tenant_id()` as unknown as string,
        entryId,
        lang,
        title: v!.title,
        description: v!.description ?? "",
      })),
    );
  }
  // A point the geocoder found for an address stays with that address: saving again must not take the
  // place off the map until a job has asked once more.
  const geocoded = await tx
    .select()
    .from(atlasPlaces)
    .where(and(eq(atlasPlaces.entryId, entryId), eq(atlasPlaces.pointSource, "geocoder")));
  const sameAddress = (p: EntryInput["places"][number]) =>
    geocoded.find((g) => g.street === p.street && g.postcode === p.postcode && g.city === p.city);
  await tx.delete(atlasPlaces).where(eq(atlasPlaces.entryId, entryId));
  if (places.length) {
    // An address without a point gets one from the tenant's address register, all places in one query;
    // one that is not there is queued for the operator's geocoder (if any) and until then flagged to
    // staff (unlocatedPlaces).
    const found = await geocodeMany(
      tx,
      places.map((p) => (p.lat === null ? p : { street: null, postcode: null })),
    );
    const located = places.map((p, i) => {
      if (p.lat !== null && p.lon !== null) return { point: { lat: p.lat, lon: p.lon }, source: "hand" as const };
      if (found[i]) return { point: found[i], source: "register" as const };
      const g = sameAddress(p);
      return g?.lat != null && g.lon != null
        ? { point: { lat: g.lat, lon: g.lon }, source: "geocoder" as const }
        : { point: null, source: null };
    });
    await tx.insert(atlasPlaces).values(
      places.map((p, i) => {
        const { point, source } = located[i];
        // A polygon match wins over a hand-entered Stadtteil; without areas the entry keeps the hand value.
        const hit = point ? findArea(point.lat, point.lon, areas) : null;
        return {
          tenantId: sql`app_tenant_id()` as unknown as string,
          entryId,
          position: i,
          label: p.label,
          street: p.street,
          postcode: p.postcode,
          city: p.city,
          lat: point?.lat ?? null,
          lon: point?.lon ?? null,
          pointSource: source,
          areaKey: hit?.key ?? null,
          areaLevel: hit?.level ?? null,
          areaName: hit?.name ?? p.areaName,
        };
      }),
    );
    await queueGeocoding(
      tx,
      places.flatMap((p, i) =>
        !located[i].point && p.street?.trim()
          ? [{ entryId, street: p.street, postcode: p.postcode, city: p.city }]
          : [],
      ),
    );
  }
}

async function orgExists(tx: Tx, id: string): Promise<boolean> {
  const r = await rows<{ id: string }>(tx, sql`SELECT id FROM organisations WHERE id = ${id}`);
  return r.length > 0;
}

/**
 * Creates an entry. Staff publish directly; a partner's entry belongs to their own organisation
 * and waits in the moderation queue, invisible to the public, until staff approve it.
 */
export async function createEntry(
  tx: Tx,
  actor: Actor,
  input: EntryInput,
  opts: { areas?: AreaCollection | null; isDemo?: boolean; lastConfirmedAt?: Date } = {},
): Promise<Result<{ id: string; status: string }>> {
  if (!actor.role) return { ok: false, error: "forbidden" };
  const staff = isStaff(actor);
  if (!staff && actor.role !== "partner") return { ok: false, error: "forbidden" };
  const organisationId = staff ? input.organisationId : actor.organisationId;
  if (!staff && !organisationId) return { ok: false, error: "forbidden" };
  if (organisationId && !(await orgExists(tx, organisationId))) return { ok: false, error: "invalid_org" };
  if (!(await termsKnown(tx, input))) return { ok: false, error: "invalid_terms" };
  const data = { ...input, organisationId };
  const areas = opts.areas !== undefined ? opts.areas : await loadTenantAreas(tx);
  const [e] = await tx
    .insert(atlasEntries)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      kind: input.kind,
      organisationId,
      status: staff ? "published" : "pending",
      publishedAt: staff ? new Date() : null,
      createdBy: actor.userId,
      isDemo: opts.isDemo ?? false,
      lastConfirmedAt: opts.lastConfirmedAt ?? new Date(),
    })
    .returning({ id: atlasEntries.id });
  await writeContent(tx, e.id, data, areas);
  if (!staff) {
    await tx.insert(atlasRevisions).values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      entryId: e.id,
      payload: data,
      submittedBy: actor.userId,
    });
    await notifyStaff(
      tx,
      "Neuer Eintrag im Integrationsatlas wartet auf Freigabe",
      `Ein Anbieter hat den Eintrag „${input.translations.de!.title}“ eingereicht. Bitte prüfen Sie ihn in der Freigabe-Warteschlange.`,
    );
  }
  await audit(tx, {
    action: staff ? "create" : "submit",
    entity: "atlas_entry",
    entityId: e.id,
    after: { status: staff ? "published" : "pending", ...data },
  });
  return { ok: true, value: { id: e.id, status: staff ? "published" : "pending" } };
}

async function loadEntryRow(tx: Tx, id: string) {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [e] = await tx.select().from(atlasEntries).where(eq(atlasEntries.id, id));
  return e;
}

/** May this actor edit the entry at all? Partners only their own organisation's entries. */
function mayEdit(actor: Actor, e: { organisationId: string | null }): boolean {
  if (isStaff(actor)) return true;
  return actor.role === "partner" && !!actor.organisationId && e.organisationId === actor.organisationId;
}

/**
 * Changes an entry. Staff changes apply at once; a partner's change becomes a pending revision
 * while the public keeps seeing the approved version (an unpublished entry is updated in place).
 */
export async function updateEntry(
  tx: Tx,
  actor: Actor,
  id: string,
  input: EntryInput,
  opts: { areas?: AreaCollection | null } = {},
): Promise<Result<{ status: string }>> {
  const before = await loadEntryRow(tx, id);
  if (!before) return { ok: false, error: "not_found" };
  if (!mayEdit(actor, before)) return { ok: false, error: "forbidden" };
  const staff = isStaff(actor);
  const organisationId = staff ? input.organisationId : before.organisationId;
  if (organisationId && organisationId !== before.organisationId && !(await orgExists(tx, organisationId)))
    return { ok: false, error: "invalid_org" };
  if (!(await termsKnown(tx, input))) return { ok: false, error: "invalid_terms" };
  const data = { ...input, organisationId };
  const areas = opts.areas !== undefined ? opts.areas : await loadTenantAreas(tx);
  if (staff) {
    await writeContent(tx, id, data, areas);
    await audit(tx, { action: "update", entity: "atlas_entry", entityId: id, before, after: data });
    return { ok: true, value: { status: before.status } };
  }
  await tx
    .update(atlasRevisions)
    .set({ status: "superseded", decidedAt: new Date() })
    .where(and(eq(atlasRevisions.entryId, id), eq(atlasRevisions.status, "pending")));
  await tx.insert(atlasRevisions).values({
    tenantId: sql`app_tenant_id()` as unknown as string,
    entryId: id,
    payload: data,
    submittedBy: actor.userId,
  });
  if (before.status !== "published") {
    await writeContent(tx, id, data, areas);
    await tx.update(atlasEntries).set({ status: "pending" }).where(eq(atlasEntries.id, id));
  }
  await notifyStaff(
    tx,
    "Geänderter Eintrag im Integrationsatlas wartet auf Freigabe",
    `Ein Anbieter hat den Eintrag „${input.translations.de!.title}“ geändert. Bitte prüfen Sie die Änderung in der Freigabe-Warteschlange.`,
  );
  await audit(tx, { action: "submit", entity: "atlas_entry", entityId: id, before, after: data });
  return { ok: true, value: { status: before.status === "published" ? "published" : "pending" } };
}

export async function approveRevision(tx: Tx, actor: Actor, revisionId: string): Promise<Result> {
  if (!isStaff(actor)) return { ok: false, error: "forbidden" };
  if (!z.string().uuid().safeParse(revisionId).success) return { ok: false, error: "not_found" };
  const [rev] = await tx.select().from(atlasRevisions).where(eq(atlasRevisions.id, revisionId));
  if (!rev) return { ok: false, error: "not_found" };
  if (rev.status !== "pending") return { ok: false, error: "not_pending" };
  const payload = EntryInput.parse(rev.payload);
  await writeContent(tx, rev.entryId, payload, await loadTenantAreas(tx));
  const now = new Date();
  await tx
    .update(atlasEntries)
    .set({
      status: "published",
      publishedAt: sql`coalesce(${atlasEntries.publishedAt}, now())`,
      lastConfirmedAt: now,
      staleNotifiedAt: null,
    })
    .where(eq(atlasEntries.id, rev.entryId));
  await tx
    .update(atlasRevisions)
    .set({ status: "approved", decidedAt: now, decidedBy: actor.userId })
    .where(eq(atlasRevisions.id, revisionId));
  await notifySubmitter(
    tx,
    rev.submittedBy,
    payload.organisationId,
    `Ihr Eintrag „${payload.translations.de!.title}“ ist freigegeben`,
    `Ihr Eintrag „${payload.translations.de!.title}“ im Integrationsatlas wurde geprüft und ist jetzt öffentlich sichtbar.`,
  );
  await audit(tx, { action: "approve", entity: "atlas_entry", entityId: rev.entryId, after: { revisionId } });
  return { ok: true, value: undefined };
}

export const RejectInput = z.object({
  reason: z.string().trim().min(5, "atlas.formErrors.rejectReason").max(2000),
});

export async function rejectRevision(tx: Tx, actor: Actor, revisionId: string, reason: string): Promise<Result> {
  if (!isStaff(actor)) return { ok: false, error: "forbidden" };
  if (!z.string().uuid().safeParse(revisionId).success) return { ok: false, error: "not_found" };
  const [rev] = await tx.select().from(atlasRevisions).where(eq(atlasRevisions.id, revisionId));
  if (!rev) return { ok: false, error: "not_found" };
  if (rev.status !== "pending") return { ok: false, error: "not_pending" };
  await tx
    .update(atlasRevisions)
    .set({ status: "rejected", decidedAt: new Date(), decidedBy: actor.userId, reason })
    .where(eq(atlasRevisions.id, revisionId));
  // A first version that is refused stays invisible; a refused change leaves the public version as it was.
  await tx
    .update(atlasEntries)
    .set({ status: "rejected" })
    .where(and(eq(atlasEntries.id, rev.entryId), eq(atlasEntries.status, "pending")));
  const payload = rev.payload as EntryInput;
  const title = payload.translations?.de?.title ?? "";
  await notifySubmitter(
    tx,
    rev.submittedBy,
    payload.organisationId,
    `Ihr Eintrag „${title}“ wurde nicht freigegeben`,
    `Ihr Eintrag „${title}“ im Integrationsatlas wurde nicht freigegeben.\n\nBegründung:\n${reason}\n\nSie können den Eintrag überarbeiten und erneut einreichen.`,
  );
  await audit(tx, { action: "reject", entity: "atlas_entry", entityId: rev.entryId, after: { revisionId, reason } });
  return { ok: true, value: undefined };
}

/** The provider (or staff) says the entry is still current; restarts the 12-month clock. */
export async function confirmEntry(tx: Tx, actor: Actor, id: string): Promise<Result> {
  const e = await loadEntryRow(tx, id);
  if (!e) return { ok: false, error: "not_found" };
  if (!mayEdit(actor, e)) return { ok: false, error: "forbidden" };
  await tx
    .update(atlasEntries)
    .set({ lastConfirmedAt: new Date(), staleNotifiedAt: null, confirmationRequestedAt: null })
    .where(eq(atlasEntries.id, id));
  await audit(tx, {
    action: "confirm",
    entity: "atlas_entry",
    entityId: id,
    before: { lastConfirmedAt: e.lastConfirmedAt },
  });
  return { ok: true, value: undefined };
}

export async function archiveEntry(tx: Tx, actor: Actor, id: string): Promise<Result> {
  const e = await loadEntryRow(tx, id);
  if (!e) return { ok: false, error: "not_found" };
  if (!mayEdit(actor, e)) return { ok: false, error: "forbidden" };
  await tx.update(atlasEntries).set({ status: "archived", updatedAt: new Date() }).where(eq(atlasEntries.id, id));
  await tx
    .update(atlasRevisions)
    .set({ status: "superseded", decidedAt: new Date() })
    .where(and(eq(atlasRevisions.entryId, id), eq(atlasRevisions.status, "pending")));
  await audit(tx, { action: "archive", entity: "atlas_entry", entityId: id, before: { status: e.status } });
  return { ok: true, value: undefined };
}

// ---------------------------------------------------------------------------------------------
// Notifications go through the kernel's outbox in the same transaction: the mail exists exactly when
// the change does. The recipients were read under row-level security.

async function staffEmails(tx: Tx): Promise<string[]> {
  const r = await rows<{ email: string }>(
    tx,
    sql`SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = app_tenant_id() AND m.active AND m.role IN ('admin', 'editor') AND u.status = 'active' ORDER BY u.email`,
  );
  return r.map((x) => x.email);
}

async function notifyStaff(tx: Tx, subject: string, body: string) {
  for (const to of await staffEmails(tx)) await enqueueMail(tx, { to, subject, body });
}

async function providerEmails(tx: Tx, organisationId: string | null): Promise<string[]> {
  if (!organisationId) return [];
  const r = await rows<{ email: string }>(
    tx,
    sql`SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = app_tenant_id() AND m.active AND m.role = 'partner' AND m.organisation_id = ${organisationId} AND u.status = 'active' ORDER BY u.email`,
  );
  return r.map((x) => x.email);
}

async function notifySubmitter(
  tx: Tx,
  submittedBy: string | null,
  organisationId: string | null,
  subject: string,
  body: string,
) {
  const to = new Set(await providerEmails(tx, organisationId));
  if (submittedBy) {
    const r = await rows<{ email: string }>(tx, sql`SELECT email FROM users WHERE id = ${submittedBy}`);
    if (r[0]) to.add(r[0].email);
  }
  for (const m of to) await enqueueMail(tx, { to: m, subject, body });
}

/**
 * The yearly confirmation cycle for the current tenant: asks providers to confirm entries not
 * confirmed for 11 months, and tells staff once about entries unconfirmed for 12 months (which
 * the public search already hides).
 */
export async function runConfirmationCycle(tx: Tx, now = new Date()): Promise<{ reminded: number; stale: number }> {
  const due = await rows<{ id: string; organisation_id: string | null; title: string }>(
    tx,
    sql`
    SELECT e.id, e.organisation_id, t.title FROM atlas_entries e JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de'
    WHERE e.status = 'published' AND e.last_confirmed_at < ${now.toISOString()}::timestamptz - interval '11 months'
      AND e.last_confirmed_at >= ${now.toISOString()}::timestamptz - interval '12 months'
      AND (e.confirmation_requested_at IS NULL OR e.confirmation_requested_at < e.last_confirmed_at)`,
  );
  const [tenant] = due.length
    ? await rows<{ slug: string }>(tx, sql`SELECT slug FROM tenants WHERE id = app_tenant_id()`)
    : [];
  for (const d of due) {
    // The entry's page in the administration, where the provider confirms it ("Bestätigen").
    const link = `${config().baseUrl}/t/${tenant?.slug}/verwaltung/angebote/${d.id}`;
    for (const to of await providerEmails(tx, d.organisation_id)) {
      await enqueueMail(tx, {
        to,
        subject: `Bitte bestätigen: „${d.title}“ im Integrationsatlas`,
        body: `Ihr Eintrag „${d.title}“ wurde seit fast einem Jahr nicht bestätigt. Bitte prüfen Sie ihn und bestätigen Sie, dass er noch aktuell ist:\n\n${link}\n\nNach 12 Monaten ohne Bestätigung wird er öffentlich ausgeblendet.`,
      });
    }
    await tx.update(atlasEntries).set({ confirmationRequestedAt: now }).where(eq(atlasEntries.id, d.id));
  }
  const stale = await rows<{ id: string; title: string }>(
    tx,
    sql`
    SELECT e.id, t.title FROM atlas_entries e JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de'
    WHERE e.status = 'published' AND e.last_confirmed_at < ${now.toISOString()}::timestamptz - interval '12 months' AND e.stale_notified_at IS NULL
    ORDER BY t.title`,
  );
  if (stale.length) {
    await notifyStaff(
      tx,
      `${stale.length} Einträge im Integrationsatlas seit 12 Monaten unbestätigt`,
      `Diese Einträge wurden seit über 12 Monaten nicht bestätigt und sind öffentlich ausgeblendet:\n\n${stale.map((s) => `– ${s.title}`).join("\n")}\n\nBitte klären Sie mit den Anbietern, ob die Angebote noch bestehen.`,
    );
    for (const s of stale) await tx.update(atlasEntries).set({ staleNotifiedAt: now }).where(eq(atlasEntries.id, s.id));
    await audit(tx, { action: "stale", entity: "atlas_entry", after: { entries: stale.map((s) => s.id) } });
  }
  if (due.length)
    await audit(tx, { action: "remind", entity: "atlas_entry", after: { entries: due.map((d) => d.id) } });
  return { reminded: due.length, stale: stale.length };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** What the public may see: published, currently valid, confirmed within 12 months. */
export const PUBLIC = sql`e.status = 'published' AND (e.valid_until IS NULL OR e.valid_until >= current_date)
  AND e.last_confirmed_at >= now() - interval '12 months'`;

export const SearchFilters = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  // A code of the tenant's list; an unknown one finds nothing.
  handlungsfeld: z
    .string()
    .regex(TERM_CODE)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  zielgruppe: z
    .string()
    .regex(TERM_CODE)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  sprache: z
    .enum(OFFER_LANGUAGES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** "little" means "works with little or no German": none and little both match. */
  deutsch: z
    .enum(GERMAN_LEVELS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  kosten: z
    .enum(COSTS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  stadtteil: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  art: z
    .enum(ENTRY_KINDS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export interface EntrySummary {
  id: string;
  kind: string;
  title: string;
  titleLang: string;
  summary: string;
  languages: string[];
  contentLanguages: string[];
  germanLevel: string;
  cost: string;
  handlungsfelder: string[];
  targetGroups: string[];
  areas: string[];
  provider: string | null;
  lastConfirmedAt: string;
  isDemo: boolean;
  /** The municipality the entry belongs to: another one's in a Kreis's guide of its members. */
  tenantSlug: string;
  tenantName: string;
}

/**
 * The text part of a search, prepared once per request rather than per row: u is the query with
 * accents folded (exact hits: German stemming finds "Deutschkurse" for "Deutschkurs"); wide is a
 * tsquery in which every query word may also be one of the similar title words of the tenant
 * (near misses: "Deutschkrs" finds "Deutschkurse", which stemming cannot).
 */
interface TextQuery {
  u: string;
  wide: string;
}

/** Minimal trigram similarity of a title word to a query word: a near miss, and a suggestion. */
const NEAR_MISS = 0.5;
const SUGGEST = 0.3;

const exactQuery = (tq: TextQuery) =>
  sql`(websearch_to_tsquery('german', ${tq.u}) || websearch_to_tsquery('simple', ${tq.u}))`;
/**
 * Exact hits (tested on the rows as on main) or near misses, whose ids come from the full-text GIN
 * index through atlas_near_misses (migration 0304): under row-level security the planner cannot
 * use that index, and the weighted near-miss query would cost a full test of every entry.
 */
const textMatch = (tq: TextQuery) =>
  sql`(e.search_vector @@ ${exactQuery(tq)} OR e.id IN (SELECT atlas_near_misses(${exactQuery(tq)}, ${tq.wide}::tsquery)))`;

/**
 * The words of a query a near miss may replace (excluded = false), or those "-word" excludes in
 * websearch syntax (excluded = true), which stay excluded from near misses too.
 */
const queryWords = (q: string, excluded = false) =>
  q
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.startsWith("-") === excluded)
    .flatMap((t) => t.split(/[\s\p{P}]+/u))
    .filter(Boolean)
    .slice(0, 8);

function filterSql(f: Partial<SearchFilters>, tq: TextQuery = { u: f.q ?? "", wide: "" }) {
  const parts = [PUBLIC];
  if (f.handlungsfeld) parts.push(sql`${f.handlungsfeld} = ANY(e.handlungsfelder)`);
  if (f.zielgruppe) parts.push(sql`${f.zielgruppe} = ANY(e.target_groups)`);
  if (f.sprache) parts.push(sql`${f.sprache} = ANY(e.languages)`);
  if (f.deutsch === "none") parts.push(sql`e.german_level = 'none'`);
  else if (f.deutsch === "little") parts.push(sql`e.german_level IN ('none', 'little')`);
  if (f.kosten) parts.push(sql`e.cost = ${f.kosten}`);
  if (f.art) parts.push(sql`e.kind = ${f.art}`);
  if (f.stadtteil)
    parts.push(
      sql`EXISTS (SELECT 1 FROM atlas_places p WHERE p.entry_id = e.id AND (p.area_name = ${f.stadtteil} OR p.area_key = ${f.stadtteil}))`,
    );
  if (f.q) parts.push(textMatch(tq));
  return sql.join(parts, sql` AND `);
}

/**
 * The ranked, counted page of matching entry ids (x: exact hit, r: score). Exact hits come first,
 * ordered by full-text rank; near misses follow, ordered by the word similarity of the query to
 * the titles.
 */
function hitsSql(f: Partial<SearchFilters>, tq: TextQuery, limit: number, offset: number) {
  const x = f.q ? sql`e.search_vector @@ ${exactQuery(tq)}` : sql`true`;
  const r = f.q
    ? sql`CASE WHEN ${x} THEN ts_rank(e.search_vector, ${exactQuery(tq)}) ELSE word_similarity(lower(${tq.u}), e.search_titles) END`
    : sql`0::real`;
  return sql`SELECT e.id, ${x} AS x, ${r} AS r, e.sort_title, count(*) OVER ()::int AS total FROM atlas_entries e
    WHERE ${filterSql(f, tq)} ORDER BY x DESC, r DESC, e.sort_title, e.id LIMIT ${limit} OFFSET ${offset}`;
}

export async function textQuery(tx: Tx, f: Partial<SearchFilters>): Promise<TextQuery> {
  if (!f.q) return { u: "", wide: "" };
  // A similar word counts in titles only (weights A and B): "deutsch" is close to "deutschkrs",
  // but an entry that merely mentions German in its description is no near miss of a German course.
  const near = (w: string) => sql`coalesce((SELECT to_tsquery('german', s) || to_tsquery('simple', s) FROM (
    SELECT string_agg(quote_literal(unaccent(x.word)) || ':AB', ' | ') AS s FROM atlas_similar_words(${w}, ${NEAR_MISS}::real) x
    -- A word with the query word's stem ("deutschkurse") is an exact hit already.
    WHERE to_tsvector('german', unaccent(x.word)) <> to_tsvector('german', unaccent(${w}))) v), ''::tsquery)`;
  const exact = (w: string) =>
    sql`(websearch_to_tsquery('german', unaccent(${w})) || websearch_to_tsquery('simple', unaccent(${w})))`;
  const positive = queryWords(f.q);
  // One word: its near misses alone (exact hits are tested apart, textMatch). Several:
  // each word either exact or a near miss, so "Deutschkrs Abend" finds "Deutschkurse am Abend".
  const perWord = positive.length === 1 ? [near(positive[0])] : positive.map((w) => sql`(${exact(w)} || ${near(w)})`);
  const excluded = queryWords(f.q, true).map((w) => sql`!!${exact(w)}`);
  const p = perWord.length ? sql.join(perWord, sql` && `) : sql`''::tsquery`;
  // Without a near-miss term the exclusions alone ("!abend") would match nearly everything.
  const wide = excluded.length
    ? sql`(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE p && ${sql.join(excluded, sql` && `)} END FROM (SELECT ${p} AS p) z)`
    : p;
  const [r] = await rows<TextQuery>(tx, sql`SELECT unaccent(${f.q}) AS u, (${wide})::text AS wide`);
  return r;
}

/**
 * "Meinten Sie …?" for a query without hits: each query word is replaced by the most similar word
 * of the tenant's titles. Offered only if it differs from the query and finds a public entry with
 * the other filters, so the link never leads to another empty page.
 */
async function suggestQuery(tx: Tx, f: Partial<SearchFilters>): Promise<string | undefined> {
  const words = queryWords(f.q ?? "");
  const out: string[] = [];
  for (const w of words) {
    const [best] = await rows<{ word: string }>(
      tx,
      sql`SELECT word FROM atlas_similar_words(${w}, ${SUGGEST}::real) LIMIT 1`,
    );
    out.push(best?.word ?? w);
  }
  const suggestion = out.join(" ");
  if (!words.length || suggestion === words.join(" ")) return undefined;
  const [r] = await rows<{ hit: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM atlas_entries e WHERE ${filterSql({ ...f, q: suggestion }, await textQuery(tx, { q: suggestion }))}) AS hit`,
  );
  return r.hit ? suggestion : undefined;
}

export async function searchEntries(
  tx: Tx,
  f: Partial<SearchFilters>,
  opts: { lang?: string; limit?: number; offset?: number } = {},
): Promise<{ items: EntrySummary[]; total: number; suggestion?: string }> {
  const lang = opts.lang ?? "de";
  const tq = await textQuery(tx, f);
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  const items = await rows<{
    id: string;
    kind: string;
    title: string;
    title_lang: string;
    description: string;
    languages: string[];
    content_languages: string[];
    german_level: string;
    cost: string;
    handlungsfelder: string[];
    target_groups: string[];
    areas: string[] | null;
    provider: string | null;
    last_confirmed_at: string;
    is_demo: boolean;
    tenant_slug: string;
    tenant_name: string;
    total: number;
  }>(
    tx,
    sql`
    WITH hits AS (
      -- Rank, count and page on the entries table alone; the joins below then run for one page only.
      ${hitsSql(f, tq, limit, offset)}
    )
    SELECT e.id, e.kind, tr.title, tr.lang AS title_lang, tr.description, e.languages, e.german_level, e.cost, e.handlungsfelder, e.target_groups,
      e.last_confirmed_at, e.is_demo, o.name AS provider, tn.slug AS tenant_slug, tn.name AS tenant_name, h.total,
      (SELECT array_agg(t2.lang ORDER BY t2.lang) FROM atlas_translations t2 WHERE t2.entry_id = e.id) AS content_languages,
      (SELECT array_agg(DISTINCT p.area_name) FILTER (WHERE p.area_name IS NOT NULL) FROM atlas_places p WHERE p.entry_id = e.id) AS areas
    FROM hits h JOIN atlas_entries e ON e.id = h.id
    JOIN tenants tn ON tn.id = e.tenant_id
    LEFT JOIN organisations o ON o.id = e.organisation_id
    JOIN LATERAL (SELECT t.title, t.lang, t.description FROM atlas_translations t WHERE t.entry_id = e.id AND t.lang IN (${lang}, 'de')
      ORDER BY (t.lang = ${lang}) DESC LIMIT 1) tr ON true
    ORDER BY h.x DESC, h.r DESC, h.sort_title, h.id`,
  );
  // A page past the end has no rows to carry the total; count separately only then.
  const total = items[0]?.total ?? (offset > 0 ? await countEntries(tx, f) : 0);
  return {
    total,
    suggestion: total === 0 && f.q ? await suggestQuery(tx, f) : undefined,
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      titleLang: r.title_lang,
      summary: r.description.length > 220 ? r.description.slice(0, 217).replace(/\s+\S*$/, "") + " …" : r.description,
      languages: r.languages,
      contentLanguages: r.content_languages ?? [],
      germanLevel: r.german_level,
      cost: r.cost,
      handlungsfelder: r.handlungsfelder,
      targetGroups: r.target_groups,
      areas: r.areas ?? [],
      provider: r.provider,
      lastConfirmedAt: new Date(r.last_confirmed_at).toISOString(),
      isDemo: r.is_demo,
      tenantSlug: r.tenant_slug,
      tenantName: r.tenant_name,
    })),
  };
}

export interface EntryDetail {
  entry: typeof atlasEntries.$inferSelect;
  translations: { lang: string; title: string; description: string }[];
  places: (typeof atlasPlaces.$inferSelect)[];
  provider: { id: string; name: string; website: string | null; email: string | null; phone: string | null } | null;
}

async function loadDetail(tx: Tx, e: typeof atlasEntries.$inferSelect): Promise<EntryDetail> {
  const translations = await tx
    .select({
      lang: atlasTranslations.lang,
      title: atlasTranslations.title,
      description: atlasTranslations.description,
    })
    .from(atlasTranslations)
    .where(eq(atlasTranslations.entryId, e.id));
  translations.sort(
    (a, b) =>
      CONTENT_LANGUAGES.indexOf(a.lang as ContentLanguage) - CONTENT_LANGUAGES.indexOf(b.lang as ContentLanguage),
  );
  const places = await tx.select().from(atlasPlaces).where(eq(atlasPlaces.entryId, e.id)).orderBy(atlasPlaces.position);
  const [provider] = e.organisationId
    ? await rows<EntryDetail["provider"] & object>(
        tx,
        sql`SELECT id, name, website, email, phone FROM organisations WHERE id = ${e.organisationId}`,
      )
    : [];
  // Links leave through safeWebUrl: a row stored before the input check may hold another scheme.
  return {
    entry: { ...e, website: safeWebUrl(e.website) },
    translations,
    places,
    provider: provider ? { ...provider, website: safeWebUrl(provider.website) } : null,
  };
}

/** A place as forms and pages use it: the address and position, without row, entry or tenant ids. */
export function placeFields(p: typeof atlasPlaces.$inferSelect) {
  return {
    label: p.label,
    street: p.street,
    postcode: p.postcode,
    city: p.city,
    lat: p.lat,
    lon: p.lon,
    areaName: p.areaName,
  };
}

/** A published, visible entry for the public detail page; undefined otherwise. */
export async function getPublicEntry(tx: Tx, id: string): Promise<EntryDetail | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [v] = await rows<{ id: string }>(tx, sql`SELECT e.id FROM atlas_entries e WHERE e.id = ${id} AND ${PUBLIC}`);
  if (!v) return undefined;
  return loadDetail(tx, (await loadEntryRow(tx, id))!);
}

/** An entry for its editor (staff, or the partner whose organisation owns it). */
export async function getEntryForEditing(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<
  Result<
    EntryDetail & {
      pending: typeof atlasRevisions.$inferSelect | null;
      lastRejection: typeof atlasRevisions.$inferSelect | null;
    }
  >
> {
  const e = await loadEntryRow(tx, id);
  if (!e) return { ok: false, error: "not_found" };
  if (!mayEdit(actor, e)) return { ok: false, error: "forbidden" };
  const revs = await tx
    .select()
    .from(atlasRevisions)
    .where(eq(atlasRevisions.entryId, id))
    .orderBy(sql`${atlasRevisions.submittedAt} DESC`);
  const pending = revs.find((r) => r.status === "pending") ?? null;
  const decided = revs.find((r) => r.status === "approved" || r.status === "rejected");
  return {
    ok: true,
    value: { ...(await loadDetail(tx, e)), pending, lastRejection: decided?.status === "rejected" ? decided : null },
  };
}

export interface StaffListItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  provider: string | null;
  lastConfirmedAt: string;
  hasPending: boolean;
  rejectionReason: string | null;
  stale: boolean;
  isDemo: boolean;
  /** Places with a street but no point: missing from the map (not in the address register). */
  unlocated: number;
}

/** Which entries an actor may list: staff and viewers every entry, a partner only their organisation's. */
function staffListScope(actor: Actor) {
  return isStaff(actor) || actor.role === "viewer"
    ? sql`true`
    : actor.organisationId
      ? sql`e.organisation_id = ${actor.organisationId}`
      : sql`false`;
}

/** How many entries the staff list holds for this actor (for paging). */
export async function countEntriesForActor(tx: Tx, actor: Actor): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM atlas_entries e JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de' WHERE ${staffListScope(actor)}`,
  );
  return n;
}

/** Staff see every entry; a partner only their organisation's. With `page`, only that slice is read. */
export async function listEntriesForActor(
  tx: Tx,
  actor: Actor,
  page?: { limit: number; offset: number },
): Promise<StaffListItem[]> {
  const scope = staffListScope(actor);
  const r = await rows<{
    id: string;
    title: string;
    kind: string;
    status: string;
    provider: string | null;
    last_confirmed_at: string;
    has_pending: boolean;
    reason: string | null;
    stale: boolean;
    is_demo: boolean;
    unlocated: number;
  }>(
    tx,
    sql`
    SELECT e.id, t.title, e.kind, e.status, o.name AS provider, e.last_confirmed_at, e.is_demo,
      EXISTS (SELECT 1 FROM atlas_revisions r WHERE r.entry_id = e.id AND r.status = 'pending') AS has_pending,
      (SELECT r.reason FROM atlas_revisions r WHERE r.entry_id = e.id AND r.status IN ('approved', 'rejected') ORDER BY r.decided_at DESC LIMIT 1) AS reason,
      e.last_confirmed_at < now() - interval '12 months' AS stale,
      (SELECT count(*)::int FROM atlas_places p WHERE p.entry_id = e.id AND ${UNLOCATED}) AS unlocated
    FROM atlas_entries e JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de' LEFT JOIN organisations o ON o.id = e.organisation_id
    WHERE ${scope} ORDER BY has_pending DESC, t.title, e.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`,
  );
  return r.map((x) => ({
    id: x.id,
    title: x.title,
    kind: x.kind,
    status: x.status,
    provider: x.provider,
    lastConfirmedAt: new Date(x.last_confirmed_at).toISOString(),
    hasPending: x.has_pending,
    rejectionReason: x.reason,
    stale: x.stale,
    isDemo: x.is_demo,
    unlocated: x.unlocated,
  }));
}

/** How many of the entries the actor may list have an address without a point (for the staff notice). */
export async function countUnlocatedEntries(tx: Tx, actor: Actor): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM atlas_entries e WHERE ${staffListScope(actor)}
      AND EXISTS (SELECT 1 FROM atlas_places p WHERE p.entry_id = e.id AND ${UNLOCATED})`,
  );
  return r.n;
}

export async function moderationQueue(tx: Tx) {
  const r = await rows<{
    id: string;
    entry_id: string;
    payload: EntryInput;
    submitted_at: string;
    submitter: string | null;
    entry_status: string;
    provider: string | null;
  }>(
    tx,
    sql`
    SELECT r.id, r.entry_id, r.payload, r.submitted_at, u.email AS submitter, e.status AS entry_status, o.name AS provider
    FROM atlas_revisions r JOIN atlas_entries e ON e.id = r.entry_id
    LEFT JOIN users u ON u.id = r.submitted_by LEFT JOIN organisations o ON o.id = e.organisation_id
    WHERE r.status = 'pending' ORDER BY r.submitted_at`,
  );
  return r.map((x) => ({
    id: x.id,
    entryId: x.entry_id,
    payload: x.payload,
    submittedAt: new Date(x.submitted_at).toISOString(),
    submitter: x.submitter,
    isNew: x.entry_status !== "published",
    provider: x.provider,
  }));
}

/**
 * Facet values for the filter form: the Stadtteile of the entries the public may see. A place of a
 * pending, rejected, archived or expired entry must not show (its Stadtteil would announce an offer
 * before approval).
 */
export async function publicAreas(tx: Tx): Promise<string[]> {
  const r = await rows<{ a: string }>(
    tx,
    sql`SELECT DISTINCT p.area_name AS a FROM atlas_places p JOIN atlas_entries e ON e.id = p.entry_id
    WHERE p.area_name IS NOT NULL AND ${PUBLIC} ORDER BY 1`,
  );
  return r.map((x) => x.a);
}

/** Published entries as flat records for CSV/JSON downloads and the API. */
export async function countEntries(tx: Tx, f: Partial<SearchFilters> = {}): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM atlas_entries e WHERE ${filterSql(f, await textQuery(tx, f))}`,
  );
  return n;
}

export async function exportEntries(tx: Tx, f: Partial<SearchFilters> = {}, limit = 100000, offset = 0) {
  return (await exportPage(tx, f, limit, offset)).offers;
}

/** One page of published entries plus the number of all matches (for the API). */
export async function exportPage(tx: Tx, f: Partial<SearchFilters> = {}, limit = 100000, offset = 0) {
  const tq = await textQuery(tx, f);
  const r = await rows<{
    id: string;
    kind: string;
    title: string;
    description: string;
    title_en: string | null;
    languages: string[];
    content_languages: string[] | null;
    german_level: string;
    cost: string;
    cost_note: string | null;
    catchment: string;
    handlungsfelder: string[];
    target_groups: string[];
    schedule: string | null;
    accessibility: string | null;
    contact_name: string | null;
    contact_email: string | null;
    contact_phone: string | null;
    website: string | null;
    provider: string | null;
    valid_from: string | null;
    valid_until: string | null;
    last_confirmed_at: string;
    places:
      | {
          label: string | null;
          street: string | null;
          postcode: string | null;
          city: string | null;
          lat: number | null;
          lon: number | null;
          area: string | null;
        }[]
      | null;
    is_demo: boolean;
    total: number;
  }>(
    tx,
    sql`
    WITH hits AS (${hitsSql(f, tq, limit, offset)})
    SELECT e.id, e.kind, t.title, t.description, en.title AS title_en, e.languages, e.german_level, e.cost, e.cost_note, e.catchment, e.handlungsfelder, e.target_groups, e.schedule,
      e.accessibility, e.contact_name, e.contact_email, e.contact_phone, e.website, o.name AS provider, e.valid_from::text, e.valid_until::text, e.last_confirmed_at, e.is_demo, h.total,
      (SELECT array_agg(t2.lang ORDER BY t2.lang) FROM atlas_translations t2 WHERE t2.entry_id = e.id) AS content_languages,
      (SELECT json_agg(json_build_object('label', p.label, 'street', p.street, 'postcode', p.postcode, 'city', p.city, 'lat', p.lat, 'lon', p.lon, 'area', p.area_name) ORDER BY p.position)
        FROM atlas_places p WHERE p.entry_id = e.id) AS places
    FROM hits h JOIN atlas_entries e ON e.id = h.id
    JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de'
    LEFT JOIN atlas_translations en ON en.entry_id = e.id AND en.lang = 'en'
    LEFT JOIN organisations o ON o.id = e.organisation_id
    ORDER BY h.x DESC, h.r DESC, h.sort_title, h.id`,
  );
  const total = r[0]?.total ?? (offset > 0 ? await countEntries(tx, f) : 0);
  const offers = r.map((x) => ({
    id: x.id,
    kind: x.kind,
    title: x.title,
    titleEn: x.title_en,
    description: x.description,
    provider: x.provider,
    handlungsfelder: x.handlungsfelder,
    targetGroups: x.target_groups,
    languages: x.languages,
    contentLanguages: x.content_languages ?? [],
    germanLevel: x.german_level,
    cost: x.cost,
    costNote: x.cost_note,
    catchment: x.catchment,
    schedule: x.schedule,
    accessibility: x.accessibility,
    contactName: x.contact_name,
    contactEmail: x.contact_email,
    contactPhone: x.contact_phone,
    website: safeWebUrl(x.website),
    validFrom: x.valid_from,
    validUntil: x.valid_until,
    lastConfirmedAt: new Date(x.last_confirmed_at).toISOString(),
    isDemo: x.is_demo,
    places: x.places ?? [],
    areas: [...new Set((x.places ?? []).map((p) => p.area).filter((a): a is string => !!a))],
  }));
  return { offers, total };
}

/**
 * Where the tenant's published places are, without titles: grey dots for orientation on the staff
 * form's map, where a tenant may have neither a base map nor Stadtteil outlines.
 */
export async function publishedPlacePoints(tx: Tx): Promise<[number, number][]> {
  const r = await rows<{ lat: number; lon: number }>(
    tx,
    sql`SELECT p.lat, p.lon FROM atlas_places p JOIN atlas_entries e ON e.id = p.entry_id
    WHERE e.status = 'published' AND p.lat IS NOT NULL AND p.lon IS NOT NULL LIMIT 5000`,
  );
  return r.map((x) => [x.lon, x.lat]);
}

/** Points of the visible entries as GeoJSON for the map. */
export async function entryPoints(tx: Tx, f: Partial<SearchFilters>, lang = "de") {
  const tq = await textQuery(tx, f);
  const r = await rows<{
    id: string;
    title: string;
    lang: string;
    lat: number;
    lon: number;
    label: string | null;
    area: string | null;
    tenant: string;
  }>(
    tx,
    sql`
    SELECT e.id, tr.title, tr.lang, p.lat, p.lon, p.label, p.area_name AS area, tn.slug AS tenant FROM atlas_entries e
    JOIN tenants tn ON tn.id = e.tenant_id
    JOIN atlas_places p ON p.entry_id = e.id AND p.lat IS NOT NULL
    JOIN LATERAL (SELECT t.title, t.lang FROM atlas_translations t WHERE t.entry_id = e.id AND t.lang IN (${lang}, 'de') ORDER BY (t.lang = ${lang}) DESC LIMIT 1) tr ON true
    WHERE ${filterSql(f, tq)} ORDER BY tr.title, e.id LIMIT 5000`,
  );
  return {
    type: "FeatureCollection" as const,
    features: r.map((x) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [x.lon, x.lat] },
      properties: { id: x.id, title: x.title, lang: x.lang, place: x.label, area: x.area, tenant: x.tenant },
    })),
  };
}
