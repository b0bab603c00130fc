import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withSystem, withTenant } from "../db/context";
import { createTestDb, rolledBack, tenantIds } from "../../../tests/support/db";
import { messageOf, must } from "../../../tests/support/errors";
import "./sso-strings";
import { getSsoSettings, mapRole, saveSsoSettings, type SsoSettingsInput } from "./oidc";
import { findUserByEmail, loadSessionUser } from "./service";

// Single sign-on's settings and role mapping (decision 0047): the mapping picks the highest mapped
// role or the default, settings are validated, per tenant under row-level security, and audited; a
// tenant without local passwords counts only in a session its provider opened.

let db: Database;
let cleanup: () => Promise<void>;
let ids: Record<string, string>;
const as = <T>(tenantId: string, fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test" } }, fn);

const SETTINGS: SsoSettingsInput = {
  enabled: true,
  displayName: "Dienstkonto Stadt Aachen",
  issuer: "https://login.aachen.example/realms/stadt",
  clientId: "teilhabe",
  clientSecretEnv: "OIDC_AACHEN_SECRET",
  scopes: "openid  email profile groups",
  roleClaim: "groups",
  defaultRole: "",
  passwordLogin: true,
  mappings: [
    { claimValue: "Teilhabe-Redaktion", role: "editor" },
    { claimValue: "Teilhabe-Admins", role: "admin" },
  ],
};

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ids = await tenantIds(db);
});
afterAll(async () => {
  await cleanup();
});

describe("mapRole", () => {
  const maps = [
    { claimValue: "redaktion", role: "editor" as const },
    { claimValue: "admins", role: "admin" as const },
    { claimValue: "lesend", role: "viewer" as const },
  ];
  it("gives the highest role any of the claim's values maps to", () => {
    expect(mapRole({ groups: ["lesend", "redaktion"] }, { roleClaim: "groups", defaultRole: null }, maps)).toBe(
      "editor",
    );
    expect(mapRole({ groups: ["admins", "lesend"] }, { roleClaim: "groups", defaultRole: null }, maps)).toBe("admin");
    expect(mapRole({ roles: "lesend" }, { roleClaim: "roles", defaultRole: null }, maps)).toBe("viewer");
  });
  it("reads a nested claim by its dotted name (Keycloak realm roles)", () => {
    const claims = { realm_access: { roles: ["offline_access", "redaktion"] } };
    expect(mapRole(claims, { roleClaim: "realm_access.roles", defaultRole: null }, maps)).toBe("editor");
  });
  it("falls back to the default role, or no access without one", () => {
    expect(mapRole({ groups: ["andere"] }, { roleClaim: "groups", defaultRole: "viewer" }, maps)).toBe("viewer");
    expect(mapRole({ groups: ["andere"] }, { roleClaim: "groups", defaultRole: null }, maps)).toBeNull();
    expect(mapRole({}, { roleClaim: "groups", defaultRole: null }, maps)).toBeNull();
    // A value is matched exactly, not by case or part.
    expect(
      mapRole({ groups: ["Redaktion", "redaktion-alt"] }, { roleClaim: "groups", defaultRole: null }, maps),
    ).toBeNull();
  });
});

describe("saveSsoSettings", () => {
  it("saves the settings and their mappings, audited, visible only to the tenant", async () => {
    await rolledBack(db, ids.aachen, async (tx) => {
      const saved = must(await saveSsoSettings(tx, SETTINGS));
      expect(saved.scopes).toBe("openid email profile groups");
      expect(saved.defaultRole).toBeNull();
      expect(saved.mappings).toEqual([
        { claimValue: "Teilhabe-Admins", role: "admin" },
        { claimValue: "Teilhabe-Redaktion", role: "editor" },
      ]);
      // Saving again replaces the mappings.
      must(
        await saveSsoSettings(tx, {
          ...SETTINGS,
          defaultRole: "viewer",
          mappings: [{ claimValue: "x", role: "partner" }],
        }),
      );
      const again = (await getSsoSettings(tx))!;
      expect(again.mappings).toEqual([{ claimValue: "x", role: "partner" }]);
      expect(again.defaultRole).toBe("viewer");
      const log = await rows<{ action: string; after: { clientSecretEnv: string } }>(
        tx,
        sql`SELECT action, after FROM audit_log WHERE entity = 'oidc_config' ORDER BY at`,
      );
      expect(log.map((l) => l.action)).toEqual(["create", "update"]);
      expect(log[0].after.clientSecretEnv).toBe("OIDC_AACHEN_SECRET");
      // Another tenant sees neither the settings nor the mappings.
      await tx.execute(sql`SELECT set_config('app.tenant_id', ${ids.koeln}, true)`);
      expect(await getSsoSettings(tx)).toBeNull();
      expect(await rows(tx, sql`SELECT * FROM oidc_role_mappings`)).toEqual([]);
    });
  });

  it("refuses a plain-http issuer, a secret variable outside OIDC_, scopes without openid and a value mapped twice", async () => {
    await rolledBack(db, ids.aachen, async (tx) => {
      expect(messageOf(await saveSsoSettings(tx, { ...SETTINGS, issuer: "http://login.aachen.example" }))).toBe(
        "Die Aussteller-URL muss mit https:// beginnen.",
      );
      expect(messageOf(await saveSsoSettings(tx, { ...SETTINGS, clientSecretEnv: "DATABASE_URL" }))).toBe(
        "Der Name muss mit OIDC_ beginnen und darf nur Großbuchstaben, Ziffern und _ enthalten.",
      );
      expect(messageOf(await saveSsoSettings(tx, { ...SETTINGS, scopes: "email profile" }))).toBe(
        "Die Scopes müssen openid enthalten.",
      );
      const twice = await saveSsoSettings(tx, {
        ...SETTINGS,
        mappings: [
          { claimValue: "a", role: "editor" },
          { claimValue: "a", role: "admin" },
        ],
      });
      expect(messageOf(twice)).toBe("Der Wert „a“ ist zweimal zugeordnet.");
      expect(await getSsoSettings(tx)).toBeNull();
      // An empty variable name: a public client.
      expect(must(await saveSsoSettings(tx, { ...SETTINGS, clientSecretEnv: " " })).clientSecretEnv).toBeNull();
    });
  });
});

describe("a tenant that allows only single sign-on", () => {
  it("counts for a member only in a session its provider opened", async () => {
    await as(ids.aachen, async (tx) => must(await saveSsoSettings(tx, { ...SETTINGS, passwordLogin: false })));
    try {
      await withSystem(db, async (tx) => {
        const u = (await findUserByEmail(tx, "editor.aachen@example.org"))!;
        const local = await loadSessionUser(tx, u.id);
        expect(local.memberships.map((m) => m.slug)).not.toContain("aachen");
        const sso = await loadSessionUser(tx, u.id, { secondFactorAt: null, reauthAt: null, ssoTenantId: ids.aachen });
        expect(sso.memberships.map((m) => m.slug)).toContain("aachen");
        expect(sso.sso).toEqual({ tenantId: ids.aachen });
      });
      // Local passwords allowed again: the membership counts in any session.
      await as(ids.aachen, async (tx) => must(await saveSsoSettings(tx, SETTINGS)));
      await withSystem(db, async (tx) => {
        const u = (await findUserByEmail(tx, "editor.aachen@example.org"))!;
        expect((await loadSessionUser(tx, u.id)).memberships.map((m) => m.slug)).toContain("aachen");
      });
    } finally {
      await as(ids.aachen, (tx) => tx.execute(sql`DELETE FROM oidc_configs`));
    }
  });
});
