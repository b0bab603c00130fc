import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { uploadLimitBytes } from "~/kernel/upload";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { deleteClient, intakeClient } from "../core/clients";
import { recordConsent } from "../core/bases";
import { makeNetwork, type Person, type TestNetwork } from "../search/network.fixture";
import { attachmentRowsLeft } from "./attachments.fixture";
import { deleteAttachment, downloadAttachment, listAttachments, sniffMediaType, uploadAttachment } from "./service";

// Attachments of a case (migration 0884): sealed under the client's key, typed by their bytes, readable
// and downloadable only where case_may() says so, every list and download logged content-free.

const TODAY = "2026-06-01";
let db: Database;
let cleanup: () => Promise<void>;
let net: TestNetwork;
let clientId: string;

const as = <T>(who: Person, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: net.users[who], networkId: net.networkId, label: who, today: TODAY }, fn);

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("Sentinel-Anlage-Inhalt-4711"),
]);
const PDF = Buffer.from("%PDF-1.7\nSentinel-PDF-Inhalt-0815\n%%EOF");
const NAME = "Pass_Sentinelperson.png";

const events = (action: string) =>
  withSystem(db, (tx) =>
    rows<{ categories: string[]; reason: string }>(
      tx,
      sql`SELECT categories, reason FROM case_access_events WHERE client_id = ${clientId} AND action = ${action}`,
    ),
  );

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  net = await makeNetwork(db, "IP Anlagen");
  clientId = await as("jobcenter", async (tx, me) => {
    const { id } = must(
      await intakeClient(tx, me, {
        identity: { familyName: "Sentinelperson", givenNames: "Fiktiv", birthDate: "1991-05-05" },
        intakeDate: "2026-01-10",
      }),
    );
    return id;
  });
});
afterAll(() => cleanup());

describe("file types", () => {
  it("are decided by the first bytes: PDF, JPEG, PNG and nothing else", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(PNG)).toBe("image/png");
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffMediaType(Buffer.from("MZ\x90\x00\x03", "latin1"))).toBeNull();
    expect(sniffMediaType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffMediaType(Buffer.from("%PD"))).toBeNull();
  });
});

