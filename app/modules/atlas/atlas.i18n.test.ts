import { describe, expect, it } from "vitest";
import ar from "./i18n/ar.json";
import de from "./i18n/de.json";
import en from "./i18n/en.json";
import fa from "./i18n/fa.json";
import ru from "./i18n/ru.json";
import tr from "./i18n/tr.json";
import uk from "./i18n/uk.json";
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
    for (const h of HANDLUNGSFELDER) expect(a.hf[h]).toBeTruthy();
    for (const g of TARGET_GROUPS) expect(a.tg[g]).toBeTruthy();
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
