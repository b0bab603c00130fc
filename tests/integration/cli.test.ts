import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCliProcess } from "../support/process";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-cli-"));
const env = { DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("CLI", () => {
  it("explains itself", async () => {
    const r = await runCliProcess(["--help"], env);
    expect(r.code).toBe(0);
    for (const c of ["db:migrate", "tenant:create", "user:create", "db:backup", "db:restore"])
      expect(r.stdout).toContain(c);
    const u = await runCliProcess(["gibtsnicht"], env);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("Unbekannter Befehl");
  });

  it("migrates, creates a tenant and a user, and rejects bad input in German", async () => {
    expect((await runCliProcess(["db:migrate"], env)).code).toBe(0);
    const t = await runCliProcess(
      [
        "tenant:create",
        "--slug",
        "musterstadt",
        "--name",
        "Stadt Musterstadt",
        "--kind",
        "kommune",
        "--ags",
        "05999001",
      ],
      env,
    );
    expect(t.stderr).toBe("");
    expect(t.stdout).toContain("Mandant „Stadt Musterstadt“ angelegt");
    const dupe = await runCliProcess(
      ["tenant:create", "--slug", "musterstadt", "--name", "Nochmal", "--kind", "kommune", "--ags", "05999001"],
      env,
    );
    expect(dupe.code).toBe(1);
    expect(dupe.stderr).toContain("doppelter Eintrag");
    const badAgs = await runCliProcess(
      ["tenant:create", "--slug", "x", "--name", "Stadt X", "--kind", "kommune", "--ags", "abc"],
      env,
    );
    expect(badAgs.code).toBe(1);
    expect(badAgs.stderr).toContain("AGS");
    const u = await runCliProcess(
      [
        "user:create",
        "--email",
        "erika@example.org",
        "--name",
        "Erika Muster",
        "--password",
        "sehr-geheim-123",
        "--tenant",
        "musterstadt",
        "--role",
        "admin",
      ],
      env,
    );
    expect(u.code).toBe(0);
    const weak = await runCliProcess(
      ["user:create", "--email", "kurz@example.org", "--name", "K", "--password", "kurz"],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("mindestens 10 Zeichen");
  });

  it("refuses to open the embedded database while another process holds it", async () => {
    const fs2 = await import("node:fs");
    const lock = path.join(env.DATA_DIR, "pglite.lock");
    fs2.writeFileSync(lock, String(process.pid)); // this test process is alive
    try {
      const r = await runCliProcess(["db:migrate"], env);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("wird bereits von Prozess");
    } finally {
      fs2.rmSync(lock);
    }
  });

  it("round-trips every row through db:backup and db:restore", async () => {
    const file = path.join(dir, "sicherung.gz");
    const b = await runCliProcess(["db:backup", file], env);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/Sicherung geschrieben: .* \((\d+) Zeilen/);
    const rowsBefore = Number(b.stdout.match(/\((\d+) Zeilen/)![1]);
    // Change the data, then restore: the change is gone, everything else is back.
    await runCliProcess(
      ["tenant:create", "--slug", "danach", "--name", "Nach der Sicherung", "--kind", "kommune", "--ags", "05999002"],
      env,
    );
    const r = await runCliProcess(["db:restore", file], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wiederhergestellt: ${rowsBefore} Zeilen`);
    const b2 = await runCliProcess(["db:backup", path.join(dir, "zwei.gz")], env);
    expect(Number(b2.stdout.match(/\((\d+) Zeilen/)![1])).toBe(rowsBefore);
    const again = await runCliProcess(
      ["tenant:create", "--slug", "danach", "--name", "Nach der Sicherung", "--kind", "kommune", "--ags", "05999002"],
      env,
    );
    expect(again.code).toBe(0); // the slug is free again, so the restore removed it
  });
});
