import { config } from "./config";
import { formatLocale } from "./i18n";
import type { UploadLimits } from "./parsing/limits";

/**
 * The one upload limit (UPLOAD_MAX_MB) for every form that takes files. Three places check it:
 * the server refuses a body beyond `hardBodyLimit` before anyone reads it; a route refuses a declared
 * length beyond limit plus form overhead before reading the form (`requestTooLarge`); and the files
 * themselves are measured (`filesTooLarge`). Between the limit and the hard cap the user gets the
 * form's own error message in their language; only absurd sizes get the server's plain 413.
 */
const FORM_OVERHEAD_BYTES = 256 * 1024;

export function uploadLimitBytes(): number {
  return config().maxUploadBytes;
}

/** The limit in MB for messages, in the page language's number format ("0,5" in German, "0.5" in English). */
export function uploadLimitMb(lang = "de"): string {
  const mb = uploadLimitBytes() / 1024 / 1024;
  return new Intl.NumberFormat(formatLocale(lang), {
    maximumFractionDigits: mb >= 10 ? 0 : 2,
    useGrouping: false,
  }).format(mb);
}

/** What the server accepts at most for a multipart body: twice the limit plus 1 MB. */
export function hardBodyLimit(limit = uploadLimitBytes()): number {
  return 2 * limit + 1024 * 1024;
}

/**
 * The request declares more than files within the limit plus the other form fields can need;
 * `factor` allows for a file sent in an encoding (4/3 for base64).
 */
export function requestTooLarge(request: Request, factor = 1): boolean {
  return Number(request.headers.get("content-length") ?? 0) > uploadLimitBytes() * factor + FORM_OVERHEAD_BYTES;
}

/** The files of one form together exceed the limit. */
export function filesTooLarge(files: readonly File[]): boolean {
  return files.reduce((n, f) => n + f.size, 0) > uploadLimitBytes();
}

/**
 * Everything an uploaded file may unpack to and contain, for every importer (monitoring values and
 * areas, concept measures): enforced while the file is parsed in its worker (kernel/parsing/).
 */
export function uploadLimits(): UploadLimits {
  const c = config();
  return { uploadBytes: c.maxUploadBytes, ...c.uploadLimits };
}
