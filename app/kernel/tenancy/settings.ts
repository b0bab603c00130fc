import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { optionalText } from "../text-fields";
import type { Tx } from "../db/client";
import { tenantLogos, tenants } from "../db/schema";
import { audit } from "../audit/service";
import { fail, ok, type Result } from "../errors";
import { UI_LANGUAGES } from "../i18n/languages";
import { uploadLimitBytes } from "../upload";
import { kindMismatch, TENANT_KINDS, type TenantKind } from "./laender";
import { Threshold } from "./threshold";

// A tenant's settings (issue 17 item 3; docs/tenant-settings.md, decision 0049), edited by its
// administration at /t/:slug/verwaltung/einstellungen. Everything runs in the tenant's transaction as
// the request role: migration 0015 lets that role update only its own tenant's row, and only the
// columns named in kernel/db/migrate.ts. Kind, AGS and parent decide the Land's rules and who may
// read the tenant's published content (member tenants, decision 0036): only platform administrators
// change them.

/** Where the logo may be at most this large (and never above the upload limit). */
const LOGO_MAX_BYTES = 512 * 1024;
export const logoMaxBytes = () => Math.min(LOGO_MAX_BYTES, uploadLimitBytes());

/** The digits an AGS has for each kind: Land 2, Kreis 5, Gemeinde 8; a Stadtstaat as Land or city. */
export const AGS_LENGTHS: Record<TenantKind, readonly number[]> = {
  land: [2],
  kreis: [5],
  kommune: [8],
  stadtstaat: [2, 8],
};

export const SettingsInput = z.strictObject({
  name: z.string().trim().min(2, "settings.errors.name").max(200, "settings.errors.name"),
  contactOffice: optionalText(300, "settings.errors.contactOffice"),
  contactAddress: optionalText(1000, "settings.errors.contactAddress"),
  contactEmail: z
    .email("settings.errors.contactEmail")
    .max(254, "settings.errors.contactEmail")
    .nullish()
    .transform((v) => v ?? null),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()/-]{3,50}$/, "settings.errors.contactPhone")
    .nullish()
    .transform((v) => v ?? null),
  contactWeb: z
    .url({ protocol: /^https?$/, error: "settings.errors.contactWeb" })
    .max(500, "settings.errors.contactWeb")
    .nullish()
    .transform((v) => v ?? null),
  disclosureThreshold: Threshold,
  publicLanguages: z
    .array(z.enum(UI_LANGUAGES, "settings.errors.language"))
    .transform((l) => UI_LANGUAGES.filter((x) => x === "de" || l.includes(x))),
  requireSecondFactor: z.boolean().default(false),
  // Platform administrators only (see above); absent = unchanged.
  kind: z.enum(TENANT_KINDS, "settings.errors.kind").optional(),
  ags: z
    .string()
    .trim()
    .regex(/^[0-9]+$/, "settings.errors.agsFormat")
    .optional(),
  parentId: z.uuid("settings.errors.parent").nullish(),
});
export type SettingsInput = z.input<typeof SettingsInput>;
export type TenantSettings = typeof tenants.$inferSelect;

const EDITABLE = [
  "name",
  "contactOffice",
  "contactAddress",
  "contactEmail",
  "contactPhone",
  "contactWeb",
  "disclosureThreshold",
  "publicLanguages",
  "requireSecondFactor",
  "kind",
  "ags",
  "parentId",
] as const;
const PLATFORM_ONLY = ["kind", "ags", "parentId"] as const;

/** The transaction's tenant, all of its row. */
export async function getTenantSettings(tx: Tx): Promise<TenantSettings | undefined> {
  const [t] = await tx
    .select()
    .from(tenants)
    .where(eq(tenants.id, sql`app_tenant_id()`));
  return t;
}

/** The tenants that may become this one's parent: every other one that does not lie below it. */
export async function parentCandidates(tx: Tx, tenantId: string) {
  const all = await tx
    .select({ id: tenants.id, name: tenants.name, kind: tenants.kind, parentId: tenants.parentId })
    .from(tenants)
    .orderBy(tenants.name);
  const parentOf = new Map(all.map((t) => [t.id, t.parentId]));
  return all.filter((t) => !reaches(parentOf, t.id, tenantId));
}

/** Walking up from `from` meets `target` (or from is target): making target's parent `from` closes a cycle. */
function reaches(parentOf: Map<string, string | null>, from: string, target: string): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = from; at; at = parentOf.get(at)) {
    if (at === target) return true;
    if (seen.has(at)) return true; // a cycle already there: refuse to add to it
    seen.add(at);
  }
  return false;
}

/**
 * Saves the transaction's tenant's settings. `platform`: the actor is a platform administrator and
 * may change kind, AGS and parent; anyone else sending a different value of those is refused.
 */
