import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { getT } from "~/kernel/i18n";
import { AUSSCHUSS, INTEGRATIONSRAT, STEUERUNGSGRUPPE } from "./demo";
import { findBody } from "./service";
import {
  addConsultation,
  adoptingDecision,
  ConsultationInput,
  createPaper,
  deletePaper,
  getPaper,
  listPapers,
  recordOutcome,
} from "./papers";
import {
  addAgendaItem,
  addGuest,
  createMeeting,
  getMeeting,
  listMeetings,
  MeetingInput,
  recordItemResult,
  setAttendance,
  setMeetingState,
  setMinutes,
} from "./meetings";

// Papers with their Beratungsfolge, meetings with agenda, minutes and attendance (decision 0024),
// on Aachen's demo data.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
const de = getT("de");
class Rollback extends Error {}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
const asAachen = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(aachen, fn);
const editionOf = async (tx: Tx) =>
  (await rows<{ id: string }>(tx, sql`SELECT id FROM concept_editions ORDER BY created_at LIMIT 1`))[0].id;

describe("the demo", () => {
  it("has the concept's Vorlage as a paper whose Beratungsfolge names the register's bodies", async () => {
    await asAachen(async (tx) => {
      const head = (await listPapers(tx)).find((p) => p.number === "FB 56/0043/WP17")!;
      expect(head.editionId).toBe(await editionOf(tx));
      const paper = (await getPaper(tx, head.id))!;
      expect(paper.title).toBe("Neuaufstellung des Integrationskonzeptes der Stadt Aachen - Sachstand");
      expect(
        paper.consultations.map((c) => [c.meetsOn, c.bodyName, c.bodyShort, c.body, c.competence, c.result]),
      ).toEqual([
        ["2017-03-29", "Integrationsrat", "INT", INTEGRATIONSRAT, "kenntnisnahme", null],
        ["2017-04-27", AUSSCHUSS, "SGA", AUSSCHUSS, "entscheidung", null],
      ]);
      expect(paper.consultations[0].bodyId).toBe((await findBody(tx, INTEGRATIONSRAT))!.id);
      // Nothing recorded adopts the edition yet.
      expect(await adoptingDecision(tx, head.editionId!)).toBeUndefined();
    });
  });

  it("has the seeds' two other real Vorlagen with their Beratungsfolgen as the first pages give them", async () => {
    await asAachen(async (tx) => {
      const heads = await listPapers(tx);
      const steps = async (number: string) => {
        const paper = (await getPaper(tx, heads.find((p) => p.number === number)!.id))!;
        return paper.consultations.map((c) => [c.meetsOn, c.bodyShort, c.body, c.competence]);
      };
      expect(await steps("FB 50/0144/WP17")).toEqual([
        ["2016-04-13", "INT", INTEGRATIONSRAT, "kenntnisnahme"],
        ["2016-04-27", "AAWW", "Ausschuss für Arbeit, Wirtschaft und Wissenschaft", "kenntnisnahme"],
        ["2016-04-28", "SGA", AUSSCHUSS, "kenntnisnahme"],
      ]);
      expect(await steps("FB 56/0065/WP18")).toEqual([
        ["2021-06-16", "INT", INTEGRATIONSRAT, "kenntnisnahme"],
        ["2021-06-24", "SGA", AUSSCHUSS, "kenntnisnahme"],
      ]);
    });
  });

  it("has two meetings of the Steuerungsgruppe, the held one with agenda, minutes and attendance", async () => {
    await asAachen(async (tx) => {
      const sg = (await findBody(tx, STEUERUNGSGRUPPE))!.id;
      const list = await listMeetings(tx, sg);
      expect(list.map((m) => [m.meetsOn, m.state, m.isDemo])).toEqual([
        ["2026-06-11", "planned", true],
        ["2026-03-12", "held", true],
      ]);
      const m = (await getMeeting(tx, list[1].id, sg))!;
      expect(m.items.map((i) => [i.number, i.result])).toEqual([
        ["1", null],
        ["2", "kenntnisnahme"],
        ["3", null],
      ]);
      expect(m.minutes).toContain("Beispiel");
      expect(m.attendance.find((a) => a.personName === "Jonas Muster")?.status).toBe("excused");
      expect(m.attendance.find((a) => a.personName === "Stefan Vertretung")?.status).toBeNull();
      expect(m.guests.map((g) => g.name)).toEqual(["Gast aus dem Jobcenter (Beispiel)"]);
      // Of another body, the meeting is not found.
      expect(await getMeeting(tx, list[1].id, (await findBody(tx, AUSSCHUSS))!.id)).toBeUndefined();
    });
  });
});

