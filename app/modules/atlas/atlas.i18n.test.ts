import { describe, expect, it } from "vitest";
import de from "./i18n/de.json";
import en from "./i18n/en.json";
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
});
