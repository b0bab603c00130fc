import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withSystem, withTenant } from "../db/context";
import { createTenant } from "../tenancy/service";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { must } from "../../../tests/support/errors";
import {
  FEEDBACK_PER_HOUR,
  getLegalPage,
  getPlatformLegalPage,
  saveLegalPage,
  savePlatformLegalPage,
  sendAccessibilityFeedback,
} from "./service";

// The legal pages (issue 17 item 3): each tenant's own under row-level security, the platform's
// written only by the system role, the accessibility statement complete or refused, and its
// feedback reaching the named inbox through the outbox, at most FEEDBACK_PER_HOUR an hour.

let db: Database;
let cleanup: () => Promise<void>;
let ids: Record<string, string>;
let fresh: { id: string; name: string };
const as = <T>(tenantId: string, fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test" } }, fn);
const STATEMENT = {
  kind: "barrierefreiheit",
  body: "Erklärung.",
  conformity: "partial",
  barriers: "Die Karte ist nicht vollständig mit der Tastatur bedienbar.",
  assessedOn: "2026-11-30",
  feedbackEmail: "barrierefrei@neustadt.example.org",
  enforcementName: "Ombudsstelle",
  enforcementUrl: "https://example.org/ombudsstelle",
};

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ids = await tenantIds(db);
  const t = await withSystem(db, (tx) =>
    createTenant(tx, { slug: "neustadt", name: "Stadt Neustadt", kind: "kommune", ags: "05999001" }),
  );
  fresh = { id: t.id, name: t.name };
});
afterAll(async () => cleanup());

describe("legal pages", () => {
  it("keeps each tenant's pages to itself, also against a query for another's", async () => {
    must(await as(fresh.id, (tx) => saveLegalPage(tx, { kind: "impressum", body: "Stadt Neustadt\nRathausplatz 1" })));
    expect((await as(fresh.id, (tx) => getLegalPage(tx, "impressum")))?.body).toBe("Stadt Neustadt\nRathausplatz 1");
    const seen = await as(ids.koeln, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM legal_pages WHERE tenant_id = ${fresh.id}::uuid`),
    );
    expect(seen[0].n).toBe(0);
    // The demo's own page of Köln is untouched.
    expect((await as(ids.koeln, (tx) => getLegalPage(tx, "impressum")))?.body).toContain("Köln");
  });

  it("refuses an accessibility statement without what BITV 2.0 asks of it, and stores a complete one", async () => {
    for (const field of ["conformity", "assessedOn", "feedbackEmail", "enforcementName", "enforcementUrl"] as const) {
      const r = await as(fresh.id, (tx) => saveLegalPage(tx, { ...STATEMENT, [field]: null }));
      expect(r).toMatchObject({ ok: false, field, error: { code: `legal.errors.${field}` } });
    }
    expect(await as(fresh.id, (tx) => saveLegalPage(tx, { ...STATEMENT, barriers: null }))).toMatchObject({
      ok: false,
      field: "barriers",
    });
    expect(
      await as(fresh.id, (tx) => saveLegalPage(tx, { ...STATEMENT, enforcementUrl: "http://example.org/x" })),
    ).toMatchObject({ ok: false, field: "enforcementUrl" });
    expect(await as(fresh.id, (tx) => getLegalPage(tx, "barrierefreiheit"))).toBeUndefined();
    must(await as(fresh.id, (tx) => saveLegalPage(tx, STATEMENT)));
    expect(await as(fresh.id, (tx) => getLegalPage(tx, "barrierefreiheit"))).toMatchObject({
      conformity: "partial",
      assessedOn: "2026-11-30",
      feedbackEmail: "barrierefrei@neustadt.example.org",
    });
    // An Impressum carries none of the statement's fields, whatever is posted.
    must(await as(fresh.id, (tx) => saveLegalPage(tx, { ...STATEMENT, kind: "impressum" })));
    expect(await as(fresh.id, (tx) => getLegalPage(tx, "impressum"))).toMatchObject({
      conformity: null,
      feedbackEmail: null,
    });
  });

  it("lets the request role read the platform's pages but never write them", async () => {
    const [admin] = await withSystem(db, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE email = 'plattform@example.org'`),
    );
    must(await savePlatformLegalPage(db, admin.id, { kind: "impressum", body: "Betreiber GmbH (Test)" }));
    expect((await as(ids.aachen, (tx) => getPlatformLegalPage(tx, "impressum")))?.body).toBe("Betreiber GmbH (Test)");
    await expect(
      as(ids.aachen, (tx) => tx.execute(sql`UPDATE platform_legal_pages SET body = 'übernommen'`)),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    const audit = await withSystem(db, (tx) =>
      rows<{ actor: string }>(
        tx,
        sql`SELECT actor_id AS actor FROM audit_log WHERE entity = 'platform_legal_page' AND entity_id = 'impressum'`,
      ),
    );
    expect(audit).toEqual([{ actor: admin.id }]);
  });

  it("mails feedback to the statement's inbox, at most FEEDBACK_PER_HOUR an hour, and keeps nothing else", async () => {
    const other = await withSystem(db, (tx) =>
      createTenant(tx, { slug: "altstadt", name: "Stadt Altstadt", kind: "kommune", ags: "05999002" }),
    );
    expect(
      await sendAccessibilityFeedback(db, { id: other.id, name: other.name }, { message: "Die Karte geht nicht." }),
    ).toMatchObject({
      ok: false,
      error: { code: "legal.errors.noInbox" },
    });
    expect(await sendAccessibilityFeedback(db, fresh, { message: "kurz" })).toMatchObject({
      ok: false,
      field: "message",
    });
    must(
      await sendAccessibilityFeedback(db, fresh, {
        message: "Die Tabelle auf der Seite Angebote hat keine Überschriften.",
        email: "",
        name: "Erika Muster",
        page: "/t/neustadt/angebote",
      }),
    );
    const mails = await withSystem(db, (tx) =>
      rows<{ recipient: string; tenant_id: string; body: string }>(
        tx,
        sql`SELECT recipient, tenant_id, body FROM outbox WHERE tenant_id = ${fresh.id}::uuid`,
      ),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: "barrierefrei@neustadt.example.org", tenant_id: fresh.id });
    expect(mails[0].body).toContain("keine Überschriften");
    expect(mails[0].body).toContain("Erika Muster");
    const audited = await withSystem(db, (tx) =>
      rows<{ after: unknown; entity_id: string | null }>(
        tx,
        sql`SELECT after, entity_id FROM audit_log WHERE entity = 'accessibility_feedback' AND tenant_id = ${fresh.id}::uuid`,
      ),
    );
    expect(audited).toEqual([{ after: null, entity_id: null }]);
    for (let i = 1; i < FEEDBACK_PER_HOUR; i++)
      must(await sendAccessibilityFeedback(db, fresh, { message: `Rückmeldung Nummer ${i}.` }));
    expect(await sendAccessibilityFeedback(db, fresh, { message: "Eine zu viel in dieser Stunde." })).toMatchObject({
      ok: false,
      error: { code: "legal.errors.busy" },
    });
    // Another tenant's inbox has its own count.
    must(
      await sendAccessibilityFeedback(
        db,
        { id: ids.aachen, name: "Stadt Aachen" },
        { message: "Bitte Leichte Sprache." },
      ),
    );
  });
});