export async function saveTenantSettings(
  tx: Tx,
  input: unknown,
  opts: { platform: boolean },
): Promise<Result<TenantSettings>> {
  const p = SettingsInput.safeParse(input);
  if (!p.success) {
    const issue = p.error.issues[0];
    return fail(issue?.message ?? "settings.errors.invalid", String(issue?.path[0] ?? ""));
  }
  const before = await getTenantSettings(tx);
  if (!before) return fail("errors.notFound");
  const v = p.data;
  for (const f of PLATFORM_ONLY)
    if (v[f] !== undefined && v[f] !== before[f] && !opts.platform) return fail("settings.errors.platformOnly", f);
  const kind = v.kind ?? before.kind;
  const ags = v.ags ?? before.ags;
  if (!AGS_LENGTHS[kind].includes(ags.length))
    return fail("settings.errors.agsLength", "ags", { digits: AGS_LENGTHS[kind].join(" / ") });
  const mismatch = kindMismatch(kind, ags);
  if (mismatch) return fail(mismatch.key, mismatch.key === "platform.agsNoLand" ? "ags" : "kind", mismatch.params);
  if (v.parentId && v.parentId !== before.parentId) {
    const candidates = await parentCandidates(tx, before.id);
    if (!candidates.some((c) => c.id === v.parentId)) return fail("settings.errors.parentCycle", "parentId");
  }
  const next = { ...v, kind, ags, parentId: v.parentId === undefined ? before.parentId : v.parentId };
  const changed = EDITABLE.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]));
  if (!changed.length) return ok(before);
  const [after] = await tx
    .update(tenants)
    .set(Object.fromEntries(changed.map((f) => [f, next[f]])))
    .where(eq(tenants.id, before.id))
    .returning();
  // Row-level security: a tenant other than the transaction's is not updated (and not found above).
  if (!after) return fail("errors.notFound");
  await audit(tx, {
    action: "update",
    entity: "tenant",
    entityId: before.id,
    before: Object.fromEntries(changed.map((f) => [f, before[f]])),
    after: Object.fromEntries(changed.map((f) => [f, after[f]])),
  });
  return ok(after);
}

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** The image type by the file's first bytes (never its name or declared type); SVG is none of them. */
export function logoType(b: Uint8Array): LogoType | null {
  const at = (i: number, bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (at(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "image/webp";
  return null;
}

/** Stores the tenant's logo (replacing one it had) after checking its type and size. */
export async function saveLogo(tx: Tx, bytes: Uint8Array): Promise<Result<string>> {
  if (bytes.length === 0) return fail("settings.errors.logoMissing", "logo");
  if (bytes.length > logoMaxBytes())
    return fail("settings.errors.logoTooLarge", "logo", { kib: Math.floor(logoMaxBytes() / 1024) });
  const mime = logoType(bytes);
  if (!mime) return fail("settings.errors.logoType", "logo");
  const etag = createHash("sha256").update(bytes).digest("hex");
  const data = Buffer.from(bytes);
  await tx
    .insert(tenantLogos)
    .values({ tenantId: sql`app_tenant_id()`, mime, bytes: data, etag, updatedBy: sql`app_user_id()` })
    .onConflictDoUpdate({
      target: tenantLogos.tenantId,
      set: { mime, bytes: data, etag, updatedAt: sql`now()`, updatedBy: sql`app_user_id()` },
    });
  const [t] = await tx
    .update(tenants)
    .set({ logoEtag: etag })
    .where(eq(tenants.id, sql`app_tenant_id()`))
    .returning({ id: tenants.id });
  if (!t) return fail("errors.notFound");
  await audit(tx, {
    action: "update",
    entity: "tenant_logo",
    entityId: t.id,
    after: { mime, bytes: bytes.length, etag },
  });
  return ok(etag);
}

export async function removeLogo(tx: Tx): Promise<Result<undefined>> {
  const gone = await tx.delete(tenantLogos).returning({ id: tenantLogos.tenantId });
  const [t] = await tx
    .update(tenants)
    .set({ logoEtag: null })
    .where(eq(tenants.id, sql`app_tenant_id()`))
    .returning({ id: tenants.id });
  if (gone.length && t) await audit(tx, { action: "delete", entity: "tenant_logo", entityId: t.id });
  return ok(undefined);
}

/** The tenant's logo for serving (any transaction of that tenant, also a visitor's). */
export async function getLogo(tx: Tx) {
  const [l] = await tx
    .select({ mime: tenantLogos.mime, bytes: tenantLogos.bytes, etag: tenantLogos.etag })
    .from(tenantLogos);
  return l && { ...l, bytes: Buffer.from(l.bytes) };
}
