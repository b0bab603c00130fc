import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "./context";
import { caseload, intakeClient, openClient, writeCategory } from "./clients";
import { approveLegalBasis, recordConsent, requestLegalBasis, revokeConsent, revokeLegalBasis } from "./bases";
import { addInstitution, addSite, addStaff, createNetwork } from "./network";
import type { DocumentCategory } from "./documents";
import { listAttachments, uploadAttachment } from "../attachments/service";

// The access matrix of issue 16, written by hand: who may do what with which category of a client,
// for each state of the legal basis that names the actor's institution. The database decides
// (case_may() and the policies of migration 0800); this test drives the services and reads what they
// let through. "search" and "download" are asked of case_may() itself; attachments are files
// (attachments/service.ts): read, write and export of that category go through their services.

const ACTORS = [
  "owner", // case worker of the owning institution (Jobcenter) at the client's site
  "otherSite", // case worker of the owning institution at another site
  "lead", // lead of the owning institution
  "dpo", // data-protection officer of the owning institution
  "auditor", // auditor of the owning institution
  "other", // case worker of another institution (Sozialamt) that the bases name
  "otherNoBasis", // case worker of another institution (Jugendamt) no basis names
  "abh", // Ausländerbehörde: named in the consent and in a statutory basis
  "volunteer", // volunteer companion of a volunteer network named in the consent
  "tenantAdmin", // admin of the host tenant, not case staff
  "platformAdmin", // the platform's superadmin, not case staff
] as const;
type Actor = (typeof ACTORS)[number];
const BASES = ["none", "granted", "revoked", "expired"] as const;
type Basis = (typeof BASES)[number];

interface Cell {
  list: boolean;
  search: boolean;
  read: string;
  write: string;
  export: string;
  download: boolean;
}
// Documents exist for every category but health, which this network has not switched on.
const ALL = "attachments competence education family identity notes plan residence";
const NOTHING: Cell = { list: false, search: false, read: "", write: "", export: "", download: false };
const SEARCH_ONLY: Cell = { ...NOTHING, search: true };
const same = (c: Cell): Record<Basis, Cell> => ({ none: c, granted: c, revoked: c, expired: c });

// The consent names Sozialamt, Ausländerbehörde and the volunteer network for identity, education,
// plan and attachments; the statutory basis (approved by a second person) names the Ausländerbehörde
// for identity and residence.
const EXPECTED: Record<Actor, Record<Basis, Cell>> = {
  owner: same({ list: true, search: true, read: ALL, write: ALL, export: ALL, download: true }),
  otherSite: same({ ...SEARCH_ONLY, list: true }),
  lead: same({ ...SEARCH_ONLY, list: true, read: "plan" }),
  dpo: same({ ...NOTHING, list: true, export: ALL }),
  auditor: same({ ...NOTHING, list: true }),
  other: {
    none: SEARCH_ONLY,
    granted: {
      list: true,
      search: true,
      read: "attachments education identity plan",
      write: "",
      export: "",
      download: true,
    },
    revoked: SEARCH_ONLY,
    expired: SEARCH_ONLY,
  },
  otherNoBasis: same(SEARCH_ONLY),
  abh: {
    none: NOTHING,
    // Never by consent: education and plan are consented to the Ausländerbehörde, but only the
    // statutory basis counts.
    granted: { ...NOTHING, list: true, read: "identity residence" },
    revoked: NOTHING,
    expired: NOTHING,
  },
  volunteer: {
    none: NOTHING,
    granted: { ...NOTHING, list: true, read: "education identity plan" },
    revoked: NOTHING,
    expired: NOTHING,
  },
  tenantAdmin: same(NOTHING),
  platformAdmin: same(NOTHING),
};

const TODAY = "2026-06-01";
const DOCS: Record<Exclude<DocumentCategory, "health">, unknown> = {
  identity: { familyName: "Testperson", givenNames: "Fiktiv", birthDate: "1990-04-12", nationality: "SY" },
  residence: { title: "aufenthaltsgestattung" },
  education: { languages: [{ language: "ar", level: "native" }], qualifications: [] },
  competence: { assessedOn: "2026-02-01", method: "Kompetenzfeststellung", findings: "Sentinel-Kompetenz-7731" },
  family: { householdRole: "head" },
  plan: { goals: "Integrationskurs, dann Berufssprachkurs" },
  notes: { text: "Vermerk" },
};
const attach = (tx: Tx, me: Me | null, clientId: string) =>
  uploadAttachment(tx, me, { clientId, name: "zeugnis.pdf", bytes: Buffer.from("%PDF-1.7 Zeugnis") });

