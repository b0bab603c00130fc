import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import type { Database } from "~/kernel/db/client";
import { rows, withPublic, withSystem } from "~/kernel/db/context";
import { commands } from "../cli";
import { addRuleVersions, decideEligibility, decisionRecord, DecisionRecord, listRules, NewVersions } from "./service";

// Versioned eligibility rules on the database (issue 16 item 4): the version valid on the decision
// date decides; a date without a version fails; overlapping versions are refused by the database;
// the CLI closes the open version the day before a new one. Everything that changes data runs in
// a transaction that is rolled back, so the tests do not depend on each other.
let db: Database;
let cleanup: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-eligibility-"));

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

class Rollback extends Error {}
/** Runs fn as the owning role and rolls everything back. */
async function undone(fn: Parameters<typeof withSystem>[1]) {
  await withSystem(db, async (tx) => {
    await fn(tx);
    throw new Rollback();
  }).catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
}
/** The request role's view (any tenant, or none: the tables are global). */
const asApp = <T>(fn: Parameters<typeof withPublic<T>>[1]) => withPublic(db, fn);

/** The database's own message of a failed statement (Drizzle keeps it in the cause); "" if it did not fail. */
const dbError = (p: Promise<unknown>) =>
  p.then(
    () => "",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

const versionOf = async (rule: string, from: string) =>
  (
    await withSystem(db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`SELECT id FROM case_eligibility_rule_versions WHERE rule_code = ${rule} AND valid_from = ${from}`,
      ),
    )
  )[0].id;

describe("the version valid on the decision date decides", () => {
  it("uses the 2016 list for a decision dated 2016: Syria and Eritrea yes, Afghanistan no", async () => {
    const v2016 = await versionOf("high_prospect_of_staying", "2016-01-01");
    const d = (nationality: string) =>
      asApp((tx) =>
        decideEligibility(tx, { rule: "high_prospect_of_staying", decisionDate: "2016-06-15", facts: { nationality } }),
      );
    const sy = must(await d("SY"));
    expect(sy).toEqual({ eligible: true, reasons: ["cases.eligibility.reasons.nationalityListed"], versionId: v2016 });
    expect(must(await d("ER")).eligible).toBe(true);
    const af = must(await d("AF"));
    expect(af).toEqual({
      eligible: false,
      reasons: ["cases.eligibility.reasons.nationalityNotListed"],
      versionId: v2016,
    });
  });

  it("keeps deciding 2016 with the 2016 list after a later (example) list was added", async () => {
    const v2016 = await versionOf("high_prospect_of_staying", "2016-01-01");
    await undone(async (tx) => {
      const added = must(
        await addRuleVersions(
          tx,
          NewVersions.parse({
            rule: "high_prospect_of_staying",
            validFrom: "2017-01-01",
            parameters: { countries: ["ER", "SY", "SO"] },
            source: "Beispiel für den Test",
            isExample: true,
          }),
          "test",
        ),
      );
      const d = (decisionDate: string, nationality: string) =>
        decideEligibility(tx, { rule: "high_prospect_of_staying", decisionDate, facts: { nationality } });
      const in2016 = must(await d("2016-12-31", "IR"));
      const in2017 = must(await d("2017-01-01", "IR"));
      expect([in2016.eligible, in2017.eligible]).toEqual([true, false]);
      expect(in2016.versionId).toBe(v2016);
      expect(in2017.versionId).toBe(added[0].id);
      expect(must(await d("2017-01-01", "SO")).eligible).toBe(true);
    });
  });

  it("refuses a 17-year-old for § 5a AsylbLG and accepts an 18-year-old", async () => {
    const decide = (birthDate: string) =>
      asApp((tx) => decideEligibility(tx, { rule: "asylblg_5a", decisionDate: "2016-09-01", facts: { birthDate } }));
    // Turns 18 the day after the decision: still 17.
    const seventeen = must(await decide("1998-09-02"));
    expect(seventeen).toMatchObject({ eligible: false, reasons: ["cases.eligibility.reasons.ageBelowMinimum"] });
    const eighteen = must(await decide("1998-09-01"));
    expect(eighteen).toMatchObject({ eligible: true, reasons: ["cases.eligibility.reasons.ageReached"] });
    expect(eighteen.versionId).toBe(await versionOf("asylblg_5a", "2016-08-06"));
    // What the core stores of it.
    expect(decisionRecord("2016-09-01", seventeen)).toEqual({
      ruleVersionId: seventeen.versionId,
      decisionDate: "2016-09-01",
      eligible: false,
      reasons: ["cases.eligibility.reasons.ageBelowMinimum"],
    });
    expect(DecisionRecord.safeParse({ ...decisionRecord("2016-09-01", seventeen), reasons: ["frei"] }).success).toBe(
      false,
    );
  });

  it("decides § 421 SGB III by the start of the measure: by 31.12.2015 yes, later no", async () => {
    const decide = (entryDate: string) =>
      asApp((tx) =>
        decideEligibility(tx, {
          rule: "sgb3_421",
          decisionDate: "2015-12-15",
          facts: { entryDate, residenceStatus: "aufenthaltsgestattung" },
        }),
      );
    expect(must(await decide("2015-12-31")).eligible).toBe(true);
    expect(must(await decide("2016-01-04")).eligible).toBe(false);
  });

  it("fails, never says eligible, on a date no version covers", async () => {
    const before = await asApp((tx) =>
      decideEligibility(tx, {
        rule: "high_prospect_of_staying",
        decisionDate: "2015-06-01",
        facts: { nationality: "SY" },
      }),
    );
    expect(before).toEqual({
      ok: false,
      error: {
        code: "cases.eligibility.errors.noVersion",
        params: { rule: "high_prospect_of_staying", date: "2015-06-01" },
      },
    });
    // The seeded list is attested for 2016 only: a decision in 2026 fails until the current list is recorded.
    const now = await asApp((tx) =>
      decideEligibility(tx, {
        rule: "high_prospect_of_staying",
        decisionDate: "2026-12-01",
        facts: { nationality: "SY" },
      }),
    );
    expect(now.ok).toBe(false);
    const before5a = await asApp((tx) =>
      decideEligibility(tx, { rule: "asylblg_5a", decisionDate: "2016-08-05", facts: { birthDate: "1990-01-01" } }),
    );
    expect(before5a.ok).toBe(false);
    const unknown = await asApp((tx) =>
      decideEligibility(tx, { rule: "gibt_es_nicht", decisionDate: "2016-08-05", facts: {} }),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: "cases.eligibility.errors.unknownRule" } });
    const bad = await asApp((tx) =>
      decideEligibility(tx, { rule: "asylblg_5a", decisionDate: "2016-02-30", facts: {} }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: "cases.eligibility.errors.invalidInput" } });
  });
});

