import { describe, expect, it } from "vitest";

// Strings a module keeps beside its code (strings/*.json, loaded with addStrings) are outside i18n/,
// so the kernel's key check does not see them: German and English must still have the same keys,
// none empty, and no key may also be in the module's i18n/.
const keys = (o: unknown, prefix = ""): string[] =>
  o && typeof o === "object" ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

export function describeOwnStrings(title: string, de: object, en: object, i18nDe: object) {
  describe(title, () => {
    it("have the same keys in German and English, none of them empty", () => {
      expect(keys(en).sort()).toEqual(keys(de).sort());
      const leaf = (k: string) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], de);
      for (const k of keys(de)) expect(leaf(k), k).not.toBe("");
    });

    it("do not repeat a key of i18n/", () => {
      const shared = new Set(keys(i18nDe));
      expect(keys(de).filter((k) => shared.has(k))).toEqual([]);
    });
  });
}