describe("uploading, listing, downloading", () => {
  it("round-trips a file: the list shows the decrypted name, the download the same bytes", async () => {
    const up = must(
      await as("jobcenter", (tx, me) =>
        uploadAttachment(tx, me, { clientId, name: `C:\\Users\\x\\${NAME}`, declaredType: "image/png", bytes: PNG }),
      ),
    );
    expect(up.mediaType).toBe("image/png");
    const list = must(await as("jobcenter", (tx, me) => listAttachments(tx, me, clientId)));
    expect(list).toEqual([
      { id: up.id, name: NAME, mediaType: "image/png", byteSize: PNG.length, uploadedAt: expect.any(Date) },
    ]);
    const file = must(await as("jobcenter", (tx, me) => downloadAttachment(tx, me, clientId, up.id)));
    expect(file.name).toBe(NAME);
    expect(file.mediaType).toBe("image/png");
    expect(file.bytes.equals(PNG)).toBe(true);
    expect(await events("read")).toContainEqual({ categories: ["attachments"], reason: "open_case" });
    expect(await events("download")).toEqual([{ categories: ["attachments"], reason: "open_case" }]);
  });

  it("refuses bytes that are not on the allow-list, whatever the declared type and name", async () => {
    const r = await as("jobcenter", async (tx, me) => [
      await uploadAttachment(tx, me, {
        clientId,
        name: "bild.png",
        declaredType: "application/pdf",
        bytes: Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"),
      }),
      await uploadAttachment(tx, me, {
        clientId,
        name: "zeugnis.pdf",
        declaredType: "application/pdf",
        bytes: Buffer.from("<!doctype html><script>alert(1)</script>"),
      }),
      await uploadAttachment(tx, me, { clientId, name: "leer.pdf", bytes: new Uint8Array(0) }),
      await uploadAttachment(tx, me, {
        clientId,
        name: "gross.pdf",
        bytes: Buffer.concat([PDF, Buffer.alloc(uploadLimitBytes())]),
      }),
      await uploadAttachment(tx, me, { clientId, name: " / ", bytes: PDF }),
    ]);
    expect(r.map((x) => (x.ok ? "ok" : x.error.code))).toEqual([
      "cases.attachments.errors.type",
      "cases.attachments.errors.type",
      "cases.attachments.errors.empty",
      "cases.attachments.errors.tooLarge",
      "cases.attachments.errors.name",
    ]);
    expect(must(await as("jobcenter", (tx, me) => listAttachments(tx, me, clientId)))).toHaveLength(1);
  });

  it("stores neither the file's bytes nor its name in clear, and audits without either", async () => {
    const t = await withSystem(db, (tx) =>
      rows<{ t: string }>(
        tx,
        sql`SELECT coalesce((SELECT string_agg(encode(name, 'escape'), '') FROM case_attachments), '')
          || coalesce((SELECT string_agg(encode(content, 'escape'), '') FROM case_attachment_contents), '')
          || (SELECT string_agg(a::text, '') FROM audit_log a) AS t`,
      ),
    );
    expect(
      ["Sentinel-Anlage-Inhalt-4711", "Pass_Sentinelperson", "Sentinelperson"].filter((s) => t[0].t.includes(s)),
    ).toEqual([]);
    const audit = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'case_attachment'`),
    );
    expect(audit[0].n).toBe(1);
  });
});

describe("need-to-know, in the database", () => {
  it("another institution without a basis gets nothing, not even by plain SQL", async () => {
    await as("sozialamt", async (tx, me) => {
      expect(await listAttachments(tx, me, clientId)).toMatchObject({ ok: false });
      expect(await rows(tx, sql`SELECT 1 FROM case_attachments WHERE client_id = ${clientId}`)).toEqual([]);
      expect(await rows(tx, sql`SELECT 1 FROM case_attachment_contents WHERE client_id = ${clientId}`)).toEqual([]);
      expect(await rows(tx, sql`DELETE FROM case_attachments WHERE client_id = ${clientId} RETURNING 1`)).toEqual([]);
    });
    // The lead of the owning institution reads the plan only: no attachments either.
    expect(await as("lead", (tx, me) => listAttachments(tx, me, clientId))).toMatchObject({ ok: false });
  });

  it("with a consent naming attachments the other institution lists and downloads, but does not upload", async () => {
    await as("jobcenter", async (tx, me) =>
      must(
        await recordConsent(tx, me, clientId, {
          purpose: "Anerkennung der Zeugnisse vorbereiten",
          categories: ["attachments"],
          recipients: [net.institutions.sozialamt!],
          language: "ar",
          interpreter: "ohne Sprachmittlung",
          signedBy: "client",
          givenOn: "2026-01-10",
          validUntil: "2026-12-31",
        }),
      ),
    );
    const [a] = must(await as("sozialamt", (tx, me) => listAttachments(tx, me, clientId)));
    const file = must(await as("sozialamt", (tx, me) => downloadAttachment(tx, me, clientId, a.id)));
    expect(file.bytes.equals(PNG)).toBe(true);
    expect(
      await as("sozialamt", (tx, me) => uploadAttachment(tx, me, { clientId, name: "x.pdf", bytes: PDF })),
    ).toMatchObject({ ok: false, error: { code: "cases.attachments.errors.notAllowed" } });
    expect(await as("sozialamt", (tx, me) => deleteAttachment(tx, me, clientId, a.id))).toMatchObject({ ok: false });
  });
});

describe("deleting", () => {
  it("an attachment: the owner deletes it and its content", async () => {
    const id = must(
      await as("jobcenter", (tx, me) => uploadAttachment(tx, me, { clientId, name: "zeugnis.pdf", bytes: PDF })),
    ).id;
    must(await as("jobcenter", (tx, me) => deleteAttachment(tx, me, clientId, id)));
    expect(await attachmentRowsLeft(db, { id })).toBe(0);
    expect(await as("jobcenter", (tx, me) => downloadAttachment(tx, me, clientId, id))).toMatchObject({
      ok: false,
      error: { code: "cases.attachments.errors.notFound" },
    });
  });

  it("the client: its attachments go with it", async () => {
    must(await as("jobcenter", (tx, me) => deleteClient(tx, me, clientId)));
    expect(await attachmentRowsLeft(db, { clientId })).toBe(0);
  });
});
