import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { backup, restore } from "~/kernel/db/backup";
import { resetConfig } from "~/kernel/config";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase } from "./context";
import { deleteClient, intakeClient, openClient, writeCategory } from "./clients";
import { addInstitution, addSite, addStaff, createNetwork } from "./network";
import { resetKeyring } from "./keys";
import { preflight } from "../preflight";
import { rotateClientKeys } from "./rotate";
import { attachmentRowsLeft } from "../attachments/attachments.fixture";
import { downloadAttachment, listAttachments, uploadAttachment } from "../attachments/service";

// Deleting a client deletes its key (decision 0044): a backup of the data taken before the deletion
// and restored afterwards brings the rows back, but nothing can read them.

let db: Database;
let cleanup: () => Promise<void>;
let networkId: string;
let userId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cases-deletion-"));
const as = <T>(fn: Parameters<typeof withCase<T>>[2]) => withCase(db, { userId, networkId, label: "test" }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  const t = await tenantIds(db);
  await withSystem(db, async (tx) => {
    networkId = await createNetwork(tx, { hostTenantId: t["staedteregion-aachen"], name: "IP Löschtest" });
    const site = await addSite(tx, networkId, { name: "Simmerath", postcode: "52152" });
    const inst = await addInstitution(tx, networkId, {
      tenantId: t["staedteregion-aachen"],
      kind: "jobcenter",
      name: "Jobcenter",
    });
    const [u] = await tx
      .insert(users)
      .values({ email: "koordination@loeschtest.example.org", displayName: "K" })
      .returning();
    userId = u.id;
    await addStaff(tx, networkId, { userId, institutionId: inst, siteId: site, role: "coordination" });
  });
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("deleting a client", () => {
  it("leaves a restored older backup unreadable for that client, and only for that client", async () => {
    const [gone, kept] = await as(async (tx, me) => {
      const ids = [];
      for (const name of ["Sentinel-Geloescht", "Sentinel-Bleibt"]) {
        const { id } = must(
          await intakeClient(tx, me, {
            identity: { familyName: name, givenNames: "Fiktiv", birthDate: "1988-01-01" },
            intakeDate: "2026-01-10",
          }),
        );
        must(await writeCategory(tx, me, id, "notes", { text: `${name} Vermerk` }));
        must(
          await uploadAttachment(tx, me, {
            clientId: id,
            name: `Pass_${name}.pdf`,
            bytes: Buffer.from(`%PDF-1.4 ${name}`),
          }),
        );
        ids.push(id);
      }
      return ids;
    });
    const file = path.join(dir, "before.jsonl.gz");
    await backup(db, file);
    must(await as((tx, me) => deleteClient(tx, me, gone)));
    // Gone from the database too, not only unreadable (case_attachments cascades from case_clients).
    expect(await attachmentRowsLeft(db, { clientId: gone })).toBe(0);
    expect(await as((tx, me) => openClient(tx, me, gone))).toMatchObject({
      ok: false,
      error: { code: "cases.errors.notFound" },
    });

    await restore(db, file);
    // The rows are back from the backup …
    const restored = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_client_data WHERE client_id = ${gone}`),
    );
    expect(restored[0].n).toBe(2);
    const restoredFiles = await withSystem(db, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM case_attachments WHERE client_id = ${gone}`),
    );
    expect(restoredFiles).toHaveLength(1);
    // … but the key is not, so they cannot be read; the other client reads as before.
    expect(await as((tx, me) => openClient(tx, me, gone))).toMatchObject({
      ok: false,
      error: { code: "cases.errors.noKey" },
    });
    expect(await as((tx, me) => listAttachments(tx, me, gone))).toMatchObject({
      ok: false,
      error: { code: "cases.attachments.errors.noKey" },
    });
    expect(await as((tx, me) => downloadAttachment(tx, me, gone, restoredFiles[0].id))).toMatchObject({
      ok: false,
      error: { code: "cases.attachments.errors.noKey" },
    });
    const keptFiles = must(await as((tx, me) => listAttachments(tx, me, kept)));
    expect(keptFiles.map((f) => f.name)).toEqual(["Pass_Sentinel-Bleibt.pdf"]);
    const other = must(await as((tx, me) => openClient(tx, me, kept)));
    expect(other.documents.identity).toMatchObject({ familyName: "Sentinel-Bleibt" });
    const backupText = (await import("node:zlib")).gunzipSync(fs.readFileSync(file)).toString("utf8");
    expect(["Sentinel-Geloescht", "Sentinel-Bleibt", "client_keys"].filter((s) => backupText.includes(s))).toEqual([]);
  });

  it("the server's preflight refuses to start without the master key once client keys exist", async () => {
    const saved = process.env.CASES_KEY;
    process.env.CASES_KEY = "";
    process.env.CASES_KEY_FILE = path.join(dir, "missing.key");
    resetConfig();
    resetKeyring();
    try {
      await expect(preflight(db, () => {})).rejects.toMatchObject({
        name: "ConfigError",
        message: expect.stringContaining("Kein Schlüssel"),
      });
      expect(fs.existsSync(path.join(dir, "missing.key"))).toBe(false);
    } finally {
      process.env.CASES_KEY = saved;
      delete process.env.CASES_KEY_FILE;
      resetConfig();
      resetKeyring();
    }
  });
});

describe("rotating the master key", () => {
  it("re-wraps every client key under the new key; the old one can go and the documents still read", async () => {
    const id = await as(async (tx, me) => {
      const { id } = must(
        await intakeClient(tx, me, {
          identity: { familyName: "Rotation", givenNames: "Fiktiv", birthDate: "1990-01-01" },
          intakeDate: "2026-02-10",
        }),
      );
      return id;
    });
    const saved = process.env.CASES_KEY!;
    const fresh = `k2:${Buffer.alloc(32, 9).toString("base64")}`;
    try {
      process.env.CASES_KEY = `${saved},${fresh}`;
      resetConfig();
      resetKeyring();
      const r = await rotateClientKeys(db);
      expect(r.current).toBe("k2");
      expect(r.rewrapped).toBeGreaterThan(0);
      const left = await withSystem(db, (tx) =>
        rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_keys.client_keys WHERE kek_id <> 'k2'`),
      );
      expect(left[0].n).toBe(0);
      // Only the new key from now on.
      process.env.CASES_KEY = fresh;
      resetConfig();
      resetKeyring();
      const opened = must(await as((tx, me) => openClient(tx, me, id)));
      expect(opened.documents.identity).toMatchObject({ familyName: "Rotation" });
    } finally {
      process.env.CASES_KEY = saved;
      resetConfig();
      resetKeyring();
    }
  });
});
