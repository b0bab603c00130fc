import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
import { apiTokens, tenants } from "../db/schema";
import { audit } from "../audit/service";
import { newToken, sha256 } from "./crypto";

export const ApiTokenInput = z.object({
  name: z.string().trim().min(2).max(100),
  canWrite: z.boolean().default(false),
});

/** Returns the token in clear text once; only its hash is kept. */
export async function createApiToken(tx: Tx, createdBy: string | null, input: z.infer<typeof ApiTokenInput>) {
  const token = `th_${newToken()}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      name: input.name,
      canWrite: input.canWrite,
      tokenHash: sha256(token),
      createdBy,
    })
    .returning({ id: apiTokens.id, name: apiTokens.name });
  await audit(tx, {
    action: "create",
    entity: "api_token",
    entityId: row.id,
    after: { name: input.name, canWrite: input.canWrite },
  });
  return { ...row, token };
}

export async function listApiTokens(tx: Tx) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      canWrite: apiTokens.canWrite,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(tx: Tx, id: string): Promise<boolean> {
  const r = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (r.length) await audit(tx, { action: "revoke", entity: "api_token", entityId: id });
  return r.length > 0;
}

export interface TokenPrincipal {
  tokenId: string;
  tenantId: string;
  tenantSlug: string;
  name: string;
  canWrite: boolean;
}

/** Looks a bearer token up across tenants (the tenant is not known before). */
export async function resolveApiToken(db: Database, token: string): Promise<TokenPrincipal | null> {
  return withSystem(db, async (tx) => {
    const [r] = await tx
      .select({
        tokenId: apiTokens.id,
        tenantId: apiTokens.tenantId,
        tenantSlug: tenants.slug,
        name: apiTokens.name,
        canWrite: apiTokens.canWrite,
      })
      .from(apiTokens)
      .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
    if (!r) return null;
    await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, r.tokenId));
    return r;
  });
}
