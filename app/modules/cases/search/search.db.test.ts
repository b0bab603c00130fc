import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { resetConfig } from "~/kernel/config";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { deleteClient, intakeClient, writeCategory } from "../core/clients";
import { resetKeyring } from "../core/keys";
import { rotateClientKeys } from "../core/rotate";
import type { Tx } from "~/kernel/db/client";
import { makeNetwork, type Person, type TestNetwork } from "./network.fixture";
import { searchName } from "./service";
import { storedCodes } from "./phonetic";

// The name search over the blind index (migration 0860, search/service.ts): spelling variants are
// found, other names not; only case workers and leads may search; every client found is logged; the
// token table holds neither a name nor a plain phonetic code; deletion and rotation behave.

let db: Database;
let cleanup: () => Promise<void>;
let net: TestNetwork;
const ids: Record<string, string> = {};

const as = <T>(who: Person, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: net.users[who], networkId: net.networkId, label: who }, fn);
const search = (who: Person, name: string) => as(who, (tx, me) => searchName(tx, me, { name }));
const tokenCount = (clientId: string) =>
  withSystem(db, (tx) =>
    rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_keys.search_tokens WHERE client_id = ${clientId}`),
  ).then((r) => r[0].n);
const searchEvents = (clientId: string) =>
  withSystem(db, (tx) =>
    rows<{ staff_id: string; categories: string[] }>(
      tx,
      sql`SELECT staff_id, categories FROM case_access_events
        WHERE client_id = ${clientId} AND action = 'search' AND reason = 'search_hit'`,
    ),
  );

const CLIENTS = {
  hassan: { who: "jobcenter", familyName: "Al-Hassan", givenNames: "Mohammed", postcode: "52062" },
  haddad: { who: "sozialamt", familyName: "Haddad", givenNames: "Yusuf", postcode: "52477" },
  mueller: { who: "jobcenter", familyName: "Müller", givenNames: "Jürgen Sentinelo", postcode: "52062" },
  schmidt: { who: "jobcenter", familyName: "Schmidt", givenNames: "Peter", postcode: "52064" },
} as const;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  net = await makeNetwork(db, "IP Namenssuche");
  for (const [k, c] of Object.entries(CLIENTS)) {
    ids[k] = await as(c.who, async (tx, me) => {
      const r = must(
        await intakeClient(tx, me, {
          identity: {
            familyName: c.familyName,
            givenNames: c.givenNames,
            birthDate: "1990-05-17",
            postcode: c.postcode,
          },
          intakeDate: "2026-01-10",
        }),
      );
      return r.id;
    });
  }
});
afterAll(() => cleanup());

describe("the name search", () => {
  it.each([
    ["Muhammad Alhasan", "jobcenter"],
    ["Mohamad Al Hasan", "jobcenter"],
    ["al-hassan mohammed", "jobcenter"],
    ["Jusuf Hadad", "sozialamt"],
    ["Youssef Haddad", "sozialamt"],
    ["Juergen Mueller", "jobcenter"],
  ] as const)("finds %s at the %s, and says only where and how to reach it", async (name, kind) => {
    const hits = must(await search("sozialamt", name));
    expect(hits).toEqual([
      {
        institutionId: net.institutions[kind],
        institutionName: expect.any(String),
        contact: expect.any(String),
        cases: 1,
      },
    ]);
    expect(Object.keys(hits[0]).sort()).toEqual(["cases", "contact", "institutionId", "institutionName"]);
  });

  it("does not find unrelated names, nor half a name", async () => {
    for (const name of ["Mohammed Schmidt", "Peter Meier", "Yusuf Karimi", "Jürgen Haddad"])
      expect(must(await search("jobcenter", name)), name).toEqual([]);
    expect(await search("jobcenter", "Mohammed")).toMatchObject({
      ok: false,
      error: { code: "cases.search.errors.twoParts" },
    });
  });

  it("is refused to the Ausländerbehörde, volunteers, the data-protection officer and the auditor", async () => {
    for (const who of ["abh", "volunteer", "dpo", "auditor"] as const) {
      expect(await search(who, "Mohammed Al-Hassan"), who).toMatchObject({
        ok: false,
        error: { code: "cases.search.errors.notAllowed" },
      });
      // The database refuses too, whatever the service says.
      await expect(
        as(who, (tx) => tx.execute(sql`SELECT * FROM case_name_search('{}'::bytea[], '{}'::int[])`)),
      ).rejects.toMatchObject({ cause: { code: "42501" } });
    }
    // The lead may (case_may: search).
    expect(must(await search("lead", "Mohammed Al-Hassan"))).toHaveLength(1);
  });

  it("never lets the request role read the tokens or the search key", async () => {
    for (const q of [sql`SELECT * FROM case_keys.search_tokens`, sql`SELECT * FROM case_keys.search_keys`])
      await expect(as("jobcenter", (tx) => tx.execute(q))).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("logs every client found as a search event of the searcher, and no other client", async () => {
    const before = (await searchEvents(ids.hassan)).length;
    const otherBefore = (await searchEvents(ids.schmidt)).length;
    must(await search("sozialamt", "Mohamed Hassan"));
    const after = await searchEvents(ids.hassan);
    expect(after).toHaveLength(before + 1);
    const [{ id: sozialamtStaff }] = await as("sozialamt", (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM case_me()`),
    );
    expect(after.at(-1)).toEqual({ staff_id: sozialamtStaff, categories: [] });
    expect(await searchEvents(ids.schmidt)).toHaveLength(otherBefore);
    // No name in the general audit log either.
    const audit = await withSystem(db, (tx) =>
      rows<{ t: string }>(tx, sql`SELECT row_to_json(a)::text AS t FROM audit_log a`),
    );
    expect(audit.filter((a) => /hassan|mohamed|müller|sentinelo/i.test(a.t))).toEqual([]);
  });

  it("stores neither a name nor a plain Kölner code (sentinel check)", async () => {
    const all = await withSystem(db, (tx) =>
      rows<{ token: Buffer | Uint8Array }>(tx, sql`SELECT token FROM case_keys.search_tokens`),
    );
    expect(all.length).toBeGreaterThan(8);
    const codes = Object.values(CLIENTS).flatMap((c) => storedCodes([c.familyName, c.givenNames]));
    const words = [
      "Al-Hassan",
      "hassan",
      "Mohammed",
      "mohammed",
      "Müller",
      "muller",
      "Sentinelo",
      "sentinelo",
      "Haddad",
    ];
    const plainHashes = new Set(
      codes.flatMap((c) => [c, `kp1:${c}`].map((s) => crypto.createHash("sha256").update(s).digest("hex"))),
    );
    for (const { token } of all) {
      const b = Buffer.from(token);
      expect(b.length).toBe(32);
      for (const s of [...words, ...codes.filter((c) => c.length >= 3)]) expect(b.includes(Buffer.from(s))).toBe(false);
      expect(plainHashes.has(b.toString("hex"))).toBe(false);
    }
    // The same code gives the same token within the network (that is how it finds), so the index
    // has fewer distinct tokens than rows only where names share a part.
    const dump = Buffer.concat(all.map((a) => Buffer.from(a.token))).toString("latin1");
    expect(dump.toLowerCase()).not.toContain("sentinelo");
  });

  it("re-indexes a changed name: the old one is no longer found, the new one is", async () => {
    must(
      await as("jobcenter", (tx, me) =>
        writeCategory(tx, me, ids.schmidt, "identity", {
          familyName: "Karimi",
          givenNames: "Peter",
          birthDate: "1990-05-17",
        }),
      ),
    );
    expect(must(await search("sozialamt", "Peter Schmidt"))).toEqual([]);
    expect(must(await search("sozialamt", "Peter Karimi"))).toHaveLength(1);
  });

  it("forgets a deleted client's tokens", async () => {
    expect(await tokenCount(ids.mueller)).toBeGreaterThan(0);
    must(await as("jobcenter", (tx, me) => deleteClient(tx, me, ids.mueller)));
    expect(await tokenCount(ids.mueller)).toBe(0);
    expect(must(await search("sozialamt", "Jürgen Müller"))).toEqual([]);
  });

  it("keeps working after cases:rotate-key, once the old master key is gone", async () => {
    const saved = process.env.CASES_KEY!;
    const fresh = `k9:${Buffer.alloc(32, 7).toString("base64")}`;
    try {
      process.env.CASES_KEY = `${saved},${fresh}`;
      resetConfig();
      resetKeyring();
      const r = await rotateClientKeys(db);
      expect(r.searchKeys).toBe(1);
      process.env.CASES_KEY = fresh;
      resetConfig();
      resetKeyring();
      const [k] = await withSystem(db, (tx) =>
        rows<{ kek_id: string }>(tx, sql`SELECT kek_id FROM case_keys.search_keys`),
      );
      expect(k.kek_id).toBe("k9");
      expect(must(await search("sozialamt", "Muhammad Alhasan"))).toHaveLength(1);
    } finally {
      process.env.CASES_KEY = saved;
      resetConfig();
      resetKeyring();
    }
  });
});
