import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeOwnStrings } from "../../../tests/support/own-strings";
import { GLOSSARY_TERMS } from "./terms";
import de from "./strings/de.json";
import en from "./strings/en.json";
import i18nDe from "../i18n/de.json";

const APP = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith(".tsx") && !d.name.endsWith(".test.tsx") ? [p] : [];
  });
}

describeOwnStrings("the glossary's strings", de, en, i18nDe);

describe("the glossary", () => {
  it("explains every term in German and English, and no term it does not list", () => {
    for (const strings of [de, en]) {
      const terms = strings.glossary.terms as Record<string, { term: string; text: string }>;
      expect(Object.keys(terms).sort()).toEqual([...GLOSSARY_TERMS].sort());
      for (const id of GLOSSARY_TERMS) {
        expect(terms[id].term.trim(), id).not.toBe("");
        // A plain explanation is a sentence or more, not a synonym.
        expect(terms[id].text.length, id).toBeGreaterThan(40);
      }
    }
  });

  it("has anchors that are safe in a URL and unique", () => {
    for (const id of GLOSSARY_TERMS) expect(id).toMatch(/^[a-z][a-z-]*$/);
    expect(new Set(GLOSSARY_TERMS).size).toBe(GLOSSARY_TERMS.length);
  });

  it("has an entry for every <Term id> the pages use", () => {
    const used = new Map<string, string>();
    for (const file of sourceFiles(APP))
      for (const m of readFileSync(file, "utf8").matchAll(/<Term\s+id=(?:"([^"]*)"|\{([^}]*)\})/g))
        used.set(m[1] ?? `{${m[2]}}`, path.relative(APP, file));
    // The scan must see the pages' terms, or this passes on nothing.
    expect(used.size).toBeGreaterThanOrEqual(3);
    const known = new Set<string>(GLOSSARY_TERMS);
    expect([...used].filter(([id]) => !known.has(id)).map(([id, f]) => `${id} in ${f}`)).toEqual([]);
  });
});
