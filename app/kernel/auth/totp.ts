import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// RFC 6238 time-based one-time passwords (HMAC-SHA-1, 6 digits, 30-second steps) over RFC 4226
// HOTP, written with node:crypto only. docs/decisions/0045-second-factor.md
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted on either side of the current one (clock drift of the phone). */
export const TOTP_WINDOW = 1;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding. */
export function base32Encode(buf: Uint8Array): string {
  let bits = 0,
    value = 0,
    out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, dashes and padding; null for any other character. */
export function base32Decode(s: string): Buffer | null {
  const clean = s.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0,
    value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return null;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, the size RFC 4226 recommends), base32. */
export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The secret in groups of four for typing it into an app by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

/** RFC 4226 HOTP value of `counter` for a raw key. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

/** The time step of a moment (milliseconds since the epoch). */
export const totpStep = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);

/** The code of a base32 secret at a moment. */
export function totpCode(secret: string, nowMs: number, digits = TOTP_DIGITS): string {
  const key = base32Decode(secret);
  if (!key) throw new Error("Ungültiges TOTP-Geheimnis");
  return hotp(key, totpStep(nowMs), digits);
}

/**
 * The step whose code `code` is, within ±TOTP_WINDOW steps of `nowMs`, and later than `lastStep`
 * (a step used once is never accepted again: replay protection); null if none. The caller stores
 * the returned step as the new last step, atomically (service: UPDATE … WHERE last_step < step).
 */
export function matchTotp(secret: string, code: string, nowMs: number, lastStep: number | null): number | null {
  const key = base32Decode(secret);
  const given = code.replace(/\s/g, "");
  if (!key || !new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(given)) return null;
  const now = totpStep(nowMs);
  let found: number | null = null;
  // Every step of the window is computed and compared in constant time, whatever matches.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given));
    if (same && (lastStep === null || step > lastStep) && found === null) found = step;
  }
  return found;
}

/** The otpauth:// URI authenticator apps read from the QR code (Key URI Format). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}

// Recovery codes: 10 characters of the base32 alphabet (50 bits), shown as XXXXX-XXXXX.
export const RECOVERY_CODE_COUNT = 10;
export function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(7)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
/** A recovery code as stored (hashed): upper case without dashes or spaces. */
export const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, "");
/** Whether an entered code looks like a recovery code (and not like a 6-digit TOTP code). */
export const isRecoveryCodeShape = (code: string) => /^[A-Z2-7]{10}$/.test(normaliseRecoveryCode(code));
