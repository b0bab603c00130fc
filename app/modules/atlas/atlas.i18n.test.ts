import { describe, expect, it } from "vitest";
import ar from "./i18n/ar.json";
import de from "./i18n/de.json";
import en from "./i18n/en.json";
import fa from "./i18n/fa.json";
import ru from "./i18n/ru.json";
import tr from "./i18n/tr.json";
import uk from "./i18n/uk.json";
import kar from "~/kernel/i18n/ar.json";
import kde from "~/kernel/i18n/de.json";
import ken from "~/kernel/i18n/en.json";
import kfa from "~/kernel/i18n/fa.json";
import kru from "~/kernel/i18n/ru.json";
import ktr from "~/kernel/i18n/tr.json";
import kuk from "~/kernel/i18n/uk.json";
import { COSTS, ENTRY_KINDS, GERMAN_LEVELS, HANDLUNGSFELDER, TARGET_GROUPS } from "./taxonomy";

const keys = (o: Record<string, unknown>, pre = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object"
      ? keys(v as Record<string, unknown>, `${pre}${k}.`)
      : [pre + k.replace(/_(one|other)$/, "")],
  );

describe("atlas translations", () => {
  it("German and English have the same keys", () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(de))].sort());
  });
  it("every taxonomy value has a label", () => {
    const a = de.atlas as unknown as Record<string, Record<string, string>>;
    // The former fixed codes are preset terms of the tenants' taxonomy: labelled in every public language.
    for (const [lang, d] of Object.entries({ kde, ken, kar, kfa, ktr, kuk, kru })) {
      const term = (d as unknown as { taxonomy: { term: Record<string, string> } }).taxonomy.term;
      for (const h of HANDLUNGSFELDER) expect(term[h], `${lang} ${h}`).toBeTruthy();
      for (const g of TARGET_GROUPS) expect(term[g], `${lang} ${g}`).toBeTruthy();
    }
    for (const k of ENTRY_KINDS) expect(a.kind[k]).toBeTruthy();
    for (const c of COSTS) expect(a.cost[c]).toBeTruthy();
    for (const l of GERMAN_LEVELS) expect(a.germanLevel[l]).toBeTruthy();
  });
  it("'Meinten Sie …?' is translated in every public language and has a place for the suggestion", () => {
    const all = { de, en, ar, fa, ru, tr, uk };
    for (const [lang, d] of Object.entries(all)) {
      const text = (d.atlas.search as Record<string, string>).didYouMean;
      expect(text, lang).toContain("{{suggestion}}");
      expect(text.replace("{{suggestion}}", "").trim().length, lang).toBeGreaterThan(3);
    }
    expect(de.atlas.search.didYouMean).toBe("Meinten Sie „{{suggestion}}“?");
    expect(en.atlas.search.didYouMean).toBe("Did you mean “{{suggestion}}”?");
  });
});