describe("papers", () => {
  it("refuse a number taken, a consultation without a body, and keep a deleted paper findable", async () => {
    await asAachen(async (tx) => {
      const twice = await createPaper(tx, {
        number: "FB 56/0043/WP17",
        title: "Noch einmal",
        submittedOn: "2026-01-05",
        leadOffice: "FB 56",
      });
      expect(messageOf(twice)).toBe("Eine Vorlage mit der Nummer FB 56/0043/WP17 gibt es schon.");
      const p = must(
        await createPaper(tx, {
          number: "FB 56/0500/WP18",
          title: "Test",
          submittedOn: "2026-01-05",
          leadOffice: "FB 56",
        }),
      ).id;
      const nobody = ConsultationInput.safeParse({ competence: "entscheidung" });
      expect(nobody.success ? "" : de(nobody.error.issues[0].message)).toBe(
        "Bitte ein Gremium aus dem Register wählen oder seinen Namen angeben.",
      );
      must(await addConsultation(tx, p, { bodyName: "Rat der Stadt", competence: "entscheidung" }));
      expect((await getPaper(tx, p))!.consultations.map((c) => [c.body, c.position])).toEqual([["Rat der Stadt", 0]]);
      must(await deletePaper(tx, p));
      expect((await listPapers(tx)).some((x) => x.id === p)).toBe(false);
      expect(await getPaper(tx, p)).toBeUndefined();
      const [kept] = await rows<{ deleted: boolean }>(
        tx,
        sql`SELECT deleted_at IS NOT NULL AS deleted FROM body_papers WHERE id = ${p}`,
      );
      expect(kept.deleted).toBe(true);
      expect(messageOf(await deletePaper(tx, p))).toBe("Diese Vorlage gibt es nicht.");
    });
  });

  it("an edition is adopted by a recorded decision: competence Entscheidung, result beschlossen", async () => {
    await asAachen(async (tx) => {
      const edition = await editionOf(tx);
      const paper = (await getPaper(tx, (await listPapers(tx)).find((p) => p.number === "FB 56/0043/WP17")!.id))!;
      const [int, sga] = paper.consultations;
      // Taking note in the Integrationsrat adopts nothing, nor does the Ausschuss postponing it.
      must(await recordOutcome(tx, int.id, { result: "kenntnisnahme", decidedOn: "2017-03-29" }));
      must(await recordOutcome(tx, sga.id, { result: "vertagt", decidedOn: "2017-04-27" }));
      expect(await adoptingDecision(tx, edition)).toBeUndefined();
      must(
        await recordOutcome(tx, sga.id, {
          result: "beschlossen",
          decidedOn: "2017-05-18",
          resolution: "Der Ausschuss beschließt das Integrationskonzept.",
        }),
      );
      expect(await adoptingDecision(tx, edition)).toEqual({
        paperId: paper.id,
        number: "FB 56/0043/WP17",
        title: paper.title,
        consultationId: sga.id,
        body: AUSSCHUSS,
        decidedOn: "2017-05-18",
        result: "beschlossen",
        resolution: "Der Ausschuss beschließt das Integrationskonzept.",
      });
      // Only a consultation of the paper named, when one is named.
      const other = must(
        await createPaper(tx, {
          number: "FB 56/0501/WP18",
          title: "Andere",
          submittedOn: "2026-01-05",
          leadOffice: "FB 56",
        }),
      ).id;
      expect(messageOf(await recordOutcome(tx, sga.id, { result: "abgelehnt", decidedOn: "2017-05-18" }, other))).toBe(
        "Diesen Beratungsschritt gibt es nicht.",
      );
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  });
});

describe("meetings", () => {
  it("an agenda item treating a consultation records its outcome there, on the meeting day (one write path)", async () => {
    await asAachen(async (tx) => {
      const sga = (await findBody(tx, AUSSCHUSS))!.id;
      const edition = await editionOf(tx);
      const paperId = must(
        await createPaper(tx, {
          number: "FB 56/0502/WP18",
          title: "Fortschreibung des Integrationskonzepts",
          submittedOn: "2026-02-01",
          leadOffice: "Fachbereich Wohnen, Soziales und Integration",
          editionId: edition,
          consultations: [
            { bodyName: "Integrationsrat", competence: "vorberatung" },
            { bodyId: sga, competence: "entscheidung" },
          ],
        }),
      ).id;
      const [int, dec] = (await getPaper(tx, paperId))!.consultations;
      const meeting = must(await createMeeting(tx, { bodyId: sga, meetsOn: "2026-03-05", startsAt: "17:00" })).id;
      // The Integrationsrat's step is linked to it by the registry, not the Ausschuss's agenda.
      const rat = (await findBody(tx, INTEGRATIONSRAT))!.id;
      await tx.execute(sql`UPDATE body_consultations SET body_id = ${rat} WHERE id = ${int.id}`);
      expect(
        messageOf(await addAgendaItem(tx, meeting, { number: "4", title: "Vorlage", consultationId: int.id })),
      ).toBe("Dieser Beratungsschritt gehört zu einem anderen Gremium.");
      const item = must(
        await addAgendaItem(tx, meeting, { number: "4.1", title: "Fortschreibung", consultationId: dec.id }),
      ).id;
      expect(
        messageOf(await addAgendaItem(tx, meeting, { number: "4.2", title: "Noch einmal", consultationId: dec.id })),
      ).toBe("Dieser Beratungsschritt wird schon in einem Tagesordnungspunkt behandelt.");
      must(
        await recordItemResult(tx, meeting, item, { result: "geaendert_beschlossen", resolution: "Mit Änderungen." }),
      );
      const after = (await getPaper(tx, paperId))!.consultations[1];
      expect([after.result, after.decidedOn, after.resolution, after.meetingId, after.agendaNumber]).toEqual([
        "geaendert_beschlossen",
        "2026-03-05",
        "Mit Änderungen.",
        meeting,
        "4.1",
      ]);
      // The item keeps no result of its own (the database refuses one beside a consultation).
      const [own] = await rows<{ result: string | null }>(
        tx,
        sql`SELECT result FROM body_agenda_items WHERE id = ${item}`,
      );
      expect(own.result).toBeNull();
      await expect(
        tx.transaction((sp) => sp.execute(sql`UPDATE body_agenda_items SET result = 'abgelehnt' WHERE id = ${item}`)),
      ).rejects.toThrow();
      expect((await adoptingDecision(tx, edition))?.number).toBe("FB 56/0502/WP18");
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  });

  it("records an item without a paper, minutes, state and attendance of members valid on the day", async () => {
    await asAachen(async (tx) => {
      const sg = (await findBody(tx, STEUERUNGSGRUPPE))!.id;
      const rat = (await findBody(tx, INTEGRATIONSRAT))!.id;
      const early = MeetingInput.safeParse({ bodyId: sg, meetsOn: "2026-09-10", startsAt: "15:00", endsAt: "14:00" });
      expect(early.success ? "" : de(early.error.issues[0].message)).toBe(
        "Das Ende der Sitzung liegt vor ihrem Beginn.",
      );
      const m = must(await createMeeting(tx, { bodyId: sg, meetsOn: "2026-09-10", location: "Rathaus" })).id;
      const item = must(await addAgendaItem(tx, m, { number: "1", title: "Bericht" })).id;
      must(await recordItemResult(tx, m, item, { result: "kenntnisnahme", resolution: "Zur Kenntnis genommen." }));
      must(await setMinutes(tx, m, "Protokoll der Sitzung"));
      must(await setMinutes(tx, m, "Zu TOP 1", item));
      must(await setMeetingState(tx, m, "held"));
      expect(messageOf(await setMeetingState(tx, m, "vorbei"))).toBe(
        "Bitte einen Stand der Sitzung wählen: geplant, abgehalten oder abgesagt.",
      );
      const before = (await getMeeting(tx, m))!;
      const member = before.attendance.find((a) => a.personName === "Katrin Beispiel")!;
      const ratMember = (
        await rows<{ id: string }>(tx, sql`SELECT id FROM body_memberships WHERE body_id = ${rat} LIMIT 1`)
      )[0].id;
      expect(messageOf(await setAttendance(tx, m, [{ membershipId: ratMember, status: "present" }]))).toBe(
        "Diese Person ist am Sitzungstag kein Mitglied dieses Gremiums.",
      );
      must(await setAttendance(tx, m, [{ membershipId: member.membershipId, status: "present" }]));
      must(await setAttendance(tx, m, [{ membershipId: member.membershipId, status: "excused" }]));
      must(await addGuest(tx, m, "Frau Gast"));
      expect(messageOf(await addGuest(tx, m, " "))).toBe("Bitte ausfüllen.");
      const after = (await getMeeting(tx, m))!;
      expect([after.state, after.minutes, after.items[0].result, after.items[0].minutes]).toEqual([
        "held",
        "Protokoll der Sitzung",
        "kenntnisnahme",
        "Zu TOP 1",
      ]);
      expect(after.attendance.find((a) => a.membershipId === member.membershipId)?.status).toBe("excused");
      expect(after.guests.map((g) => [g.name, g.status])).toEqual([["Frau Gast", "present"]]);
      // A membership that ended before the day is not on the list.
      await tx.execute(sql`UPDATE body_memberships SET ends_on = '2026-01-01' WHERE id = ${member.membershipId}`);
      expect((await getMeeting(tx, m))!.attendance.some((a) => a.membershipId === member.membershipId)).toBe(false);
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  });

  it("another tenant sees none of it and cannot write to it", async () => {
    const [paperId, meetingId] = await asAachen(async (tx) => {
      const p = (await listPapers(tx))[0].id;
      const sg = (await findBody(tx, STEUERUNGSGRUPPE))!.id;
      return [p, (await listMeetings(tx, sg))[0].id];
    });
    await inTenant(koeln, async (tx) => {
      expect(await listPapers(tx)).toEqual([]);
      expect(await getPaper(tx, paperId)).toBeUndefined();
      expect(await getMeeting(tx, meetingId)).toBeUndefined();
      expect(messageOf(await addAgendaItem(tx, meetingId, { number: "1", title: "X" }))).toBe(
        "Diese Sitzung gibt es nicht.",
      );
      expect(messageOf(await addGuest(tx, meetingId, "X"))).toBe("Diese Sitzung gibt es nicht.");
      expect(messageOf(await setMinutes(tx, meetingId, "X"))).toBe("Diese Sitzung gibt es nicht.");
    });
  });
});
