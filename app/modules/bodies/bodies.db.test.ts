import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import type { Result } from "~/kernel/errors";
import { INTEGRATIONSRAT, STEUERUNGSGRUPPE } from "./demo";
import {
  addMembership,
  addSeatRule,
  composition,
  createBody,
  endMembership,
  findBody,
  getBody,
  listBodies,
  listMemberships,
} from "./service";

// Seat rules of bodies (issue 12, part 5; decision 0023), on Aachen's demo bodies.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

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

/** The German message a failed result shows its user. */

async function steering(tx: Tx) {
  const body = (await findBody(tx, STEUERUNGSGRUPPE))!;
  const rules = await rows<{ id: string; label: string }>(
    tx,
    sql`SELECT id, label FROM body_seat_rules WHERE body_id = ${body.id}`,
  );
  const rule = (label: string) => rules.find((r) => r.label === label)!.id;
  const org = async (name: string) =>
    (await rows<{ id: string }>(tx, sql`SELECT id FROM organisations WHERE name = ${name}`))[0]!.id;
  return { body: body.id, rule, org };
}

describe("the pages' reads", () => {
  it("list the bodies with seats taken on a day, one body with its secretariat, and the terms running on a day", async () => {
    await asAachen(async (tx) => {
      const list = await listBodies(tx, "2021-06-01");
      expect(list.map((b) => [b.name, b.kind, b.taken, b.seats])).toEqual([
        ["Ausschuss für Soziales, Integration und Demographie", "ausschuss", 0, 0],
        [INTEGRATIONSRAT, "integrationsrat", 2, 3],
        // 2 administration, 2 Arbeitsplattform, 1 migrant organisation and the chair ex officio.
        [STEUERUNGSGRUPPE, "steuerungsgruppe", 6, 12],
      ]);
      expect((await listBodies(tx, "2020-10-31")).map((b) => b.taken)).toEqual([0, 0, 0]);
      const sg = list.find((b) => b.name === STEUERUNGSGRUPPE)!;
      expect(await getBody(tx, sg.id)).toMatchObject({
        name: STEUERUNGSGRUPPE,
        secretariat: "Kommunales Integrationszentrum Aachen",
        cadence: "vierteljährlich",
        isDemo: true,
      });
      const terms = await listMemberships(tx, sg.id, "2021-06-01");
      expect(terms.map((m) => [m.role, m.personName])).toEqual([
        ["member", "Amina Beispiel"],
        ["member", "Jonas Muster"],
        ["member", "Katrin Beispiel"],
        ["member", "Maria Exempel"],
        ["member", "Thomas Probe"],
        ["deputy", "Stefan Vertretung"],
      ]);
      expect(terms.find((m) => m.role === "deputy")).toMatchObject({
        deputyOf: "Katrin Beispiel",
        seatRule: null,
        startsOn: "2020-11-01",
        endsOn: null,
      });
      expect(terms.find((m) => m.personName === "Katrin Beispiel")).toMatchObject({
        function: "chair",
        seatRule: "Verwaltung",
      });
      expect(await listMemberships(tx, sg.id, "2020-10-31")).toEqual([]);
    });
    const sg = (await asAachen((tx) => findBody(tx, STEUERUNGSGRUPPE)))!.id;
    expect(await inTenant(koeln, (tx) => getBody(tx, sg))).toBeUndefined();
    expect(await inTenant(koeln, (tx) => listBodies(tx, "2021-06-01"))).toEqual([]);
  });
});

