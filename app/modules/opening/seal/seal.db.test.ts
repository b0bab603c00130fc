import "./strings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { todayBerlin } from "~/kernel/dates";
import { commands } from "../cli";
import { dueSealReminders, queueSealReminders } from "./reminders";
import {
  addSealMilestone,
  agreeSealMilestones,
  awardSeal,
  completeSealMilestone,
  createSealCase,
  getSealCase,
  listSealCases,
  sealHolders,
  sealState,
} from "./service";

// The seal "Interkulturell orientiert" (issue 15 item 7): the lifecycle's rules, validity and expiry
// computed from the award date, and the re-certification reminders (once per award, mail in the outbox).
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, kreis: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, "staedteregion-aachen": kreis } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

/** A case with two milestones, as the seal partners agree them. */
async function newCase(tx: Tx, name = "Gemeinde Testdorf", contactEmail?: string) {
  const { id } = must(await createSealCase(tx, { applicantName: name, appliedOn: "2018-01-10", contactEmail }));
  const a = must(await addSealMilestone(tx, { caseId: id, title: "Leitbild ergänzt", dueOn: "2018-05-01" }));
  const b = must(await addSealMilestone(tx, { caseId: id, title: "Schulung der Führungskräfte", dueOn: "2018-08-01" }));
  return { id, milestones: [a.id, b.id] };
}

