import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/kernel/db/client";
import { withSystem } from "~/kernel/db/context";
import { backup } from "~/kernel/db/backup";
import { users } from "~/kernel/db/schema";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { holdConference } from "../plans/conferences";
import { withCase } from "./context";
import { intakeClient, writeCategory } from "./clients";
import { addInstitution, addSite, addStaff, createNetwork } from "./network";

// Seeded sentinels (a name, a birth date, a phone number, a note, a conference's minutes) must appear
// in no copy of the database: neither in the logical backup (db:backup) nor, on PostgreSQL, in a
// full pg_dump of the database – everything identifying is ciphertext, the logs are content-free.

const SENTINELS = ["Vrontozenkel", "1987-02-28", "0151 99887766", "Notiz-Xylofonwald", "Protokoll-Quarzbirne"];
let db: Database;
let url: string | undefined;
let cleanup: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cases-dump-"));

beforeAll(async () => {
  ({ db, url, cleanup } = await createTestDb({ demo: true }));
  const t = await tenantIds(db);
  const { networkId, userId, staffId } = await withSystem(db, async (tx) => {
    const networkId = await createNetwork(tx, { hostTenantId: t["staedteregion-aachen"], name: "IP Abzugstest" });
    const site = await addSite(tx, networkId, { name: "Eschweiler" });
    const inst = await addInstitution(tx, networkId, {
      tenantId: t["staedteregion-aachen"],
      kind: "jobcenter",
      name: "Jobcenter",
    });
    const [u] = await tx.insert(users).values({ email: "fall@abzugstest.example.org", displayName: "F" }).returning();
    const staffId = await addStaff(tx, networkId, {
      userId: u.id,
      institutionId: inst,
      siteId: site,
      role: "specialist",
    });
    return { networkId, userId: u.id, staffId };
  });
  await withCase(db, { userId, networkId, label: "test" }, async (tx, me) => {
    const { id } = must(
      await intakeClient(tx, me, {
        identity: { familyName: SENTINELS[0], givenNames: "Beispiel", birthDate: SENTINELS[1], phone: SENTINELS[2] },
        intakeDate: "2026-11-02",
      }),
    );
    must(await writeCategory(tx, me, id, "notes", { text: SENTINELS[3] }));
    must(
      await holdConference(tx, me, {
        clientId: id,
        heldOn: "2026-11-20",
        participants: [staffId],
        minutes: SENTINELS[4],
      }),
    );
  });
}, 600_000);
afterAll(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("copies of the database", () => {
  it("hold no sentinel in the logical backup", async () => {
    const file = path.join(dir, "backup.jsonl.gz");
    await backup(db, file);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
    expect(text).toContain("case_client_data");
    for (const s of SENTINELS) expect(text, s).not.toContain(s);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("hold no sentinel in a full pg_dump", () => {
    const r = spawnSync("pg_dump", ["--no-owner", "--dbname", url!], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("COPY public.case_client_data");
    for (const s of SENTINELS) expect(r.stdout, s).not.toContain(s);
  });
});
