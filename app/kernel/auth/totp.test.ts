import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  groupSecret,
  hotp,
  isRecoveryCodeShape,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
} from "./totp";

// The RFC's shared secret "12345678901234567890" (ASCII), also in base32.
const KEY = Buffer.from("12345678901234567890");
const SECRET = base32Encode(KEY);

describe("HOTP (RFC 4226, appendix D)", () => {
  it("gives the RFC's ten values", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, i) => hotp(KEY, i))).toEqual(expected);
  });
});

describe("TOTP (RFC 6238, appendix B, SHA-1)", () => {
  it("gives the RFC's eight-digit values at the RFC's times", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(SECRET, seconds * 1000, 8)).toBe(code);
  });

  it("uses six digits by default (the last six of the eight)", () => {
    expect(totpCode(SECRET, 1111111109_000)).toBe("081804");
  });
});

describe("base32", () => {
  it("round-trips and reads the RFC 4648 test vector", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw6ytboi======")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW 6YTB-OI")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(groupSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});

describe("matching a code", () => {
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  const at = (s: number) => s * 30_000;

  it("accepts the current step and one on either side, not two", () => {
    expect(matchTotp(SECRET, totpCode(SECRET, now), now, null)).toBe(step);
    expect(matchTotp(SECRET, totpCode(SECRET, at(step - 1)), now, null)).toBe(step - 1);
    expect(matchTotp(SECRET, totpCode(SECRET, at(step + 1)), now, null)).toBe(step + 1);
    expect(matchTotp(SECRET, totpCode(SECRET, at(step - 2)), now, null)).toBeNull();
    expect(matchTotp(SECRET, totpCode(SECRET, at(step + 2)), now, null)).toBeNull();
  });

  it("refuses a step already used, and any earlier one (replay)", () => {
    const code = totpCode(SECRET, now);
    expect(matchTotp(SECRET, code, now, step)).toBeNull();
    expect(matchTotp(SECRET, totpCode(SECRET, at(step - 1)), now, step)).toBeNull();
    expect(matchTotp(SECRET, totpCode(SECRET, at(step + 1)), now, step)).toBe(step + 1);
    expect(matchTotp(SECRET, code, now, step - 1)).toBe(step);
  });

  it("refuses malformed input and another secret's code", () => {
    expect(matchTotp(SECRET, "12345", now, null)).toBeNull();
    expect(matchTotp(SECRET, "abcdef", now, null)).toBeNull();
    const wrong = String((Number(totpCode(SECRET, now)) + 500_000) % 1_000_000).padStart(6, "0");
    expect([wrong, totpCode(SECRET, at(step - 1)), totpCode(SECRET, at(step + 1))]).not.toContain(
      totpCode(SECRET, now),
    );
    expect(matchTotp(SECRET, wrong, now, null)).not.toBe(step);
    expect(
      matchTotp(SECRET, ` ${totpCode(SECRET, now).slice(0, 3)} ${totpCode(SECRET, now).slice(3)} `, now, null),
    ).toBe(step);
  });
});

describe("otpauth URI and recovery codes", () => {
  it("names issuer, account and parameters", () => {
    const u = new URL(otpauthUri(SECRET, "a@example.org", "Teilhabe"));
    expect(u.protocol).toBe("otpauth:");
    expect(u.host).toBe("totp");
    expect(decodeURIComponent(u.pathname)).toBe("/Teilhabe:a@example.org");
    expect(Object.fromEntries(u.searchParams)).toEqual({
      secret: SECRET,
      issuer: "Teilhabe",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });

  it("recovery codes have their own shape, distinct from a TOTP code", () => {
    const c = newRecoveryCode();
    expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(isRecoveryCodeShape(c.toLowerCase())).toBe(true);
    expect(isRecoveryCodeShape("123456")).toBe(false);
  });
});
