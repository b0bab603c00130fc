import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { intakeClient, openClient, writeCategory } from "../core/clients";
import { makeNetwork, type Person, type TestNetwork } from "../search/network.fixture";
import { searchName } from "../search/service";
import { uploadAttachment } from "../attachments/service";
import { commands } from "../cli";
import { listRetentionPeriods, runRetention, setRetentionPeriod } from "./service";

// Retention with a fake clock (issue 16: "Retention with a fake clock anonymises exactly the cases
// past their period"): the `today` of runRetention / cases:retention --today is the clock.

let db: Database;
let cleanup: () => Promise<void>;
let a: TestNetwork; // default periods: closed case 36 months, access events 24
let b: TestNetwork; // its own: closed case 12 months, access events 6
const ids: Record<string, string> = {};

const as = <T>(net: TestNetwork, who: Person, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: net.users[who], networkId: net.networkId, label: who }, fn);

interface Row {
  id: string;
  state: string;
  birth_month: string | null;
  postcode_prefix: string | null;
  anonymised_at: Date | null;
  docs: number;
  keys: number;
  tokens: number;
  attachments: number;
}
const state = async () =>
  Object.fromEntries(
    (
      await withSystem(db, (tx) =>
        rows<Row>(
          tx,
          sql`SELECT c.id, c.state, c.birth_month, c.postcode_prefix, c.anonymised_at,
            (SELECT count(*)::int FROM case_client_data d WHERE d.client_id = c.id) AS docs,
            (SELECT count(*)::int FROM case_keys.client_keys k WHERE k.client_id = c.id) AS keys,
            (SELECT count(*)::int FROM case_keys.search_tokens t WHERE t.client_id = c.id) AS tokens,
            (SELECT count(*)::int FROM case_attachments a WHERE a.client_id = c.id)
              + (SELECT count(*)::int FROM case_attachment_contents x WHERE x.client_id = c.id) AS attachments
          FROM case_clients c`,
        ),
      )
    ).map((r) => [Object.keys(ids).find((k) => ids[k] === r.id)!, r]),
  );

// name, network, closed on (null: active), birth date, postcode
const CASES: [string, "a" | "b", string | null, string, string | undefined][] = [
  ["due", "a", "2020-01-15", "1988-03-21", "52062"], // 36 months end 2023-01-15: due that day
  ["dayAfter", "a", "2020-01-16", "1975-11-02", "52477"], // due one day later
  ["active", "a", null, "1990-07-07", "52064"], // never, however old
  ["recent", "a", "2022-06-01", "2001-01-01", "52066"],
  ["shortPeriod", "b", "2022-01-10", "1999-12-31", undefined], // b: 12 months, due since 2023-01-10
  ["shortNotYet", "b", "2022-02-01", "1999-02-28", "52152"],
];

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  a = await makeNetwork(db, "IP Aufbewahrung A");
  b = await makeNetwork(db, "IP Aufbewahrung B");
  await withSystem(db, async (tx) => {
    must(
      await setRetentionPeriod(
        tx,
        b.networkId,
        { recordType: "closed_case", months: "12" },
        { userId: null, label: "test" },
      ),
    );
    must(
      await setRetentionPeriod(
        tx,
        b.networkId,
        { recordType: "access_events", months: 6 },
        { userId: null, label: "test" },
      ),
    );
  });
  for (const [name, n, closedOn, birthDate, postcode] of CASES) {
    const net = n === "a" ? a : b;
    ids[name] = await as(net, "jobcenter", async (tx, me) => {
      const { id } = must(
        await intakeClient(tx, me, {
          identity: {
            familyName: `Sentinel${name}`,
            givenNames: "Fiktiv Amina",
            birthDate,
            postcode,
            phone: "0241 999 1234",
          },
          intakeDate: "2019-05-02",
        }),
      );
      must(await writeCategory(tx, me, id, "notes", { text: "Vermerk" }));
      must(
        await uploadAttachment(tx, me, { clientId: id, name: `Pass_${name}.pdf`, bytes: Buffer.from("%PDF-1.4 x") }),
      );
      return id;
    });
    if (closedOn)
      await withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_clients SET state = 'closed', closed_on = ${closedOn} WHERE id = ${ids[name]}`),
      );
  }
});
afterAll(() => cleanup());

describe("retention periods", () => {
  it("lists a network's own periods and the defaults, and refuses nonsense", async () => {
    await withSystem(db, async (tx) => {
      expect(await listRetentionPeriods(tx, a.networkId)).toEqual([
        { recordType: "closed_case", months: 36, isDefault: true },
        { recordType: "access_events", months: 24, isDefault: true },
      ]);
      expect(await listRetentionPeriods(tx, b.networkId)).toEqual([
        { recordType: "closed_case", months: 12, isDefault: false },
        { recordType: "access_events", months: 6, isDefault: false },
      ]);
      for (const bad of [
        { recordType: "closed_case", months: 3 },
        { recordType: "notes", months: 12 },
        { months: 12.5 },
      ])
        expect((await setRetentionPeriod(tx, a.networkId, bad, { userId: null, label: "t" })).ok).toBe(false);
    });
  });
});

describe("the retention run with a fake clock", () => {
  it("anonymises exactly the cases past their period, keeping birth month and postcode prefix", async () => {
    const before = await state();
    const r = await runRetention(db, { today: "2023-01-15" });
    expect(r).toMatchObject({ today: "2023-01-15", anonymised: 2, withoutIdentity: 0 });
    const s = await state();
    const anonymised = Object.keys(s).filter((k) => s[k].state === "anonymised");
    expect(anonymised.sort()).toEqual(["due", "shortPeriod"]);
    const gone = { docs: 0, keys: 0, tokens: 0, attachments: 0 };
    expect(s.due).toMatchObject({ birth_month: "1988-03", postcode_prefix: "520", ...gone });
    expect(s.shortPeriod).toMatchObject({ birth_month: "1999-12", postcode_prefix: null, ...gone });
    for (const k of ["dayAfter", "active", "recent", "shortNotYet"]) expect(s[k], k).toEqual(before[k]);
    expect(s.dayAfter).toMatchObject({ docs: 2, keys: 1, attachments: 2 });
    expect(s.dayAfter.tokens).toBeGreaterThan(0);
  });

  it("logs the removal content-free, leaves the metadata the aggregates count, and nothing to read", async () => {
    const [ev] = await withSystem(db, (tx) =>
      rows<{ staff_id: string | null; categories: string[]; action: string }>(
        tx,
        sql`SELECT staff_id, categories, action FROM case_access_events WHERE client_id = ${ids.due} AND reason = 'retention'`,
      ),
    );
    expect(ev).toEqual({ staff_id: null, categories: ["attachments", "identity", "notes"], action: "write" });
    const meta = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_clients WHERE network_id = ${a.networkId}`),
    );
    expect(meta[0].n).toBe(4);
    const opened = must(await as(a, "jobcenter", (tx, me) => openClient(tx, me, ids.due)));
    expect(opened.client.state).toBe("anonymised");
    expect(opened.documents).toEqual({});
    expect(must(await as(a, "sozialamt", (tx, me) => searchName(tx, me, { name: "Fiktiv Sentineldue" })))).toEqual([]);
    expect(
      must(await as(a, "sozialamt", (tx, me) => searchName(tx, me, { name: "Amina Sentineldayafter" }))),
    ).toHaveLength(1);
  });

  it("is idempotent, and takes the next case on the day its period ends (CLI --today)", async () => {
    const first = (await state()).due.anonymised_at;
    expect(await runRetention(db, { today: "2023-01-15" })).toMatchObject({ anonymised: 0 });
    expect((await state()).due.anonymised_at).toEqual(first);
    const log: string[] = [];
    await commands["cases:retention"].run(db, { values: { today: "2023-01-16" }, positionals: [] }, (m) => log.push(m));
    expect(log.join("\n")).toContain("1 Fall/Fälle anonymisiert");
    const s = await state();
    expect(s.dayAfter).toMatchObject({ state: "anonymised", birth_month: "1975-11", postcode_prefix: "524", docs: 0 });
    expect(s.active.state).toBe("active");
    expect(s.recent.state).toBe("closed");
    await expect(
      commands["cases:retention"].run(db, { values: { today: "16.01.2023" }, positionals: [] }, () => {}),
    ).rejects.toThrow(/JJJJ-MM-TT/);
  });
});