let db: Database;
let cleanup: () => Promise<void>;
let networkId: string;
const userOf = {} as Record<Actor, string>;
const clientOf = {} as Record<Basis, string>;
const inst = {} as Record<"jobcenter" | "sozialamt" | "jugendamt" | "abh" | "volunteers", string>;

const as = <T>(actor: Actor, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: userOf[actor], networkId, label: actor, today: TODAY }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  const t = await tenantIds(db);
  await withSystem(db, async (tx) => {
    networkId = await createNetwork(tx, { hostTenantId: t["staedteregion-aachen"], name: "Integration Point Test" });
    const aachen = await addSite(tx, networkId, { name: "Aachen", postcode: "52062" });
    const alsdorf = await addSite(tx, networkId, { name: "Alsdorf", postcode: "52477" });
    const sr = t["staedteregion-aachen"];
    inst.jobcenter = await addInstitution(tx, networkId, {
      tenantId: sr,
      kind: "jobcenter",
      name: "Jobcenter",
      siteIds: [aachen, alsdorf],
    });
    inst.sozialamt = await addInstitution(tx, networkId, { tenantId: t.aachen, kind: "sozialamt", name: "Sozialamt" });
    inst.jugendamt = await addInstitution(tx, networkId, { tenantId: t.aachen, kind: "jugendamt", name: "Jugendamt" });
    inst.abh = await addInstitution(tx, networkId, {
      tenantId: sr,
      kind: "auslaenderbehoerde",
      name: "Ausländerbehörde",
    });
    inst.volunteers = await addInstitution(tx, networkId, {
      tenantId: t.aachen,
      kind: "volunteer_network",
      name: "Ehrenamt",
    });
    for (const a of ACTORS) {
      const [u] = await tx
        .insert(users)
        .values({ email: `${a}@matrix.example.org`, displayName: a, isSuperadmin: a === "platformAdmin" })
        .returning({ id: users.id });
      userOf[a] = u.id;
    }
    const staffOf: Partial<Record<Actor, Parameters<typeof addStaff>[2]>> = {
      owner: { userId: userOf.owner, institutionId: inst.jobcenter, siteId: aachen, role: "specialist" },
      otherSite: { userId: userOf.otherSite, institutionId: inst.jobcenter, siteId: alsdorf, role: "specialist" },
      lead: { userId: userOf.lead, institutionId: inst.jobcenter, role: "lead" },
      dpo: { userId: userOf.dpo, institutionId: inst.jobcenter, role: "dpo" },
      auditor: { userId: userOf.auditor, institutionId: inst.jobcenter, role: "auditor" },
      other: { userId: userOf.other, institutionId: inst.sozialamt, siteId: aachen, role: "specialist" },
      otherNoBasis: {
        userId: userOf.otherNoBasis,
        institutionId: inst.jugendamt,
        siteId: aachen,
        role: "coordination",
      },
      abh: { userId: userOf.abh, institutionId: inst.abh, siteId: aachen, role: "specialist" },
      volunteer: { userId: userOf.volunteer, institutionId: inst.volunteers, siteId: aachen, role: "volunteer" },
    };
    for (const s of Object.values(staffOf)) await addStaff(tx, networkId, s);
    // The tenant admin is an admin of the host tenant – and still not case staff.
    await tx.execute(
      sql`INSERT INTO memberships (user_id, tenant_id, role) VALUES (${userOf.tenantAdmin}, ${sr}, 'admin')`,
    );
  });

  for (const basis of BASES) {
    clientOf[basis] = await as("owner", async (tx, me) => {
      const { id } = must(await intakeClient(tx, me, { identity: DOCS.identity as never, intakeDate: "2025-01-02" }));
      for (const [cat, doc] of Object.entries(DOCS))
        must(await writeCategory(tx, me, id, cat as DocumentCategory, doc));
      must(await attach(tx, me, id));
      if (basis === "none") return id;
      const period =
        basis === "expired"
          ? { givenOn: "2025-01-02", validUntil: "2025-12-31" }
          : { givenOn: "2025-01-02", validUntil: "2027-12-31" };
      const consent = must(
        await recordConsent(tx, me, id, {
          purpose: "Vermittlung in Sprachkurs und Arbeit",
          categories: ["identity", "education", "plan", "attachments"],
          recipients: [inst.sozialamt, inst.abh, inst.volunteers],
          language: "ar",
          interpreter: "SM-2025-0001",
          signedBy: "client",
          ...period,
        }),
      );
      const basisId = must(
        await requestLegalBasis(tx, me, id, {
          recipientId: inst.abh,
          categories: ["identity", "residence"],
          legalBasis: "§ 87 Abs. 2 AufenthG (Unterrichtungspflicht öffentlicher Stellen)",
          validUntil: period.validUntil,
        }),
      ).id;
      if (basis === "revoked") {
        must(await revokeConsent(tx, me, consent.id));
        must(await revokeLegalBasis(tx, me, basisId));
      }
      return { id, basisId };
    }).then(async (r) => {
      if (typeof r === "string") return r;
      // The second approver of the disclosure to the Ausländerbehörde: the lead (a revoked one stays refused).
      await as("lead", (tx, me) => approveLegalBasis(tx, me, r.basisId));
      return r.id;
    });
  }
});

