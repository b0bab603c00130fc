import "./strings";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { config } from "~/kernel/config";
import { addClause, deleteClause, listClauses } from "./clauses";

// The job-ad clause library (issue 15 item 8): the built-in clauses equal this hand-typed fixture (text
// and source lines), every tenant has them (also one created after the migration), and the texts
// really stand at those lines of seed 004 – joined across its line breaks and hyphenations.
const FIXTURE = [
  {
    key: "arnsberg_begruesst",
    label: "Bezirksregierung Arnsberg",
    lines: [631, 633],
    text: "Die Bewerbung von Personen mit Migrationshintergrund, die die Voraussetzungen erfüllen, wird begrüßt",
  },
  {
    key: "lippe_begruessen",
    label: "Kreis Lippe",
    lines: [745, 748],
    text: "Wir begrüßen deshalb Bewerbungen von Frauen und Männern, unabhängig von deren kultureller und sozialer Herkunft, Alter, Religion, Weltanschauung, Behinderung oder sexueller Identität",
  },
  {
    key: "wdr_fuehrung",
    label: "Westdeutscher Rundfunk (Profil für Führungspositionen)",
    lines: [2452, 2454],
    text: "Zur Personalführung gehören auch die Integration und Förderung der Beschäftigung von Mitarbeiterinnen und Mitarbeitern ausländischer Herkunft.",
  },
  {
    key: "lvr_freuen",
    label: "Landschaftsverband Rheinland",
    lines: [3599, 3600],
    text: "Wir freuen uns über Bewerbungen von Menschen mit Migrationshintergrund.",
  },
  {
    key: "duesseldorf_ausdruecklich",
    label: "Bezirksregierung Düsseldorf",
    lines: [4538, 4539],
    text: "Diese Stellenausschreibung wendet sich ausdrücklich auch an Menschen mit Migrationshintergrund",
  },
  {
    key: "juelich_gleichstellung",
    label: "Stadt Jülich",
    lines: [4946, 4953],
    text: "Die Stadtverwaltung Jülich fördert die Gleichstellung aller Mitarbeiterinnen und Mitarbeiter und engagiert sich „Miteinander - Füreinander“ für eine weltoffene, tolerante und hilfsbereite Stadt als „Ort der Vielfalt“. Deshalb sind Bewerbungen von Frauen und Männern, ungeachtet der kulturellen und sozialen Herkunft, des Alters, der Religion, der Weltanschauung, einer Behinderung oder der sexuellen Identität gerne gesehen.",
  },
];

let db: Database;
let cleanup: () => Promise<void>;
let ids: Record<string, string>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ids = await tenantIds(db);
});
afterAll(async () => {
  await cleanup();
});

const builtins = (tenantId: string) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, async (tx) =>
    (await listClauses(tx))
      .filter((c) => c.builtinKey)
      .map((c) => ({ key: c.builtinKey, label: c.sourceLabel, lines: [c.lineFrom, c.lineTo], text: c.body })),
  );

describe("the built-in job-ad clauses", () => {
  it("equal the hand-typed fixture in every demo tenant, with file 004", async () => {
    for (const slug of ["nrw", "staedteregion-aachen", "aachen", "koeln"])
      expect(await builtins(ids[slug])).toEqual(FIXTURE);
    const files = await withSystem(db, (tx) =>
      rows<{ f: string }>(
        tx,
        sql`SELECT DISTINCT source_file AS f FROM opening_job_ad_clauses WHERE builtin_key IS NOT NULL`,
      ),
    );
    expect(files).toEqual([{ f: "004" }]);
  });

  it("are given to a tenant created later", async () => {
    const id = await withSystem(db, async (tx) => {
      const [t] = await rows<{ id: string }>(
        tx,
        sql`INSERT INTO tenants (slug, name, kind, ags) VALUES ('neu-kreis', 'Neuer Kreis', 'kreis', '05382') RETURNING id`,
      );
      return t.id;
    });
    expect(await builtins(id)).toEqual(FIXTURE);
  });

  it("stay while the tenant's own clauses can be added and deleted", async () => {
    await rolledBack(db, ids.aachen, async (tx) => {
      const all = await listClauses(tx);
      expect(messageOf(await deleteClause(tx, all[0].id))).toBe(
        "Formulierungen aus dem Bericht können nicht gelöscht werden.",
      );
      const { id } = must(await addClause(tx, { body: "Wir freuen uns auf Sie.", sourceLabel: "Stadt Aachen" }));
      const after = await listClauses(tx);
      expect(after.at(-1)).toMatchObject({ id, builtinKey: null, sourceFile: null, sourceLabel: "Stadt Aachen" });
      must(await deleteClause(tx, id));
      expect(await listClauses(tx)).toHaveLength(all.length);
    });
  });
});

// The seed lives beside the shared data (SHARED_DATA_DIR's parent folder holds seeds/).
const seedFile = (() => {
  const dir = path.join(path.dirname(config().sharedDataDir), "seeds");
  const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith("004_")) : undefined;
  return name ? path.join(dir, name) : null;
})();

/** Lines from … to of the seed joined as read: a line-end hyphen inside a word is dropped, other breaks become a space. */
function joinLines(lines: string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!out) out = line;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out = `${out} ${line}`;
  }
  return out;
}

describe.skipIf(!seedFile)("the seed (skipped: seed 004 not found beside SHARED_DATA_DIR)", () => {
  it("has each clause's text at its lines", () => {
    const lines = fs.readFileSync(seedFile!, "utf8").split("\n");
    for (const c of FIXTURE) {
      const at = joinLines(lines.slice(c.lines[0] - 1, c.lines[1]));
      expect(at, `${c.key} at 004:${c.lines[0]}–${c.lines[1]}`).toContain(c.text);
    }
  });
});

describe("joinLines", () => {
  it("drops a hyphen at a line end inside a word and keeps a dash between words", () => {
    expect(joinLines(["Migrati-", "onshintergrund"])).toBe("Migrationshintergrund");
    expect(joinLines(["„Miteinander -", "Füreinander“"])).toBe("„Miteinander - Füreinander“");
    expect(joinLines(["Stadt ", " Jülich"])).toBe("Stadt Jülich");
  });
});
