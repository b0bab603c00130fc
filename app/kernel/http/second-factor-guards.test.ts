import { describe, expect, it } from "vitest";
import { RouterContextProvider } from "react-router";
import type { SessionUser } from "../auth/service";
import { requestContext, requireRecentReauth, requireSecondFactor, type RequestState } from "./context";

// The guards modules call from loaders and actions (decision 0045): where they send whom.
const request = new Request("http://x.invalid/t/koeln/verwaltung/oeffnung/faelle?seite=2");
const weiter = encodeURIComponent("/t/koeln/verwaltung/oeffnung/faelle?seite=2");
const user = (o: Partial<SessionUser>): SessionUser => ({
  id: "u",
  email: "a@example.org",
  displayName: "A",
  isSuperadmin: false,
  locale: "de",
  memberships: [],
  secondFactor: { enrolled: true, verifiedAt: new Date(), required: false },
  reauthAt: new Date(),
  sso: null,
  ...o,
});
const ctx = (u: SessionUser | null) => {
  const c = new RouterContextProvider();
  c.set(requestContext, { user: u, lang: "de" } as RequestState);
  return c;
};
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof Response ? `${e.status} ${e.headers.get("location")}` : String(e);
  }
  return "passed";
};

describe("requireSecondFactor", () => {
  it("sends the unenrolled to enrolment, the unverified to confirmation, and lets the verified pass", () => {
    const none = user({ secondFactor: { enrolled: false, verifiedAt: null, required: false } });
    expect(thrown(() => requireSecondFactor(ctx(none), request))).toBe(`302 /konto/zweiter-faktor?weiter=${weiter}`);
    const unverified = user({ secondFactor: { enrolled: true, verifiedAt: null, required: false } });
    expect(thrown(() => requireSecondFactor(ctx(unverified), request))).toBe(
      `302 /anmelden/bestaetigen?weiter=${weiter}`,
    );
    expect(thrown(() => requireSecondFactor(ctx(user({})), request))).toBe("passed");
    expect(thrown(() => requireSecondFactor(ctx(null), request))).toBe(`302 /anmelden?next=${weiter}`);
  });
});

describe("requireRecentReauth", () => {
  it("asks again when the last confirmation is older than the limit or missing", () => {
    const old = user({ reauthAt: new Date(Date.now() - 11 * 60_000) });
    expect(thrown(() => requireRecentReauth(ctx(old), request, 10))).toBe(`302 /anmelden/bestaetigen?weiter=${weiter}`);
    expect(thrown(() => requireRecentReauth(ctx(user({ reauthAt: null })), request, 10))).toMatch(
      /^302 \/anmelden\/bestaetigen/,
    );
    expect(thrown(() => requireRecentReauth(ctx(old), request, 15))).toBe("passed");
  });
});
