import { describe, expect, it } from "vitest";
import { isValidElement, type ReactElement } from "react";
import { contentAttrs, sourceName, withContent } from "./content";

describe("tenant content in another language's page", () => {
  it("is marked German with its own direction, except on German and Leichte-Sprache pages", () => {
    expect(contentAttrs("de")).toEqual({});
    expect(contentAttrs("ls")).toEqual({});
    expect(contentAttrs(undefined)).toEqual({});
    expect(contentAttrs("en")).toEqual({ lang: "de", dir: "auto" });
    expect(contentAttrs("ar")).toEqual({ lang: "de", dir: "auto" });
  });

  it("keeps the values apart from the sentence around them, in the translation's order", () => {
    const t = (key: string, vars?: Record<string, unknown>) =>
      key === "en" ? `Share of ${vars!.a} in ${vars!.b}` : `${vars!.b}: Anteil von ${vars!.a}`;
    for (const [key, order] of [
      ["en", ["Einwohner", "Haushalte"]],
      ["de", ["Haushalte", "Einwohner"]],
    ] as const) {
      const parts = withContent(t, key, { a: "Einwohner", b: "Haushalte" }) as unknown[];
      const values = parts.filter(isValidElement).map((p) => (p as ReactElement<{ children: string }>).props.children);
      expect(values).toEqual(order);
      expect(parts.filter((p) => typeof p === "string").join("|")).not.toMatch(/Einwohner|Haushalte|\u2063/);
    }
  });
});

describe("sourceName", () => {
  it("drops the label publishers put into their attribution, and nothing else", () => {
    expect(sourceName("Datenquelle: Stadt Köln, CC BY")).toBe("Stadt Köln, CC BY");
    expect(sourceName("Quelle : IT.NRW")).toBe("IT.NRW");
    expect(sourceName("Stadt Aachen, Statistikstelle")).toBe("Stadt Aachen, Statistikstelle");
    expect(sourceName("Bundesagentur für Arbeit (Quelle: Statistik)")).toBe(
      "Bundesagentur für Arbeit (Quelle: Statistik)",
    );
    expect(sourceName("Quelle:")).toBe("Quelle:");
  });
});