describe("the Steuerungsgruppe's seats (seed 000:757–766)", () => {
  it("has 4 seats for the administration and the Arbeitsplattform Migration, 3 for migrant organisations and the Integrationsrat chair ex officio", async () => {
    const seats = await asAachen(async (tx) =>
      composition(tx, (await findBody(tx, STEUERUNGSGRUPPE))!.id, "2024-06-01"),
    );
    expect(seats.map((s) => [s.rule, s.seats, s.voting])).toEqual([
      ["Verwaltung", 4, true],
      ["Arbeitsplattform Migration", 4, true],
      ["Migrantenorganisationen", 3, true],
      ["Vorsitz des Integrationsrates", 1, true],
    ]);
    const exOfficio = seats.find((s) => s.rule === "Vorsitz des Integrationsrates")!;
    expect(exOfficio.holders).toEqual([
      { personName: "Leyla Beispiel", organisation: null, function: null, exOfficio: true },
    ]);
  });

  it("refuses a fifth administration member with a German message, and takes one once a term has ended", async () => {
    await asAachen(async (tx) => {
      const s = await steering(tx);
      const fb = await s.org("Fachbereich Wohnen, Soziales und Integration");
      const add = (personName: string, startsOn: string) =>
        addMembership(tx, {
          bodyId: s.body,
          personName,
          organisationId: fb,
          role: "member",
          seatRuleId: s.rule("Verwaltung"),
          startsOn,
        });
      // The demo has two; two more fill the four seats.
      expect((await add("Dritte Person", "2024-01-01")).ok).toBe(true);
      const fourth = await add("Vierte Person", "2024-01-01");
      expect(fourth.ok).toBe(true);
      const fifth = await add("Fünfte Person", "2024-03-01");
      expect(fifth.ok).toBe(false);
      expect(messageOf(fifth)).toBe(
        "Alle 4 Sitze „Verwaltung“ sind am 2024-03-01 besetzt. Zuerst eine Amtszeit beenden.",
      );
      // A term that starts before a seat frees up is refused too: on its first day all are taken.
      expect((await endMembership(tx, fourth.ok ? fourth.value.id : "", "2024-12-31")).ok).toBe(true);
      expect((await add("Fünfte Person", "2024-12-01")).ok).toBe(false);
      expect((await add("Fünfte Person", "2025-01-01")).ok).toBe(true);
      // Every day of a new term counts, not only its first: with a seat free from 2025 and taken
      // again from 2026, a term from mid-2025 is refused for 2026.
      const third = await rows<{ id: string }>(
        tx,
        sql`SELECT m.id FROM body_memberships m JOIN body_persons p ON p.id = m.person_id WHERE p.name = 'Dritte Person'`,
      );
      expect((await endMembership(tx, third[0]!.id, "2024-06-30")).ok).toBe(true);
      expect((await add("Künftige Person", "2026-01-01")).ok).toBe(true);
      expect(messageOf(await add("Zwischenperson", "2025-06-01"))).toBe(
        "Alle 4 Sitze „Verwaltung“ sind am 2026-01-01 besetzt. Zuerst eine Amtszeit beenden.",
      );
    });
  });

  it("refuses a deputy for a member of another body, and takes one for a member of this body", async () => {
    await asAachen(async (tx) => {
      const s = await steering(tx);
      const rat = (await findBody(tx, INTEGRATIONSRAT))!.id;
      const [ratMember] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM body_memberships WHERE body_id = ${rat} AND role = 'member' LIMIT 1`,
      );
      const [ownMember] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM body_memberships WHERE body_id = ${s.body} AND role = 'member' LIMIT 1`,
      );
      const deputy = (deputyOf: string) =>
        addMembership(tx, {
          bodyId: s.body,
          personName: "Vertretung Beispiel",
          role: "deputy",
          deputyOf,
          startsOn: "2024-01-01",
        });
      expect(messageOf(await deputy(ratMember.id))).toBe("Die vertretene Person ist kein Mitglied dieses Gremiums.");
      expect((await deputy(ownMember.id)).ok).toBe(true);
    });
  });

  it("gives the seats of the Arbeitsplattform only to its agencies, and administration seats only to Fachbereiche", async () => {
    await asAachen(async (tx) => {
      const s = await steering(tx);
      const migrant = await s.org("Migrantenorganisationen in Aachen (Vertretung in der Steuerungsgruppe)");
      const paritaet = await s.org("Der Paritätische – StädteRegion Aachen");
      const apm = (organisationId: string | undefined) =>
        addMembership(tx, {
          bodyId: s.body,
          personName: "Neue Person",
          organisationId,
          role: "member",
          seatRuleId: s.rule("Arbeitsplattform Migration"),
          startsOn: "2024-01-01",
        });
      expect(messageOf(await apm(migrant))).toBe(
        "Die Sitze „Arbeitsplattform Migration“ sind bestimmten Organisationen vorbehalten; diese Person vertritt keine davon.",
      );
      expect((await apm(undefined)).ok).toBe(false);
      expect((await apm(paritaet)).ok).toBe(true);
      const admin = await addMembership(tx, {
        bodyId: s.body,
        personName: "Neue Person",
        organisationId: paritaet,
        role: "member",
        seatRuleId: s.rule("Verwaltung"),
        startsOn: "2030-01-01",
      });
      expect(admin.ok).toBe(false);
    });
  });

  it("moves the ex-officio seat when the Integrationsrat gets a new chair", async () => {
    await asAachen(async (tx) => {
      const rat = (await findBody(tx, INTEGRATIONSRAT))!.id;
      const s = await steering(tx);
      const [chair] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM body_memberships WHERE body_id = ${rat} AND function = 'chair'`,
      );
      const [ratRule] = await rows<{ id: string }>(tx, sql`SELECT id FROM body_seat_rules WHERE body_id = ${rat}`);
      const newChair = () =>
        addMembership(tx, {
          bodyId: rat,
          personName: "Nadia Nachfolge",
          role: "member",
          seatRuleId: ratRule.id,
          function: "chair",
          startsOn: "2025-11-01",
        });
      // While the old chair's term runs, the office is taken.
      expect(messageOf(await newChair())).toBe(
        "Dieses Amt hat in dieser Zeit schon Leyla Beispiel. Zuerst dessen Amtszeit beenden.",
      );
      expect((await endMembership(tx, chair.id, "2025-10-31")).ok).toBe(true);
      expect((await newChair()).ok).toBe(true);
      const holder = async (day: string) =>
        (await composition(tx, s.body, day))
          .find((x) => x.rule === "Vorsitz des Integrationsrates")!
          .holders.map((h) => h.personName);
      expect(await holder("2025-10-31")).toEqual(["Leyla Beispiel"]);
      expect(await holder("2025-11-01")).toEqual(["Nadia Nachfolge"]);
      // The ex-officio seat itself is never filled by hand.
      const direct = await addMembership(tx, {
        bodyId: s.body,
        personName: "Jemand",
        role: "member",
        seatRuleId: s.rule("Vorsitz des Integrationsrates"),
        startsOn: "2026-01-01",
      });
      expect(messageOf(direct)).toContain("ist ein Sitz kraft Amtes");
    });
  });

  it("fills the last seat once when two editors take it at the same moment", async () => {
    const { body, rule } = await asAachen(async (tx) => {
      const s = await steering(tx);
      return { body: s.body, rule: s.rule("Migrantenorganisationen") };
    });
    const migrant = await asAachen(
      async (tx) =>
        (
          await rows<{ id: string }>(
            tx,
            sql`SELECT id FROM organisations WHERE name = 'Migrantenorganisationen in Aachen (Vertretung in der Steuerungsgruppe)'`,
          )
        )[0]!.id,
    );
    // One of three seats is taken in the demo; one more leaves one free for the two racers.
    const take = (personName: string) =>
      asAachen((tx) =>
        addMembership(tx, {
          bodyId: body,
          personName,
          organisationId: migrant,
          role: "member",
          seatRuleId: rule,
          startsOn: "2024-01-01",
        }),
      );
    expect((await take("Zweite Vertretung")).ok).toBe(true);
    const both = await Promise.all([take("Erste Eile"), take("Zweite Eile")]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const [n] = await asAachen((tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM body_memberships WHERE seat_rule_id = ${rule}`),
    );
    expect(n.n).toBe(3);
  });
});

