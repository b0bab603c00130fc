import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { intakeClient, openClient, writeCategory } from "../core/clients";
import { addInstitution, addSite, addStaff, createNetwork } from "../core/network";
import { approveBreakGlass, listBreakGlass, openBreakGlass, requestBreakGlass, reviewBreakGlass } from "./service";

// Break-glass (migration 0882): without approval nothing opens; the requester cannot approve their own
// request; an approved one opens the named categories only, read only, logged as 'break_glass'; once
// expired nothing opens again; the owning institution's data-protection officer reviews it.

const ACTORS = ["owner", "coordination", "lead", "dpo", "requester", "abh", "volunteer", "tenantAdmin"] as const;
type Actor = (typeof ACTORS)[number];
let db: Database;
let cleanup: () => Promise<void>;
let networkId: string;
let clientId: string;
let pseudonym: string;
const userOf = {} as Record<Actor, string>;
const REASON = "Notfall: Klient im Krankenhaus, Zuständige nicht erreichbar";

const as = <T>(actor: Actor, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: userOf[actor], networkId, label: actor }, fn);
const request = (actor: Actor, categories = ["identity", "plan"]) =>
  as(actor, (tx, me) => requestBreakGlass(tx, me, { pseudonym, categories, reason: REASON }));
const readable = (actor: Actor) =>
  as(actor, async (tx) => {
    const r = await rows<{ category: string }>(tx, sql`SELECT category FROM case_client_data ORDER BY category`);
    return r.map((x) => x.category).join(" ");
  });

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  const t = await tenantIds(db);
  await withSystem(db, async (tx) => {
    networkId = await createNetwork(tx, { hostTenantId: t["staedteregion-aachen"], name: "IP Notfalltest" });
    const site = await addSite(tx, networkId, { name: "Aachen", postcode: "52062" });
    const sr = t["staedteregion-aachen"];
    const jc = await addInstitution(tx, networkId, {
      tenantId: sr,
      kind: "jobcenter",
      name: "Jobcenter",
      siteIds: [site],
    });
    const ja = await addInstitution(tx, networkId, { tenantId: t.aachen, kind: "jugendamt", name: "Jugendamt" });
    const abh = await addInstitution(tx, networkId, { tenantId: sr, kind: "auslaenderbehoerde", name: "ABH" });
    const vol = await addInstitution(tx, networkId, {
      tenantId: t.aachen,
      kind: "volunteer_network",
      name: "Ehrenamt",
    });
    for (const a of ACTORS) {
      const [u] = await tx
        .insert(users)
        .values({ email: `${a}@notfall.example.org`, displayName: a })
        .returning({ id: users.id });
      userOf[a] = u.id;
    }
    await addStaff(tx, networkId, { userId: userOf.owner, institutionId: jc, siteId: site, role: "specialist" });
    await addStaff(tx, networkId, {
      userId: userOf.coordination,
      institutionId: jc,
      siteId: site,
      role: "coordination",
    });
    await addStaff(tx, networkId, { userId: userOf.lead, institutionId: jc, role: "lead" });
    await addStaff(tx, networkId, { userId: userOf.dpo, institutionId: jc, role: "dpo" });
    await addStaff(tx, networkId, { userId: userOf.requester, institutionId: ja, siteId: site, role: "specialist" });
    await addStaff(tx, networkId, { userId: userOf.abh, institutionId: abh, siteId: site, role: "specialist" });
    await addStaff(tx, networkId, { userId: userOf.volunteer, institutionId: vol, siteId: site, role: "volunteer" });
    await tx.execute(
      sql`INSERT INTO memberships (user_id, tenant_id, role) VALUES (${userOf.tenantAdmin}, ${sr}, 'admin')`,
    );
  });
  ({ clientId, pseudonym } = await as("owner", async (tx, me) => {
    const { id } = must(
      await intakeClient(tx, me, {
        identity: { familyName: "Sentinel-Notfall", givenNames: "Fiktiv", birthDate: "1990-01-01" },
        intakeDate: "2026-01-10",
      }),
    );
    must(await writeCategory(tx, me, id, "plan", { goals: "Sprachkurs" }));
    must(await writeCategory(tx, me, id, "notes", { text: "Vermerk" }));
    const [c] = await rows<{ pseudonym: string }>(tx, sql`SELECT pseudonym FROM case_clients WHERE id = ${id}::uuid`);
    return { clientId: id, pseudonym: c.pseudonym };
  }));
});
afterAll(async () => cleanup());

