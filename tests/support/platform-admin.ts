import { sql } from "drizzle-orm";
import { newTotpSecret, totpCode } from "../../app/kernel/auth/totp";
import type { Client, TestServer } from "./server";

// Platform admins always log in with a second factor (issue 17 item 2, decision 0045). Tests that act
// as the demo platform admin set one up directly in the database, once per database, and log in with
// its code. The replay guard (the newest used step) is cleared after each login so a test may log in
// again within the same 30 seconds; the guard itself is tested in app/kernel/auth/second-factor.db.test.ts.

export const PLATFORM_ADMIN = "plattform@example.org";
const PW = "Teilhabe-Demo-2026";
const secrets = new WeakMap<object, string>();

type Db = TestServer["db"];
const exec = (db: Db, q: ReturnType<typeof sql>) =>
  db.orm.execute(q) as unknown as Promise<{ rows: Record<string, unknown>[] }>;

async function secretOf(db: Db): Promise<string> {
  const known = secrets.get(db);
  if (known) return known;
  const secret = newTotpSecret();
  await exec(
    db,
    sql`INSERT INTO second_factors (user_id, secret, enrolled_at)
        SELECT id, ${secret}, now() FROM users WHERE email = ${PLATFORM_ADMIN}
        ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, enrolled_at = now(), last_step = NULL`,
  );
  secrets.set(db, secret);
  return secret;
}

/** Logs `c` in as the demo platform admin, with password and code. */
export async function loginPlatformAdmin(c: Client, db: Db): Promise<void> {
  const secret = await secretOf(db);
  await c.login(PLATFORM_ADMIN, PW);
  const r = await c.post("/anmelden", { intent: "code", code: totpCode(secret, Date.now()) });
  if (r.status !== 302) throw new Error(`Code für ${PLATFORM_ADMIN} abgelehnt: ${r.status}`);
  await exec(
    db,
    sql`UPDATE second_factors SET last_step = NULL WHERE user_id = (SELECT id FROM users WHERE email = ${PLATFORM_ADMIN})`,
  );
}
