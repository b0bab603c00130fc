import { eq } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { issueCode, ServiceError, translateError, type ErrorCode } from "~/kernel/errors";
import { hasAnyControlChars, jsonControlPath } from "~/kernel/http/input";
import { monImportProfiles } from "../schema";
import { AreaProfile } from "./areas";
import { listProfiles, ObservationProfile, parseProfile, saveProfile, type ImportProfile } from "./importer";

/**
 * Import profiles given out and taken in as JSON files, so that a profile built in one place (the
 * UI's mapping step, a file beside the CLI, another tenant) can be used in the other. The profile
 * itself stays importer.ts's: parseProfile decides what is valid, saveProfile stores and audits.
 */

/** A profile file is a few KB; anything far larger is not one. */
export const PROFILE_FILE_MAX_BYTES = 256 * 1024;

export type ProfileKind = "observations" | "areas";

export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  description: string;
  updatedAt: Date;
}

/** One problem of a profile file: its JSON path ("" = the profile as a whole), none for the file's own. */
export interface ProfileProblem {
  path?: string;
  error: ErrorCode | string;
}

/** A problem as one line in t's language, its path first as parseProfile writes it ("period: …"). */
export function problemText(t: TFunction, p: ProfileProblem): string {
  const text = translateError(t, p.error);
  return p.path === undefined ? text : `${p.path || t("monitoring.importProfiles.wholeProfile")}: ${text}`;
}

export type ProfileRead = { ok: true; profile: ImportProfile } | { ok: false; problems: ProfileProblem[] };

const kindOf = (p: unknown): ProfileKind => ((p as { kind?: unknown })?.kind === "areas" ? "areas" : "observations");

export async function profileSummaries(tx: Tx): Promise<ProfileSummary[]> {
  return (await listProfiles(tx)).map((p) => {
    const d = (p.profile as { description?: unknown }).description;
    return {
      name: p.name,
      kind: kindOf(p.profile),
      description: typeof d === "string" ? d : "",
      updatedAt: p.updatedAt,
    };
  });
}

/**
 * Checks a profile's JSON with parseProfile. The problems come back as error codes with their paths,
 * so a page names them in its reader's language; in German they read as parseProfile's own.
 */
export function checkProfile(json: unknown): ProfileRead {
  // The name becomes a URL segment and a file name; a string with control characters is never typed.
  const control = jsonControlPath(json);
  if (control !== undefined)
    return { ok: false, problems: [{ path: control, error: "monitoring.importProfiles.control" }] };
  const name = (json as { name?: unknown })?.name;
  if (typeof name === "string" && hasAnyControlChars(name))
    return { ok: false, problems: [{ path: "name", error: "monitoring.importProfiles.nameOneLine" }] };
  const parsed = parseProfile(json);
  if (parsed.ok) return { ok: true, profile: parsed.profile };
  const again = (kindOf(json) === "areas" ? AreaProfile : ObservationProfile).safeParse(json);
  // Should parseProfile ever refuse what its schemas accept, its own (German) sentences still say why.
  if (again.success) return { ok: false, problems: parsed.errors.map((e) => ({ error: e })) };
  return { ok: false, problems: again.error.issues.map((i) => ({ path: i.path.join("."), error: issueCode(i) })) };
}

/** Reads a profile file: UTF-8 (a byte order mark is fine), JSON, then checkProfile. */
export function readProfileFile(bytes: Uint8Array): ProfileRead {
  if (bytes.length > PROFILE_FILE_MAX_BYTES)
    return {
      ok: false,
      problems: [
        { error: { code: "monitoring.importProfiles.tooLarge", params: { kb: PROFILE_FILE_MAX_BYTES / 1024 } } },
      ],
    };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ error: "monitoring.importProfiles.notUtf8" }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ error: "monitoring.importProfiles.notJson" }] };
  }
  return checkProfile(json);
}

/** Stores a checked profile under its name (saveProfile audits), saying whether one was replaced. */
export async function storeProfile(tx: Tx, profile: ImportProfile): Promise<"created" | "replaced"> {
  const [before] = await tx
    .select({ id: monImportProfiles.id })
    .from(monImportProfiles)
    .where(eq(monImportProfiles.name, profile.name));
  await saveProfile(tx, profile);
  return before ? "replaced" : "created";
}

/** The file a stored profile is given out as: the profile as parseProfile reads it, pretty JSON. */
export function profileJson(profile: ImportProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/**
 * A stored profile as its file, or undefined when there is none of that name. A stored profile the
 * schema no longer accepts is refused rather than given out, since nothing would take it back.
 */
export async function exportProfile(
  tx: Tx,
  name: string,
): Promise<{ profile: ImportProfile; json: string } | undefined> {
  const [row] = await tx.select().from(monImportProfiles).where(eq(monImportProfiles.name, name));
  if (!row) return undefined;
  const r = parseProfile(row.profile);
  if (!r.ok) throw new ServiceError("monitoring.importProfiles.storedInvalid", { name, problems: r.errors.join("; ") });
  return { profile: r.profile, json: profileJson(r.profile) };
}

/** Deletes a stored profile, audited; false when there is none of that name. */
export async function deleteProfile(tx: Tx, name: string): Promise<boolean> {
  const [gone] = await tx.delete(monImportProfiles).where(eq(monImportProfiles.name, name)).returning();
  if (!gone) return false;
  await audit(tx, { action: "delete", entity: "mon_import_profile", entityId: name, before: gone.profile });
  return true;
}

/**
 * A download's Content-Disposition: the profile's name with anything a file system dislikes replaced,
 * as UTF-8 (RFC 6266) and, for old clients, in ASCII (a header value cannot carry more).
 */
export function profileDisposition(name: string): string {
  const file = `${name.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^[.-]+/, "") || "profil"}.json`;
  const ascii = file.normalize("NFKD").replace(/[^A-Za-z0-9._-]/g, "");
  return `attachment; filename="${ascii === ".json" ? "profil.json" : ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}