describe("the database guards the versions", () => {
  it("refuses overlapping versions of one rule, also from the owning role", async () => {
    const insert = (from: string, to: string | null) =>
      withSystem(db, (tx) =>
        tx.execute(sql`INSERT INTO case_eligibility_rule_versions (rule_code, valid_from, valid_to, parameters, source, recorded_by)
          VALUES ('high_prospect_of_staying', ${from}, ${to}, '{"countries": ["SY"]}', 'Test', 'test')`),
      );
    expect(await dbError(insert("2016-12-31", "2017-06-30"))).toMatch(/überschneidet sich/);
    expect(await dbError(insert("2015-01-01", null))).toMatch(/überschneidet sich/);
    expect(await dbError(insert("2015-06-01", "2016-01-01"))).toMatch(/überschneidet sich/);
    // Adjacent is fine (rolled back).
    await undone(async (tx) => {
      await tx.execute(sql`INSERT INTO case_eligibility_rule_versions (rule_code, valid_from, valid_to, parameters, source, recorded_by)
        VALUES ('high_prospect_of_staying', '2015-06-01', '2015-12-31', '{"countries": ["SY"]}', 'Test', 'test')`);
    });
    // Another rule's dates do not matter.
    const versions = (await withSystem(db, (tx) => listRules(tx))).flatMap((r) => r.versions);
    expect(versions.length).toBe(3);
  });

  it("keeps a recorded version's content: only an open version may be closed", async () => {
    const id = await versionOf("high_prospect_of_staying", "2016-01-01");
    expect(
      await dbError(
        withSystem(db, (tx) =>
          tx.execute(
            sql`UPDATE case_eligibility_rule_versions SET parameters = '{"countries": ["AF"]}' WHERE id = ${id}`,
          ),
        ),
      ),
    ).toMatch(/wird nicht geändert/);
    expect(
      await dbError(
        withSystem(db, (tx) =>
          tx.execute(sql`UPDATE case_eligibility_rule_versions SET valid_to = '2017-12-31' WHERE id = ${id}`),
        ),
      ),
    ).toMatch(/Nur eine offene Fassung/);
  });

  it("lets the request role read the reference data but not write it", async () => {
    const seen = await asApp((tx) =>
      rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM case_step_types)::int AS n`),
    );
    expect(seen[0].n).toBe(13);
    const inserted = await dbError(
      asApp((tx) =>
        tx.execute(sql`INSERT INTO case_eligibility_rule_versions (rule_code, valid_from, parameters, source, recorded_by)
          VALUES ('high_prospect_of_staying', '2040-01-01', '{"countries": ["AF"]}', 'x', 'x')`),
      ),
    );
    const rule = await dbError(
      asApp((tx) =>
        tx.execute(
          sql`INSERT INTO case_eligibility_rules (code, kind, label_de, label_en) VALUES ('neu', 'minimum_age', 'x', 'x')`,
        ),
      ),
    );
    expect(rule).toMatch(/row-level security/);
    expect(inserted).toMatch(/row-level security/);
    const changed = await asApp((tx) =>
      rows<{ code: string }>(tx, sql`UPDATE case_step_types SET label_de = 'x' RETURNING code`),
    );
    const removed = await asApp((tx) =>
      rows<{ code: string }>(tx, sql`DELETE FROM case_eligibility_rule_versions RETURNING id::text AS code`),
    );
    expect([changed.length, removed.length]).toEqual([0, 0]);
  });
});

describe("cases:eligibility-add", () => {
  const cmd = commands["cases:eligibility-add"];
  const file = (name: string, content: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
    return f;
  };
  const run = async (f: string, by?: string) => {
    const out: string[] = [];
    await cmd.run(db, { values: { file: f, by }, positionals: [] }, (m) => out.push(m));
    return out;
  };
  const fail = async (f: string) => {
    try {
      await run(f);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("expected the command to fail");
  };
  const versionsOf = (rule: string) =>
    withSystem(db, (tx) =>
      rows<{ from: string; to: string | null; by: string }>(
        tx,
        sql`SELECT valid_from::text AS from, valid_to::text AS to, recorded_by AS by FROM case_eligibility_rule_versions
          WHERE rule_code = ${rule} ORDER BY valid_from`,
      ),
    );

  it("adds a version and closes the open one the day before; refuses one that would overlap", async () => {
    const f = file("5a.json", {
      rule: "asylblg_5a",
      validFrom: "2030-01-01",
      parameters: { minimumAge: 16 },
      source: "Beispiel",
      isExample: true,
    });
    const out = await run(f, "plattform@example.org");
    expect(out.join("\n")).toMatch(/endet am 2029-12-31/);
    expect(await versionsOf("asylblg_5a")).toEqual([
      { from: "2016-08-06", to: "2029-12-31", by: "Migration 0820" },
      { from: "2030-01-01", to: null, by: "CLI (plattform@example.org)" },
    ]);
    const audited = await withSystem(db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'case_eligibility_rule_version' AND tenant_id IS NULL`,
      ),
    );
    expect(audited[0].n).toBe(1);
    // Starting on or before the open version's start: refused, in German.
    expect(await fail(f)).toMatch(/muss nach dem Beginn der offenen Fassung \(2030-01-01\) beginnen/);
    // A rule without an open version: a new one overlapping a closed version is refused.
    const inside = file("inside.json", {
      rule: "high_prospect_of_staying",
      validFrom: "2016-06-01",
      parameters: { countries: ["SY"] },
      source: "x",
    });
    expect(await fail(inside)).toMatch(/überschneidet sich mit der Fassung ab 2016-01-01/);
  });

  it("adds all versions of a file or none", async () => {
    const before = await versionsOf("high_prospect_of_staying");
    const f = file("two.json", [
      { rule: "high_prospect_of_staying", validFrom: "2031-01-01", parameters: { countries: ["SY"] }, source: "x" },
      { rule: "high_prospect_of_staying", validFrom: "2030-01-01", parameters: { countries: ["SY"] }, source: "x" },
    ]);
    // The second begins before the first, which is then the open version.
    expect(await fail(f)).toMatch(/Fassung 2 \(high_prospect_of_staying\)/);
    expect(await versionsOf("high_prospect_of_staying")).toEqual(before);
  });

  it("says in German what is wrong with a file", async () => {
    expect(await fail(path.join(dir, "fehlt.json"))).toMatch(/kann nicht gelesen werden/);
    expect(await fail(file("bad.json", "{nicht json"))).toMatch(/kein gültiges JSON/);
    expect(
      await fail(file("shape.json", { rule: "asylblg_5a", validFrom: "2031-13-01", parameters: {}, source: "" })),
    ).toMatch(/Die Datei ist ungültig: Fassung 1, validFrom: Bitte ein Datum.*Fassung 1, source/);
    expect(
      await fail(
        file("params.json", {
          rule: "asylblg_5a",
          validFrom: "2040-01-01",
          parameters: { countries: ["SY"] },
          source: "x",
        }),
      ),
    ).toMatch(/passen nicht zur Art der Regel/);
    expect(
      await fail(file("rule.json", { rule: "gibt_es_nicht", validFrom: "2040-01-01", parameters: {}, source: "x" })),
    ).toMatch(/gibt es nicht/);
    await expect(cmd.run(db, { values: {}, positionals: [] }, () => {})).rejects.toThrow(/--file/);
  });
});
