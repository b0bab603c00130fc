import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditLabel, auditLabelFiles, auditRecordName } from "./labels.server";

const APP = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** The text of the object literal that starts at `open` (a "{"). */
function objectAt(src: string, open: number): string {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}" && --depth === 0) return src.slice(open + 1, i);
  }
  return src.slice(open + 1);
}

/** The expression after `key:` up to the next top-level comma or the object's end. */
function valueOf(body: string, key: string): string | undefined {
  const m = new RegExp(`(^|[\\s,{])${key}\\s*(:|,|$)`).exec(body);
  if (!m) return undefined;
  if (m[2] !== ":") return key; // shorthand: { entity }
  let depth = 0;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < body.length; i++) {
    const c = body[i];
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) break;
  }
  return body.slice(start, i).trim();
}

const literals = (expr: string) => [...expr.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);

// Call sites whose entity or action is not written at the call: what they pass, read from the
// places named. A new indirection fails the test below until it is listed here.
const INDIRECT: Record<string, { entities?: string[]; actions?: string[] }> = {
  // TABLES maps each OParl type to its entity.
  "modules/bodies/oparl/import.ts:entity": {
    entities: [
      "body",
      "body_seat_rule",
      "body_person",
      "body_membership",
      "body_meeting",
      "body_agenda_item",
      "body_paper",
      "body_consultation",
    ],
  },
  // move(…, auditAction) is called with these.
  "modules/cases/plans/referrals.ts:auditAction": { actions: ["approve", "reject", "status"] },
};

/** Every entity and action an audit(…) call in the code can write. */
function usedInCode() {
  const entities = new Map<string, string>();
  const actions = new Map<string, string>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(APP)) {
    const src = readFileSync(file, "utf8");
    const rel = path.relative(APP, file);
    for (const call of src.matchAll(/\baudit\(\s*[\w.]+\s*,\s*\{/g)) {
      const body = objectAt(src, call.index + call[0].length - 1);
      const where = `${rel}:${src.slice(0, call.index).split("\n").length}`;
      for (const [key, into, kind] of [
        ["entity", entities, "entities"],
        ["action", actions, "actions"],
      ] as const) {
        const expr = valueOf(body, key);
        if (expr === undefined) {
          unresolved.push(`${where} has no ${key}`);
          continue;
        }
        let codes = literals(expr);
        if (codes.length === 0) {
          codes = INDIRECT[`${rel}:${expr}`]?.[kind] ?? [];
          if (codes.length === 0) unresolved.push(`${where}: ${key} ${expr}`);
        }
        for (const c of codes) into.set(c, where);
      }
    }
  }
  return { entities, actions, unresolved };
}

describe("the audit log's words", () => {
  const used = usedInCode();

  it("finds the audit calls of kernel and modules", () => {
    // The scan must see the calls, or the checks below pass on nothing.
    expect(used.entities.size).toBeGreaterThan(100);
    expect(used.entities.get("atlas_entry")).toMatch(/^modules\/atlas\//);
    expect(used.entities.has("tenant")).toBe(true);
    expect(used.entities.has("body_person")).toBe(true);
    expect(used.actions.has("accept_invite")).toBe(true);
    expect(used.unresolved).toEqual([]);
  });

  it("names every entity type and action written in the code, in German and English", () => {
    for (const lang of ["de", "en"]) {
      // Declared in this language itself, not through the German fallback.
      const files = auditLabelFiles.filter((f) => f.lang === lang);
      const has = (kind: "entities" | "actions", code: string) => files.some((f) => f.labels[kind]?.[code]);
      const missing = [
        ...[...used.entities].filter(([e]) => !has("entities", e)).map(([e, w]) => `entity ${e} (${w})`),
        ...[...used.actions].filter(([a]) => !has("actions", a)).map(([a, w]) => `action ${a} (${w})`),
      ];
      expect(missing, `${lang}: add to the module's audit/labels/${lang}.json`).toEqual([]);
    }
  });

  it("keeps each label file's German and English keys equal, with one owner per code", () => {
    const byDir = new Map<string, Record<string, string[]>>();
    for (const f of auditLabelFiles) {
      const dir = path.dirname(f.path);
      const keys = [
        ...Object.keys(f.labels.entities ?? {}).map((k) => `entities.${k}`),
        ...Object.keys(f.labels.actions ?? {}).map((k) => `actions.${k}`),
      ].sort();
      byDir.set(dir, { ...byDir.get(dir), [f.lang]: keys });
      for (const v of [...Object.values(f.labels.entities ?? {}), ...Object.values(f.labels.actions ?? {})])
        expect(v.trim(), f.path).not.toBe("");
    }
    expect(byDir.size).toBeGreaterThanOrEqual(9);
    const owners = new Map<string, string>();
    for (const [dir, langs] of byDir) {
      expect(Object.keys(langs).sort(), dir).toEqual(["de", "en"]);
      expect(langs.en, dir).toEqual(langs.de);
      for (const k of langs.de) {
        expect(owners.get(k), `${k} is named in ${owners.get(k)} and ${dir}`).toBeUndefined();
        owners.set(k, dir);
      }
    }
  });

  it("says the words of the page's language, German for the others, nothing for an unknown code", () => {
    expect(auditLabel("de", "entities", "atlas_entry")).toBe("Angebot im Atlas");
    expect(auditLabel("en", "entities", "atlas_entry")).toBe("Offer in the atlas");
    expect(auditLabel("de", "actions", "submit")).toBe("eingereicht");
    expect(auditLabel("ar", "actions", "submit")).toBe("eingereicht");
    expect(auditLabel("de", "entities", "no_such_thing")).toBeUndefined();
  });

  it("finds a record's name in its data: after, else before, a German translation, else none", () => {
    expect(auditRecordName({ name: "Stadt Köln" }, null)).toBe("Stadt Köln");
    expect(auditRecordName(null, { title: "Sprachcafé" })).toBe("Sprachcafé");
    expect(auditRecordName({ status: "pending", translations: { de: { title: "Deutschkurs" } } }, null)).toBe(
      "Deutschkurs",
    );
    expect(auditRecordName({ status: "published" }, { state: "x" })).toBeUndefined();
    expect(auditRecordName({ name: 7 }, "text")).toBeUndefined();
    expect(auditRecordName({ name: "x".repeat(300) }, null)).toHaveLength(120);
  });
});