describe("break-glass", () => {
  it("is refused to the tenant admin, volunteers, the Ausländerbehörde and the owning institution", async () => {
    for (const a of ["tenantAdmin", "volunteer", "abh", "dpo"] as const)
      expect(await request(a)).toMatchObject({ ok: false, error: { code: "cases.breakglass.errors.notAllowed" } });
    expect(await request("owner")).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.ownInstitution" },
    });
    // The database refuses too, whatever the service asks first.
    await expect(
      as("volunteer", (tx) => tx.execute(sql`SELECT case_break_glass_request(${pseudonym}, '{plan}', ${REASON})`)),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(
      as("requester", (tx) =>
        tx.execute(sql`INSERT INTO case_break_glass (network_id, client_id, requested_by, reason, categories)
          SELECT ${networkId}::uuid, ${clientId}::uuid, id, ${REASON}, '{plan}' FROM case_me()`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    expect(
      await as("requester", (tx, me) => requestBreakGlass(tx, me, { pseudonym, categories: ["plan"], reason: "kurz" })),
    ).toMatchObject({ ok: false, error: { code: "cases.breakglass.errors.reason" } });
  });

  it("opens nothing before approval, refuses self-approval, then opens the named categories only, logged", async () => {
    const { id } = must(await request("requester"));
    expect(await readable("requester")).toBe("");
    expect(await as("requester", (tx, me) => openBreakGlass(tx, me, id))).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.notOpen" },
    });
    // Nobody approves their own request; the database refuses it too (CHECK approved_by <> requested_by).
    expect(await as("requester", (tx, me) => approveBreakGlass(tx, me, id))).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.notAllowed" },
    });
    await expect(
      withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_break_glass SET approved_by = requested_by,
        approved_at = now(), expires_at = now() WHERE id = ${id}::uuid`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
    // The owning institution's approvers see it; the DPO cannot approve.
    expect((await as("lead", (tx, me) => listBreakGlass(tx, me))).toApprove.map((g) => g.pseudonym)).toEqual([
      pseudonym,
    ]);
    expect(await as("dpo", (tx, me) => approveBreakGlass(tx, me, id))).toMatchObject({ ok: false });
    must(await as("coordination", (tx, me) => approveBreakGlass(tx, me, id)));
    expect(await as("lead", (tx, me) => approveBreakGlass(tx, me, id))).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.alreadyApproved" },
    });

    expect(await readable("requester")).toBe("identity plan");
    const opened = must(await as("requester", (tx, me) => openBreakGlass(tx, me, id)));
    expect(Object.keys(opened.documents).sort()).toEqual(["identity", "plan"]);
    expect(opened.documents.identity).toMatchObject({ familyName: "Sentinel-Notfall" });
    expect(opened.writable).toEqual([]);
    // Opening the client page the ordinary way under break-glass is logged as break-glass as well.
    must(await as("requester", (tx, me) => openClient(tx, me, clientId)));
    const log = await as("owner", (tx) =>
      rows<{ reason: string; categories: string[] }>(
        tx,
        sql`SELECT e.reason, e.categories FROM case_access_events e JOIN case_staff s ON s.id = e.staff_id
          WHERE e.client_id = ${clientId}::uuid AND s.user_id = ${userOf.requester}::uuid ORDER BY e.id`,
      ),
    );
    expect(log).toEqual([
      { reason: "break_glass", categories: ["identity", "plan"] },
      { reason: "break_glass", categories: ["identity", "plan"] },
    ]);
    // Read only: no write under break-glass.
    expect(
      await as(
        "requester",
        async (tx) =>
          (await rows<{ w: boolean }>(tx, sql`SELECT case_may(${clientId}::uuid, 'plan', 'write') AS w`))[0].w,
      ),
    ).toBe(false);

    // After its end nothing opens (the end moved into the past: it may only move earlier).
    await withSystem(db, (tx) =>
      tx.execute(sql`UPDATE case_break_glass SET expires_at = now() - interval '1 minute' WHERE id = ${id}::uuid`),
    );
    await expect(
      withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_break_glass SET expires_at = now() + interval '1 hour' WHERE id = ${id}::uuid`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
    expect(await readable("requester")).toBe("");
    expect(await as("requester", (tx, me) => openBreakGlass(tx, me, id))).toMatchObject({ ok: false });

    // The data-protection officer reviews it, once; nobody else does.
    expect(await as("coordination", (tx, me) => reviewBreakGlass(tx, me, id, { note: "Angemessen." }))).toMatchObject({
      ok: false,
    });
    expect((await as("dpo", (tx, me) => listBreakGlass(tx, me))).toReview.map((g) => g.pseudonym)).toEqual([pseudonym]);
    must(await as("dpo", (tx, me) => reviewBreakGlass(tx, me, id, { note: "Notfall belegt, angemessen." })));
    expect(await as("dpo", (tx, me) => reviewBreakGlass(tx, me, id, { note: "Nochmal." }))).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.alreadyReviewed" },
    });
    const [rec] = await withSystem(db, (tx) =>
      rows<{ note: string; reviewer: string }>(
        tx,
        sql`SELECT g.review_note AS note, s.user_id AS reviewer FROM case_break_glass g
          JOIN case_staff s ON s.id = g.reviewed_by WHERE g.id = ${id}::uuid`,
      ),
    );
    expect(rec).toEqual({ note: "Notfall belegt, angemessen.", reviewer: userOf.dpo });
    expect((await as("dpo", (tx, me) => listBreakGlass(tx, me))).toReview).toEqual([]);
  });

  it("lets a request nobody approved within 24 hours expire: neither the page nor the database approves it", async () => {
    const [{ id }] = await withSystem(db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`INSERT INTO case_break_glass (network_id, client_id, requested_by, reason, categories, requested_at)
          SELECT ${networkId}::uuid, ${clientId}::uuid, id, ${REASON}, '{plan}', now() - interval '25 hours'
          FROM case_staff WHERE user_id = ${userOf.requester}::uuid RETURNING id`,
      ),
    );
    expect((await as("lead", (tx, me) => listBreakGlass(tx, me))).toApprove.map((g) => g.id)).not.toContain(id);
    expect((await as("requester", (tx, me) => listBreakGlass(tx, me))).mine.find((g) => g.id === id)).toMatchObject({
      stale: true,
      open: false,
    });
    expect(await as("coordination", (tx, me) => approveBreakGlass(tx, me, id))).toMatchObject({
      ok: false,
      error: { code: "cases.breakglass.errors.stale" },
    });
    await expect(
      as("coordination", (tx, me) =>
        tx.execute(sql`UPDATE case_break_glass SET approved_by = ${me!.id}::uuid, approved_at = now(),
          expires_at = now() + interval '1 hour' WHERE id = ${id}::uuid`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
    expect(await readable("requester")).toBe("");
  });
});