afterAll(async () => {
  await cleanup();
});

const words = (cats: Iterable<string>) => [...cats].sort().join(" ");

async function observe(actor: Actor, clientId: string): Promise<Cell> {
  return as(actor, async (tx, me) => {
    const listed = (await caseload(tx, me, { limit: 200 })).some((c) => c.id === clientId);
    const read = await openClient(tx, me, clientId);
    const exported = await openClient(tx, me, clientId, "export", "export");
    const writable: string[] = [];
    for (const [cat, doc] of Object.entries(DOCS))
      if ((await writeCategory(tx, me, clientId, cat as DocumentCategory, doc)).ok) writable.push(cat);
    if ((await attach(tx, me, clientId)).ok) writable.push("attachments");
    const files = (action: "read" | "export") =>
      listAttachments(tx, me, clientId, action).then((r) => (r.ok ? ["attachments"] : []));
    const readFiles = await files("read");
    const exportFiles = await files("export");
    const [fn] = await rows<{ search: boolean; download: boolean }>(
      tx,
      sql`SELECT case_may(${clientId}::uuid, NULL, 'search') AS search, case_may(${clientId}::uuid, 'attachments', 'download') AS download`,
    );
    return {
      list: listed,
      search: fn.search,
      read: read.ok ? words([...Object.keys(read.value.documents), ...readFiles]) : "",
      write: words(writable),
      export: exported.ok ? words([...Object.keys(exported.value.documents), ...exportFiles]) : "",
      download: fn.download,
    };
  });
}

describe("the case access matrix", () => {
  for (const actor of ACTORS)
    it(`${actor}: every category, action and state of the basis as written`, async () => {
      const seen = {} as Record<Basis, Cell>;
      for (const basis of BASES) seen[basis] = await observe(actor, clientOf[basis]);
      expect(seen).toEqual(EXPECTED[actor]);
    });
});

