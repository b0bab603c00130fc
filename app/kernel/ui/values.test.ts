import { describe, expect, it } from "vitest";
import { formValues, valueOf, valuesOf } from "./values";

describe("formValues", () => {
  const f = new FormData();
  f.append("_csrf", "secret-token-of-the-page");
  f.append("intent", "save");
  f.append("title", "Sprachcafé");
  f.append("goalIds", "g1");
  f.append("goalIds", "g2");
  f.append("goalIds", "");
  f.append("password", "geheim123456");
  f.append("newPassword", "geheim123456");
  f.append("file", new Blob(["x"]), "a.csv");

  it("keeps single values as strings and repeated ones as arrays", () => {
    const v = formValues(f);
    expect(v).toEqual({ intent: "save", title: "Sprachcafé", goalIds: ["g1", "g2", ""] });
    expect(valuesOf(v, "goalIds")).toEqual(["g1", "g2", ""]);
    expect(valuesOf(v, "title")).toEqual(["Sprachcafé"]);
    expect(valueOf(v, "goalIds")).toBe("g1");
  });

  it("never echoes the CSRF token, passwords or files", () => {
    const v = formValues(f);
    expect(Object.keys(v)).not.toContain("_csrf");
    expect(JSON.stringify(v)).not.toContain("geheim");
    expect(JSON.stringify(v)).not.toContain("secret-token");
    expect(v.file).toBeUndefined();
  });

  it("treats a field that was not sent (an unticked checkbox) as empty", () => {
    expect(valuesOf(formValues(f), "isPublic")).toEqual([]);
    expect(valueOf(formValues(f), "isPublic")).toBe("");
  });
});
