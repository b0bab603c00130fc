import { describe, expect, it } from "vitest";
import { kindMismatch, LAENDER, landOf, landRules } from "./laender";
import { TenantInput } from "./service";

describe("the Länder by AGS", () => {
  it("has the sixteen Länder with codes 01–16, three of them Stadtstaaten", () => {
    expect(LAENDER.map((l) => l.code)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, "0")));
    expect(LAENDER.filter((l) => l.stadtstaat).map((l) => l.name)).toEqual(["Hamburg", "Bremen", "Berlin"]);
  });

  it("reads the Land from the first two digits; only NRW has the three-year rule", () => {
    expect(landOf("05315000")?.name).toBe("Nordrhein-Westfalen");
    expect(landOf("11000000")?.name).toBe("Berlin");
    expect(landOf("99")).toBeUndefined();
    expect(landRules("05334002").threeYearRule).toBe(true);
    expect(LAENDER.filter((l) => l.rules.threeYearRule).map((l) => l.code)).toEqual(["05"]);
    expect(landRules("06534014").threeYearRule).toBe(false);
    expect(landRules("99").threeYearRule).toBe(false);
  });

  it("fits a kind to the AGS: Berlin and Hamburg only as Stadtstaat, Bremerhaven a Kommune in Bremen", () => {
    expect(kindMismatch("stadtstaat", "11000000")).toBeNull();
    expect(kindMismatch("stadtstaat", "02000000")).toBeNull();
    expect(kindMismatch("stadtstaat", "04")).toBeNull();
    expect(kindMismatch("kommune", "04012000")).toBeNull();
    expect(kindMismatch("land", "11")).toEqual({ key: "platform.mustBeStadtstaat", params: { land: "Berlin" } });
    expect(kindMismatch("kommune", "02000000")?.key).toBe("platform.mustBeStadtstaat");
    expect(kindMismatch("kreis", "04")?.key).toBe("platform.mustBeStadtstaat");
    expect(kindMismatch("stadtstaat", "05315000")).toEqual({
      key: "platform.notStadtstaat",
      params: { land: "Nordrhein-Westfalen" },
    });
    expect(kindMismatch("kommune", "99000000")?.key).toBe("platform.agsNoLand");
  });

  it("the tenant form refuses a kind that does not fit, on the kind's field", () => {
    const r = TenantInput.safeParse({ slug: "berlin", name: "Berlin", kind: "land", ags: "11000000" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["kind", "platform.mustBeStadtstaat"]]);
    expect(TenantInput.safeParse({ slug: "berlin", name: "Berlin", kind: "stadtstaat", ags: "11000000" }).success).toBe(
      true,
    );
  });
});