describe("the seal's lifecycle", () => {
  it("goes application → milestones agreed → award, refusing each step out of order", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const { id: empty } = must(await createSealCase(tx, { applicantName: "Leer", appliedOn: "2018-01-10" }));
      expect(messageOf(await agreeSealMilestones(tx, { id: empty, on: "2018-02-01" }))).toBe(
        "Bitte zuerst mindestens einen Meilenstein eintragen.",
      );
      const c = await newCase(tx);
      expect(messageOf(await awardSeal(tx, { id: c.id, on: "2018-09-01" }))).toBe(
        "Das Siegel kann erst verliehen werden, wenn die Meilensteine vereinbart sind.",
      );
      expect(messageOf(await agreeSealMilestones(tx, { id: c.id, on: "2017-12-31" }))).toBe(
        "Das Datum liegt vor der Bewerbung.",
      );
      must(await agreeSealMilestones(tx, { id: c.id, on: "2018-02-01" }));
      expect(messageOf(await agreeSealMilestones(tx, { id: c.id, on: "2018-02-02" }))).toBe(
        "Die Meilensteine sind schon vereinbart.",
      );
      expect((await getSealCase(tx, c.id, "2018-03-01"))!.state).toBe("agreed");
      // One milestone open: no award.
      must(await completeSealMilestone(tx, { id: c.milestones[0], on: "2018-04-20" }));
      expect(messageOf(await awardSeal(tx, { id: c.id, on: "2018-09-15" }))).toBe(
        "Das Siegel kann noch nicht verliehen werden: 1 Meilenstein(e) sind an diesem Tag nicht erreicht.",
      );
      must(await completeSealMilestone(tx, { id: c.milestones[1], on: "2018-08-30" }));
      // Done after the award day counts as open on that day.
      expect(messageOf(await awardSeal(tx, { id: c.id, on: "2018-08-29" }))).toMatch(/1 Meilenstein/);
      must(await awardSeal(tx, { id: c.id, on: "2018-09-15" }));
      const got = (await getSealCase(tx, c.id, "2018-10-01"))!;
      expect(got.state).toBe("awarded");
      expect(got.awards).toEqual([expect.objectContaining({ awardedOn: "2018-09-15", validUntil: "2020-09-14" })]);
      // Audited: each step is in the log.
      const log = await rows<{ action: string }>(
        tx,
        sql`SELECT action FROM audit_log WHERE entity = 'opening_seal_case' AND entity_id = ${c.id}::text ORDER BY at`,
      );
      expect(log.map((l) => l.action)).toEqual(["create", "status", "award"]);
    });
  });

  it("is valid for two years from the award day and then expires by the calendar alone", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const c = await newCase(tx);
      must(await agreeSealMilestones(tx, { id: c.id, on: "2018-02-01" }));
      for (const m of c.milestones) must(await completeSealMilestone(tx, { id: m, on: "2018-08-01" }));
      must(await awardSeal(tx, { id: c.id, on: "2018-09-15" }));
      const state = async (day: string) => (await getSealCase(tx, c.id, day))!.state;
      expect(await state("2020-06-16")).toBe("awarded");
      expect(await state("2020-06-17")).toBe("reminder_due");
      expect(await state("2020-09-14")).toBe("reminder_due");
      expect(await state("2020-09-15")).toBe("expired");
      expect((await sealHolders(tx, "2020-09-14")).map((h) => h.name)).toContain("Gemeinde Testdorf");
      expect((await sealHolders(tx, "2020-09-15")).map((h) => h.name)).not.toContain("Gemeinde Testdorf");
      // Re-certification: after the last award, with a new milestone done; valid two years again.
      expect(messageOf(await awardSeal(tx, { id: c.id, on: "2018-09-15" }))).toBe(
        "Eine Re-Zertifizierung muss nach der letzten Verleihung liegen.",
      );
      const m = must(await addSealMilestone(tx, { caseId: c.id, title: "Sprachmittlerpool", dueOn: "2020-06-01" }));
      expect(messageOf(await awardSeal(tx, { id: c.id, on: "2020-09-01" }))).toMatch(/1 Meilenstein/);
      must(await completeSealMilestone(tx, { id: m.id, on: "2020-05-20" }));
      must(await awardSeal(tx, { id: c.id, on: "2020-09-01" }));
      expect(await state("2020-09-15")).toBe("awarded");
      expect(await state("2022-09-01")).toBe("expired");
      const [h] = (await sealHolders(tx, "2021-01-01")).filter((x) => x.name === "Gemeinde Testdorf");
      expect(h).toEqual({
        name: "Gemeinde Testdorf",
        firstAwardedOn: "2018-09-15",
        awardedOn: "2020-09-01",
        validUntil: "2022-08-31",
        isDemo: false,
      });
    });
  });

  it("computes the state from the dates (pure rule)", () => {
    expect(sealState({ milestonesAgreedOn: null, validUntil: null }, "2020-01-01")).toBe("applied");
    expect(sealState({ milestonesAgreedOn: "2019-01-01", validUntil: null }, "2020-01-01")).toBe("agreed");
    expect(sealState({ milestonesAgreedOn: "2019-01-01", validUntil: "2021-01-01" }, "2020-01-01")).toBe("awarded");
    expect(sealState({ milestonesAgreedOn: "2019-01-01", validUntil: "2020-03-01" }, "2020-01-01")).toBe(
      "reminder_due",
    );
    expect(sealState({ milestonesAgreedOn: "2019-01-01", validUntil: "2019-12-31" }, "2020-01-01")).toBe("expired");
  });

  it("takes either an organisation of the register or a free name, and no other tenant's organisation", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const [org] = await rows<{ id: string }>(tx, sql`SELECT id FROM organisations WHERE name = 'IHK Aachen'`);
      const { id } = must(await createSealCase(tx, { organisationId: org.id, appliedOn: "2024-01-01" }));
      expect((await getSealCase(tx, id, "2024-02-01"))!.name).toBe("IHK Aachen");
      await expect(createSealCase(tx, { appliedOn: "2024-01-01" })).rejects.toThrow();
    });
    const [other] = await withTenant(db, { tenantId: kreis, actor: { userId: null, label: "Test" } }, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM organisations LIMIT 1`),
    );
    await expect(
      rolledBack(db, aachen, async (tx) => {
        await createSealCase(tx, { organisationId: other.id, appliedOn: "2024-01-01" });
      }),
    ).rejects.toThrow();
  });
});

describe("re-certification reminders", () => {
  it("lists the due awards, queues each once with a mail where there is an address, and the CLI runs them", async () => {
    const ids: string[] = [];
    await withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, async (tx) => {
      for (const [name, email] of [
        ["Reminder mit Adresse", "siegel@example.org"],
        ["Reminder ohne Adresse", undefined],
      ] as const) {
        const c = await newCase(tx, name, email);
        must(await agreeSealMilestones(tx, { id: c.id, on: "2018-02-01" }));
        for (const m of c.milestones) must(await completeSealMilestone(tx, { id: m, on: "2018-08-01" }));
        must(await awardSeal(tx, { id: c.id, on: "2018-09-15" }));
        ids.push(c.id);
      }
    });
    const due = (day: string) =>
      withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, (tx) => dueSealReminders(tx, day));
    expect(await due("2020-06-16")).toEqual([]);
    expect((await due("2020-06-17")).map((r) => r.name)).toEqual(["Reminder mit Adresse", "Reminder ohne Adresse"]);
    expect(await due("2020-09-15")).toEqual([]); // expired: too late for a reminder

    const out: string[] = [];
    await commands["opening:seal-reminders"].run(db, { values: { date: "2020-07-01" }, positionals: [] }, (m) =>
      out.push(m),
    );
    expect(out.join("\n")).toMatch(/aachen: 2/);
    expect(await due("2020-07-02")).toEqual([]);
    // Once: a second run queues nothing more.
    expect(await queueSealReminders(db, "2020-07-02")).toEqual({});
    const mails = await rows<{ recipient: string; subject: string; body: string }>(
      db.orm,
      sql`SELECT recipient, subject, body FROM outbox WHERE recipient = 'siegel@example.org'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Siegel „Interkulturell orientiert“: Re-Zertifizierung");
    expect(mails[0].body).toContain("Reminder mit Adresse gilt bis zum 14.09.2020");
    const c = await withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, (tx) =>
      listSealCases(tx, "2020-07-02"),
    );
    expect(c.filter((x) => ids.includes(x.id)).map((x) => [x.state, x.remindedOn])).toEqual([
      ["reminder_due", "2020-07-01"],
      ["reminder_due", "2020-07-01"],
    ]);
  });
});

describe("the demo", () => {
  it("runs the seal in the StädteRegion Aachen (a Kreis, as the Rhein-Sieg-Kreis in the seed) with invented cases in every state", async () => {
    const cases = await withTenant(db, { tenantId: kreis, actor: { userId: null, label: "Test" } }, (tx) =>
      listSealCases(tx, todayBerlin()),
    );
    expect(cases.every((c) => c.isDemo && c.name.endsWith("(Beispiel)"))).toBe(true);
    expect(new Set(cases.map((c) => c.state))).toEqual(
      new Set(["applied", "agreed", "awarded", "reminder_due", "expired"]),
    );
  });
});