describe.runIf(process.env.TEST_DB === "pg")("the seat check under concurrency on PostgreSQL", () => {
  it("makes a second editor wait for the first one's uncommitted member, then refuses the full seat", async () => {
    const rule = await asAachen(async (tx) => {
      const body = await createBody(tx, { name: "Runder Tisch Wettlauf", kind: "runder_tisch" });
      if (!body.ok) throw new Error("body");
      const r = await addSeatRule(tx, { bodyId: body.value.id, label: "Ein Sitz", seats: 1 });
      return r.ok ? { body: body.value.id, id: r.value.id } : undefined;
    });
    const take = (tx: Tx, personName: string) =>
      addMembership(tx, {
        bodyId: rule!.body,
        personName,
        role: "member",
        seatRuleId: rule!.id,
        startsOn: "2024-01-01",
      });
    let second: Promise<Result<unknown>> | undefined;
    await asAachen(async (tx) => {
      expect((await take(tx, "Zuerst")).ok).toBe(true);
      second = asAachen((tx2) => take(tx2, "Zugleich"));
      let settled = false;
      void second.finally(() => (settled = true));
      // Until the second transaction waits for this one's lock on the rule, or (without the lock)
      // has counted the seat as free and finished.
      for (;;) {
        const [w] = await rows<{ n: number }>(
          db.orm,
          sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (w.n > 0 || settled) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    expect(messageOf(await second!)).toBe(
      "Der Sitz „Ein Sitz“ ist am 2024-01-01 besetzt. Zuerst eine Amtszeit beenden.",
    );
  });
});

describe("bodies are the tenant's own", () => {
  it("are invisible to another tenant, and a seat rule cannot point into one", async () => {
    expect(await inTenant(koeln, (tx) => findBody(tx, STEUERUNGSGRUPPE))).toBeUndefined();
    const aachenBody = (await asAachen((tx) => findBody(tx, STEUERUNGSGRUPPE)))!.id;
    const koelnBody = await inTenant(koeln, async (tx) => {
      const r = await createBody(tx, { name: "Integrationsrat der Stadt Köln", kind: "integrationsrat" });
      return r.ok ? r.value.id : "";
    });
    await expect(
      inTenant(koeln, (tx) =>
        addSeatRule(tx, {
          bodyId: koelnBody,
          label: "fremd",
          seats: 1,
          exOfficio: { bodyId: aachenBody, function: "chair" },
        }),
      ),
    ).rejects.toThrow();
  });

  it("refuse a second body of the same name", async () => {
    const r = await asAachen((tx) => createBody(tx, { name: INTEGRATIONSRAT, kind: "integrationsrat" }));
    expect(messageOf(r)).toBe("Ein Gremium „Integrationsrat der Stadt Aachen“ gibt es schon.");
  });
});
