import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
const ARGON = {
  algorithm: 2 as Algorithm /* Argon2id (a const enum, not importable as a value) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (pw: string) => hash(pw, ARGON);
export const verifyPassword = async (stored: string, pw: string) => {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
};

/** A random token for cookies and links; only its SHA-256 is stored. */
export const newToken = () => randomBytes(32).toString("base64url");
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

// Verifying against this keeps the timing of "unknown e-mail" equal to "wrong password".
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword("timing-equaliser"));
