import { describe, expect, it } from "vitest";
import de from "./strings/de.json";
import en from "./strings/en.json";
import deI18n from "../i18n/de.json";

// The report's own strings (report/strings.ts) are outside i18n/, so the kernel's key check does not
// see them: German and English must still have the same keys, and no key may be in both places.
const keys = (o: unknown, prefix = ""): string[] =>
  o && typeof o === "object" ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

describe("the council report's strings", () => {
  it("have the same keys in German and English, none of them empty", () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    const leaf = (k: string) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], de);
    for (const k of keys(de)) expect(leaf(k), k).not.toBe("");
  });

  it("do not repeat a key of i18n/", () => {
    const shared = new Set(keys(deI18n));
    expect(keys(de).filter((k) => shared.has(k))).toEqual([]);
  });
});
