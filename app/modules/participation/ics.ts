// iCalendar (RFC 5545) for events (decision 0029): times in UTC (no VTIMEZONE needed), text escaped
// (3.3.11), lines folded at 75 octets without splitting a UTF-8 character (3.1), CRLF line ends. The
// UID is the event's id and so stays the same across downloads; DTSTAMP is the event's last change.

export interface IcsEvent {
  id: string;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  url?: string | null;
  updatedAt: Date;
}

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export const icsText = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/** 20261202T150000Z */
export const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

/** Folds a content line into lines of at most 75 octets; continuation lines start with a space. */
export function fold(line: string): string {
  const out: string[] = [];
  let cur = "",
    octets = 0,
    limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    if (octets + n > limit) {
      out.push(cur);
      cur = " ";
      octets = 1;
      limit = 75;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join("\r\n");
}

/** A calendar of the given events; `name` becomes X-WR-CALNAME. */
export function icsCalendar(events: IcsEvent[], name: string, host: string): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Teilhabe//Beteiligung//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.id}@${host}`,
      `DTSTAMP:${icsUtc(e.updatedAt)}`,
      `LAST-MODIFIED:${icsUtc(e.updatedAt)}`,
      `DTSTART:${icsUtc(e.startsAt)}`,
      `DTEND:${icsUtc(e.endsAt)}`,
      `SUMMARY:${icsText(e.title)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
