import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, config } from "~/kernel/config";

// Envelope encryption (decision 0044): a master key (KEK) held outside the database – the file
// CASES_KEY_FILE or the variable CASES_KEY – wraps one data key per client; the data key encrypts that
// client's documents. Deleting a client's wrapped key makes every copy of its documents unreadable,
// also in a backup of the data taken before.
//
// Format of CASES_KEY and of the key file: entries "<id>:<32 bytes in base64>", separated by commas
// or new lines, "#" starts a comment. The LAST entry is current: it wraps new keys; the others only
// unwrap until `cases:rotate-key` has re-wrapped everything under the current one.

const ALGO = "aes-256-gcm";
const NONCE = 12;
const TAG = 16;
/** nonce ‖ tag ‖ 32-byte key: what case_keys.client_keys.wrapped holds. */
export const WRAPPED_BYTES = NONCE + TAG + 32;

export interface Keyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Where it came from, for messages ("CASES_KEY" or the file's path). */
  source: string;
}

export function parseKeyring(text: string, source: string): Keyring {
  const keys = new Map<string, Buffer>();
  let current = "";
  // Comments first, per line: a comment may itself contain a comma.
  const entries = text.split("\n").flatMap((line) => line.replace(/#.*/, "").split(","));
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^([A-Za-z0-9_-]{1,40}):([A-Za-z0-9+/=]+)$/.exec(entry);
    const key = m ? Buffer.from(m[2], "base64") : undefined;
    if (!m || key?.length !== 32)
      throw new ConfigError(
        `Fallarbeit: Der Schlüssel in ${source} ist ungültig. Erwartet wird „<Kennung>:<32 Byte in Base64>“, ` +
          `z. B. erzeugt mit: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`,
      );
    if (keys.has(m[1])) throw new ConfigError(`Fallarbeit: Die Schlüsselkennung „${m[1]}“ steht in ${source} doppelt.`);
    keys.set(m[1], key);
    current = m[1];
  }
  if (!current) throw new ConfigError(`Fallarbeit: ${source} enthält keinen Schlüssel.`);
  return { current, keys, source };
}

/** The configured key file's path. */
export const keyFilePath = () => path.resolve(config().casesKeyFile ?? path.join(config().dataDir, "cases.key"));

let cached: Keyring | undefined;
/**
 * The master keys, read once per process. Without them case work cannot run at all: this throws
 * a ConfigError the server prints before refusing to start (see preflight.ts).
 */
export function keyring(): Keyring {
  if (cached) return cached;
  const env = config().casesKey;
  if (env) return (cached = parseKeyring(env, "CASES_KEY"));
  const file = keyFilePath();
  if (!fs.existsSync(file))
    throw new ConfigError(
      `Fallarbeit: Kein Schlüssel. Die Falldaten sind verschlüsselt; der Hauptschlüssel liegt außerhalb der Datenbank ` +
        `in CASES_KEY oder in der Datei ${file} (CASES_KEY_FILE). Ohne ihn startet der Server nicht.`,
    );
  return (cached = parseKeyring(fs.readFileSync(file, "utf8"), file));
}
/** Forgets the cached keys (tests, and the rotation command after writing a new file). */
export function resetKeyring() {
  cached = undefined;
}

/** Writes a new key file with one fresh key; refuses to overwrite one. */
export function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}:${crypto.randomBytes(32).toString("base64")}\n`;
  fs.writeFileSync(
    file,
    `# Hauptschlüssel der Fallarbeit (Teilhabe). Ohne diese Datei sind die Falldaten unlesbar:\n` +
      `# getrennt von der Datenbank sichern, nie zusammen mit ihr.\n${line}`,
    { flag: "wx", mode: 0o600 },
  );
}

function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const nonce = crypto.randomBytes(NONCE);
  const c = crypto.createCipheriv(ALGO, key, nonce);
  c.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, c.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error("cases: ciphertext too short");
  const d = crypto.createDecipheriv(ALGO, key, sealed.subarray(0, NONCE));
  d.setAAD(Buffer.from(aad, "utf8"));
  d.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
  return Buffer.concat([d.update(sealed.subarray(NONCE + TAG)), d.final()]);
}

/** A fresh data key for a client, wrapped under the current master key. */
export function newClientKey(clientId: string, ring = keyring()): { dataKey: Buffer; kekId: string; wrapped: Buffer } {
  const dataKey = crypto.randomBytes(32);
  return {
    dataKey,
    kekId: ring.current,
    wrapped: seal(ring.keys.get(ring.current)!, dataKey, `client-key:${clientId}`),
  };
}

export function unwrapClientKey(clientId: string, kekId: string, wrapped: Buffer, ring = keyring()): Buffer {
  const kek = ring.keys.get(kekId);
  if (!kek) throw new ConfigError(`Fallarbeit: Der Schlüssel „${kekId}“ fehlt in ${ring.source}.`);
  return open(kek, wrapped, `client-key:${clientId}`);
}

/** Re-wraps a client's data key under the current master key (rotation). */
export function rewrapClientKey(clientId: string, kekId: string, wrapped: Buffer, ring = keyring()) {
  const dataKey = unwrapClientKey(clientId, kekId, wrapped, ring);
  return { kekId: ring.current, wrapped: seal(ring.keys.get(ring.current)!, dataKey, `client-key:${clientId}`) };
}

/** Wraps any other 32-byte key under the current master key; `aad` names what it is for (search keys). */
export function wrapKey(key: Buffer, aad: string, ring = keyring()): { kekId: string; wrapped: Buffer } {
  return { kekId: ring.current, wrapped: seal(ring.keys.get(ring.current)!, key, aad) };
}
export function unwrapKey(kekId: string, wrapped: Buffer, aad: string, ring = keyring()): Buffer {
  const kek = ring.keys.get(kekId);
  if (!kek) throw new ConfigError(`Fallarbeit: Der Schlüssel „${kekId}“ fehlt in ${ring.source}.`);
  return open(kek, wrapped, aad);
}

/** Encrypts one category's document of a client; the client and category are bound into it. */
export const sealDocument = (dataKey: Buffer, clientId: string, category: string, doc: unknown): Buffer =>
  seal(dataKey, Buffer.from(JSON.stringify(doc), "utf8"), `doc:${clientId}:${category}`);

export const openDocument = (dataKey: Buffer, clientId: string, category: string, sealed: Buffer): unknown =>
  JSON.parse(open(dataKey, sealed, `doc:${clientId}:${category}`).toString("utf8"));

/** Encrypts raw bytes of a client (an attachment's file or name); `what` names the row and field. */
export const sealBytes = (dataKey: Buffer, clientId: string, what: string, bytes: Buffer): Buffer =>
  seal(dataKey, bytes, `doc:${clientId}:${what}`);

export const openBytes = (dataKey: Buffer, clientId: string, what: string, sealed: Buffer): Buffer =>
  open(dataKey, sealed, `doc:${clientId}:${what}`);
