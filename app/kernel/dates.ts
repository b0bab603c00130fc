/**
 * Calendar dates as the municipality lives them: "today" is the date in Europe/Berlin, not in UTC
 * (between midnight and 01:00/02:00 German time the two differ). Dates without a time travel as ISO
 * strings (YYYY-MM-DD) and are computed with as UTC midnights, where a day is always 24 hours.
 * Everything takes an injectable `now` so tests can stand at any moment. Browser-safe (no Node APIs).
 */
export const TIME_ZONE = "Europe/Berlin";
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function berlinParts(d: Date) {
  const p = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute };
}

/** The Berlin calendar date of an instant, as YYYY-MM-DD. */
export function isoDateBerlin(instant: Date): string {
  const p = berlinParts(instant);
  return `${p.y}-${p.m}-${p.d}`;
}

/** The Berlin wall-clock time of an instant, as HH:MM. */
export function timeBerlin(instant: Date): string {
  const p = berlinParts(instant);
  return `${p.h}:${p.min}`;
}

/** Today in Berlin, as YYYY-MM-DD. */
export function todayBerlin(now: Date = new Date()): string {
  return isoDateBerlin(now);
}

/** True for a real calendar date in ISO form (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const utc = (iso: string) => {
  if (!isIsoDate(iso)) throw new RangeError(`Kein Datum: ${iso}`);
  return Date.parse(`${iso}T00:00:00Z`);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date n days later (or earlier for negative n). */
export function addDays(iso: string, n: number): string {
  return fromUtc(utc(iso) + n * DAY_MS);
}

/** The date n months later; the day is kept where it exists, else the month's last day (31.08. + 6 = 28./29.02.). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  utc(iso);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** The instant a Berlin calendar day begins (23:00 or 22:00 UTC the day before). */
export function startOfDayBerlin(iso: string): Date {
  const midnightUtc = utc(iso);
  // Berlin's offset at UTC midnight equals its offset at Berlin midnight: clocks change at 02:00/03:00.
  const p = berlinParts(new Date(midnightUtc));
  const offset = Date.UTC(+p.y, +p.m - 1, +p.d, +p.h, +p.min) - midnightUtc;
  return new Date(midnightUtc - offset);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** TT.MM.JJJJ of an ISO date, or of an instant's Berlin date; "" for nothing. */
export function germanDate(d: string | Date | null | undefined): string {
  if (!d) return "";
  const iso = typeof d === "string" ? d.slice(0, 10) : isoDateBerlin(d);
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** TT.MM.JJJJ HH:MM in Berlin time. */
export function germanDateTime(d: Date): string {
  const p = berlinParts(d);
  return `${p.d}.${p.m}.${p.y} ${p.h}:${p.min}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean, timeZone: string) {
  const key = `${locale}|${withTime}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A date for reading in the given locale. A bare ISO date is a calendar day and shown as that day
 * (formatted in UTC, where its midnight lives); an instant is shown as its Berlin date.
 */
export function formatDate(d: Date | string | null | undefined, locale: string): string {
  if (!d) return "–";
  if (typeof d === "string" && ISO_DATE.test(d)) return formatter(locale, false, "UTC").format(new Date(utc(d)));
  return formatter(locale, false, TIME_ZONE).format(new Date(d));
}

/** Date and time of an instant in Berlin time. */
export function formatDateTime(d: Date | string | null | undefined, locale: string): string {
  return d ? formatter(locale, true, TIME_ZONE).format(new Date(d)) : "–";
}
