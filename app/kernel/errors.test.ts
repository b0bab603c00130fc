import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fail, issueCode, ServiceError, translateError, translateIssues } from "./errors";
import { getT } from "./i18n";

const de = getT("de"),
  en = getT("en");

describe("error codes", () => {
  it("translate with their parameters in the reader's language", () => {
    const r = fail("concept.errors.codeTaken", "code", { code: "M 1" });
    expect(r).toEqual({
      ok: false,
      field: "code",
      error: { code: "concept.errors.codeTaken", params: { code: "M 1" } },
    });
    expect(translateError(de, r.error)).toBe("Die Kennung „M 1“ ist in dieser Fassung schon vergeben.");
    expect(translateError(en, r.error)).toBe("The code “M 1” is already used in this edition.");
  });

  it("resolve status names inside a message (nested keys)", () => {
    const e = { code: "concept.errors.statusTransition", params: { from: "beschlossen", to: "verworfen" } };
    expect(translateError(de, e)).toBe(
      "Eine Maßnahme im Status „beschlossen“ kann nicht in den Status „verworfen“ wechseln.",
    );
    expect(translateError(en, e)).toBe("A measure with the status “adopted” cannot change to the status “rejected”.");
  });

  it("a thrown ServiceError reads German for logs and the CLI, and keeps its code", () => {
    const e = new ServiceError("platform.unknownParentSlug", { slug: "nirgendwo" });
    expect(e.message).toBe("Den übergeordneten Mandanten „nirgendwo“ gibt es nicht.");
    expect(translateError(en, e)).toBe("The parent tenant “nirgendwo” does not exist.");
  });

  it("leave a plain sentence alone", () => {
    expect(translateError(en, "Eine Nachricht.")).toBe("Eine Nachricht.");
  });
});

describe("Zod issues", () => {
  const S = z.object({
    name: z.string().trim().min(1),
    short: z.string().min(3),
    long: z.string().max(5),
    count: z.number(),
    whole: z.number().int(),
    mail: z.string().email(),
    day: z.string().date(),
    pick: z.enum(["a", "b"]),
    many: z.array(z.string()).min(1),
    custom: z.string().min(3, "concept.errors.titleShort"),
  });
  const issues = S.safeParse({
    name: "",
    short: "ab",
    long: "abcdef",
    count: Number.NaN,
    whole: 1.5,
    mail: "x",
    day: "2026-02-30",
    pick: "c",
    many: [],
    custom: "x",
  }).error!.issues;

  it("map generic issues to validation.* keys with their limits", () => {
    const codes = Object.fromEntries(issues.map((i) => [i.path[0], issueCode(i)]));
    expect(codes).toEqual({
      name: { code: "validation.required", params: { min: 1 } },
      short: { code: "validation.tooShort", params: { min: 3 } },
      long: { code: "validation.tooLong", params: { max: 5 } },
      count: { code: "validation.notANumber", params: {} },
      whole: { code: "validation.wholeNumber", params: {} },
      mail: { code: "validation.email", params: {} },
      day: { code: "validation.date", params: {} },
      pick: { code: "validation.choice", params: {} },
      many: { code: "validation.chooseAtLeast", params: { min: 1 } },
      custom: { code: "concept.errors.titleShort", params: { min: 3 } },
    });
    const missing = z.object({ a: z.string() }).safeParse({}).error!.issues[0];
    expect(issueCode(missing).code).toBe("validation.required");
  });

  it("come out as texts per field in German and English", () => {
    expect(translateIssues(de, issues)).toMatchObject({
      long: "Höchstens 5 Zeichen sind möglich.",
      mail: "Bitte geben Sie eine gültige E-Mail-Adresse an.",
      custom: "Der Titel ist zu kurz.",
    });
    expect(translateIssues(en, issues)).toMatchObject({
      long: "At most 5 characters are allowed.",
      mail: "Please enter a valid e-mail address.",
      custom: "The title is too short.",
    });
  });
});