describe("the database decides, not the services", () => {
  it("without a basis another institution reads, changes and deletes no row, even by plain SQL", async () => {
    await as("otherNoBasis", async (tx) => {
      const c = clientOf.granted;
      expect(await rows(tx, sql`SELECT 1 FROM case_client_data WHERE client_id = ${c}`)).toEqual([]);
      expect(await rows(tx, sql`SELECT 1 FROM case_clients WHERE id = ${c}`)).toEqual([]);
      expect(
        await rows(tx, sql`UPDATE case_client_data SET ciphertext = ciphertext WHERE client_id = ${c} RETURNING 1`),
      ).toEqual([]);
      expect(await rows(tx, sql`DELETE FROM case_client_data WHERE client_id = ${c} RETURNING 1`)).toEqual([]);
      expect(await rows(tx, sql`SELECT * FROM case_client_key(${c}::uuid)`)).toEqual([]);
    });
  });

  it("a tenant admin in a tenant transaction sees no case row, and nobody reads the key store", async () => {
    const counts = await as("tenantAdmin", (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT (SELECT count(*) FROM case_clients) + (SELECT count(*) FROM case_client_data)
          + (SELECT count(*) FROM case_consents) + (SELECT count(*) FROM case_access_events) AS n`,
      ),
    );
    expect(Number(counts[0].n)).toBe(0);
    await expect(as("owner", (tx) => rows(tx, sql`SELECT * FROM case_keys.client_keys`))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });

  it("the access log is append-only: the request role changes no event, and no one rewrites one", async () => {
    const changed = await as("owner", (tx) => rows(tx, sql`UPDATE case_access_events SET reason = 'edit' RETURNING 1`));
    const deleted = await as("owner", (tx) => rows(tx, sql`DELETE FROM case_access_events RETURNING 1`));
    expect({ changed, deleted }).toEqual({ changed: [], deleted: [] });
    expect(await as("owner", (tx) => rows(tx, sql`SELECT 1 FROM case_access_events LIMIT 1`))).toHaveLength(1);
    await expect(
      withSystem(db, (tx) => tx.execute(sql`UPDATE case_access_events SET reason = 'edit'`)),
    ).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });
});

describe("legal bases", () => {
  it("revoking a consent blocks the next read of a category that was readable", async () => {
    const id = await as("owner", async (tx, me) => {
      const c = must(await intakeClient(tx, me, { identity: DOCS.identity as never, intakeDate: "2026-01-05" })).id;
      must(await writeCategory(tx, me, c, "education", DOCS.education));
      const k = must(
        await recordConsent(tx, me, c, {
          purpose: "Beratung zur Anerkennung",
          categories: ["education"],
          recipients: [inst.sozialamt],
          language: "ti",
          interpreter: "ohne Sprachmittlung",
          signedBy: "client",
          givenOn: "2026-01-05",
          validUntil: "2026-12-31",
        }),
      );
      return { c, k: k.id };
    });
    const before = must(await as("other", (tx, me) => openClient(tx, me, id.c)));
    expect(Object.keys(before.documents)).toEqual(["education"]);
    must(await as("owner", (tx, me) => revokeConsent(tx, me, id.k)));
    const after = await as("other", (tx, me) => openClient(tx, me, id.c));
    expect(after).toMatchObject({ ok: false, error: { code: "cases.errors.notFound" } });
  });

  it("a disclosure to the Ausländerbehörde counts only once a second person has approved it", async () => {
    const { c, b } = await as("owner", async (tx, me) => {
      const c = must(await intakeClient(tx, me, { identity: DOCS.identity as never, intakeDate: "2026-02-01" })).id;
      must(await writeCategory(tx, me, c, "residence", DOCS.residence));
      const b = must(
        await requestLegalBasis(tx, me, c, {
          recipientId: inst.abh,
          categories: ["residence"],
          legalBasis: "§ 87 Abs. 2 AufenthG",
          validUntil: "2026-12-31",
        }),
      ).id;
      // The requester cannot approve their own request.
      expect(await approveLegalBasis(tx, me, b)).toMatchObject({
        ok: false,
        error: { code: "cases.errors.secondApprover" },
      });
      return { c, b };
    });
    expect(await as("abh", (tx, me) => openClient(tx, me, c))).toMatchObject({ ok: false });
    // Neither can the database be talked into it: approved_by must differ from requested_by.
    await expect(
      withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_legal_bases SET approved_by = requested_by, approved_at = now() WHERE id = ${b}`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
    must(await as("lead", (tx, me) => approveLegalBasis(tx, me, b)));
    const opened = must(await as("abh", (tx, me) => openClient(tx, me, c)));
    expect(Object.keys(opened.documents)).toEqual(["residence"]);
    const log = await as("owner", (tx) =>
      rows<{ action: string; categories: string[] }>(
        tx,
        sql`SELECT action, categories FROM case_access_events WHERE client_id = ${c} AND action = 'disclose'`,
      ),
    );
    expect(log).toEqual([{ action: "disclose", categories: ["residence"] }]);
  });

  it("below the guardian age a consent signed by the client alone is refused", async () => {
    const r = await as("owner", async (tx, me) => {
      const c = must(
        await intakeClient(tx, me, {
          identity: { familyName: "Kind", givenNames: "Fiktiv", birthDate: "2012-03-01" },
          intakeDate: "2026-03-01",
        }),
      ).id;
      const base = {
        purpose: "Jugendberufshilfe vorbereiten",
        categories: ["education"],
        recipients: [inst.jugendamt],
        language: "fa",
        interpreter: "SM-2026-0002",
        givenOn: "2026-03-02",
        validUntil: "2026-12-31",
      };
      return [
        await recordConsent(tx, me, c, { ...base, signedBy: "client" }),
        await recordConsent(tx, me, c, { ...base, signedBy: "guardian" }),
      ];
    });
    expect(r[0]).toMatchObject({ ok: false, error: { code: "cases.errors.guardianRequired", params: { age: 15 } } });
    expect(r[1]).toMatchObject({ ok: true, value: { version: 1 } });
  });
});

describe("encryption", () => {
  it("stores no identifying value in clear and writes none to the audit log", async () => {
    const dump = await withSystem(db, (tx) =>
      rows<{ t: string }>(
        tx,
        sql`SELECT (SELECT string_agg(encode(ciphertext, 'escape'), '') FROM case_client_data)
          || (SELECT string_agg(a::text, '') FROM audit_log a) || (SELECT string_agg(c::text, '') FROM case_clients c) AS t`,
      ),
    );
    const found = ["Testperson", "1990-04-12", "Sentinel-Kompetenz-7731"].filter((s) => dump[0].t.includes(s));
    expect(found).toEqual([]);
  });
});
