import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { TestServer } from "./server";

/** Stores an API token for a tenant straight in the database and returns it in clear text. */
export async function insertApiToken(s: TestServer, slug: string, canWrite: boolean): Promise<string> {
  const token = `th_test_${randomBytes(16).toString("hex")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  await s.db.orm.execute(
    sql`INSERT INTO api_tokens (tenant_id, name, can_write, token_hash)
        SELECT id, ${`Test ${hash.slice(0, 8)}`}, ${canWrite}, ${hash} FROM tenants WHERE slug = ${slug}`,
  );
  return token;
}
