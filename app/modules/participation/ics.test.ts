import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { fold, icsCalendar, icsText, type IcsEvent } from "./ics";

// The calendar file (decision 0029) against Mozilla's parser: every field comes back as written.
const EVENT: IcsEvent = {
  id: "6a1b3c9e-2f44-4f7b-9d53-0c8f6f2b1a77",
  title: "Fachforum „Arbeit, Weiterbildung; Sprache“ – Teil 1\\2",
  description:
    "Zweite Zeile folgt.\nHier: Dolmetschen in Arabisch, Türkisch, Ukrainisch; Kinderbetreuung vor Ort. " +
    "Ein langer Text, damit die Zeile umbrochen wird: äöüß€ ".repeat(4),
  startsAt: new Date("2027-03-10T17:00:00Z"),
  endsAt: new Date("2027-03-10T19:30:00Z"),
  location: "Haus der Integration, Mustergasse 1, 52062 Aachen",
  url: "https://teilhabe.example.org/t/aachen/veranstaltungen/6a1b3c9e-2f44-4f7b-9d53-0c8f6f2b1a77",
  updatedAt: new Date("2026-12-01T08:15:00Z"),
};

describe("the ICS file", () => {
  const file = icsCalendar(
    [EVENT, { ...EVENT, id: "b", title: "Zweiter Termin", description: null }],
    "Fachforum",
    "h",
  );

  it("has CRLF line ends and no line longer than 75 octets", () => {
    expect(file.endsWith("\r\n")).toBe(true);
    expect(file.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = file.split("\r\n").slice(0, -1);
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
  });

  it("parses with ical.js and gives back every field", () => {
    const cal = new ICAL.Component(ICAL.parse(file));
    const events = cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(2);
    const e = events[0];
    expect(e.uid).toBe(`${EVENT.id}@h`);
    expect(e.summary).toBe(EVENT.title);
    expect(e.description).toBe(EVENT.description);
    expect(e.location).toBe(EVENT.location);
    expect(e.startDate.toJSDate().toISOString()).toBe(EVENT.startsAt.toISOString());
    expect(e.endDate.toJSDate().toISOString()).toBe(EVENT.endsAt.toISOString());
    expect(e.component.getFirstPropertyValue("dtstamp")!.toString()).toBe("2026-12-01T08:15:00Z");
    expect(e.component.getFirstPropertyValue("url")).toBe(EVENT.url);
    expect(events[1].description).toBeNull();
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
  });

  it("escapes backslash, semicolon, comma and line breaks, and folds without splitting a character", () => {
    expect(icsText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    const folded = fold(`DESCRIPTION:${"€".repeat(40)}`).split("\r\n");
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 58]); // 12 + 21 × 3 octets, then a space and 19 × 3
    expect(folded.join("").replace(/ /g, "")).toBe(`DESCRIPTION:${"€".repeat(40)}`);
  });
});