describe("the access log's retention", () => {
  const at = (net: TestNetwork, when: string) =>
    withSystem(db, (tx) =>
      rows<{ id: number }>(
        tx,
        sql`INSERT INTO case_access_events (network_id, client_id, action, reason, at)
          VALUES (${net.networkId}, ${ids.active}, 'read', 'open_case', ${when}::timestamptz) RETURNING id`,
      ),
    ).then((r) => r[0].id);
  const exists = (id: number) =>
    withSystem(db, (tx) => rows(tx, sql`SELECT 1 FROM case_access_events WHERE id = ${id}`)).then(
      (r) => r.length === 1,
    );

  it("deletes events past their network's period and nothing younger", async () => {
    const old = await at(a, "2020-12-01T10:00:00Z"); // a: 24 months → gone on 2023-01-15
    const young = await at(a, "2021-02-01T10:00:00Z");
    const bOld = await at(b, "2022-06-01T10:00:00Z"); // b: 6 months → gone
    const bYoung = await at(b, "2022-08-01T10:00:00Z");
    const r = await runRetention(db, { today: "2023-01-15" });
    expect(r.accessEventsDeleted).toBe(2);
    expect([await exists(old), await exists(young), await exists(bOld), await exists(bYoung)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  it("stays append-only for everyone else: no update, no delete outside the run", async () => {
    const young = await at(a, "2021-06-01T10:00:00Z");
    await expect(
      withSystem(db, (tx) => tx.execute(sql`DELETE FROM case_access_events WHERE id = ${young}`)),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    // Even with the retention's marker, nothing younger than the cut-off it names.
    await expect(
      withSystem(db, async (tx) => {
        await tx.execute(sql`SELECT set_config('app.case_retention', ${`${a.networkId}/2021-01-01`}, true)`);
        await tx.execute(sql`DELETE FROM case_access_events WHERE id = ${young}`);
      }),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    // The request role sees no row to delete.
    const gone = await as(a, "jobcenter", (tx) => rows(tx, sql`DELETE FROM case_access_events RETURNING 1`));
    expect(gone).toEqual([]);
    expect(await exists(young)).toBe(true);
  });

  it("writes one audit entry per network with counts only", async () => {
    const audit = await withSystem(db, (tx) =>
      rows<{ t: string }>(
        tx,
        sql`SELECT row_to_json(x)::text AS t FROM audit_log x WHERE entity LIKE 'case_retention%'`,
      ),
    );
    expect(audit.length).toBeGreaterThan(2);
    expect(audit.filter((x) => /sentinel|amina|1988-03|0241/i.test(x.t))).toEqual([]);
  });
});
