import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCliProcess } from "../support/process";
import { TEST_SHARED_BUFFERS, templateDataDir } from "../support/templates";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-cli-"));
// The commands' behaviour is tested in this process through runCli (the built CLI's own function),
// on a copy of the migrated test database; only what needs a process of its own starts one.
const data = templateDataDir("migrated");
const env = { DATA_DIR: data.dataDir, DATABASE_URL: "", PGLITE_SHARED_BUFFERS: TEST_SHARED_BUFFERS };
Object.assign(process.env, env, { NODE_ENV: "production" });
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  data.remove();
});

type RunCli = (argv: string[], log?: (m: string) => void, err?: (m: string) => void) => Promise<number>;
let runCli: RunCli;
beforeAll(async () => {
  ({ runCli } = (await import(/* @vite-ignore */ new URL("../../build/server/cli.js", import.meta.url).href)) as {
    runCli: RunCli;
  });
});

/** Runs one command as `npm run cli` would: exit code, standard output and error output. */
async function cli(...argv: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = await runCli(
    argv,
    (m) => out.push(m),
    (m) => err.push(m),
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("CLI process", () => {
  it("explains itself and exits with 2 on an unknown command", async () => {
    const r = await runCliProcess(["--help"], env);
    expect(r.code).toBe(0);
    for (const c of ["db:migrate", "tenant:create", "user:create", "db:backup", "db:restore"])
      expect(r.stdout).toContain(c);
    const u = await runCliProcess(["gibtsnicht"], env);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("Unbekannter Befehl");
  });

  it("sets up a new embedded database: migrations, then the demo data", async () => {
    const fresh = { ...env, DATA_DIR: path.join(dir, "neu") };
    const r = await runCliProcess(["db:migrate"], fresh);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ Migration\(en\) angewendet/);
    const demo = await runCliProcess(["demo:load"], fresh);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain("Demodaten geladen.");
  });

  it("refuses to open the embedded database while another process holds it", async () => {
    const lock = path.join(env.DATA_DIR, "pglite.lock");
    fs.writeFileSync(lock, String(process.pid)); // this test process is alive
    try {
      const r = await runCliProcess(["db:migrate"], env);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("wird bereits von Prozess");
    } finally {
      fs.rmSync(lock);
    }
  });
});

describe("CLI commands", () => {
  it("migrates, creates a tenant and a user, and rejects bad input in German", async () => {
    const m = await cli("db:migrate");
    expect(m.code).toBe(0);
    expect(m.stdout).toContain("Die Datenbank ist auf dem neuesten Stand.");
    const t = await cli(
      "tenant:create",
      "--slug",
      "musterstadt",
      "--name",
      "Stadt Musterstadt",
      "--kind",
      "kommune",
      "--ags",
      "05999001",
    );
    expect(t.stderr).toBe("");
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Mandant „Stadt Musterstadt“ angelegt");
    const dupe = await cli(
      "tenant:create",
      "--slug",
      "musterstadt",
      "--name",
      "Nochmal",
      "--kind",
      "kommune",
      "--ags",
      "05999001",
    );
    expect(dupe.code).toBe(1);
    expect(dupe.stderr).toContain("doppelter Eintrag");
    const badAgs = await cli("tenant:create", "--slug", "x", "--name", "Stadt X", "--kind", "kommune", "--ags", "abc");
    expect(badAgs.code).toBe(1);
    expect(badAgs.stderr).toContain("AGS");
    const u = await cli(
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
    );
    expect(u.code).toBe(0);
    expect(u.stdout).toContain("Konto erika@example.org angelegt.");
    const weak = await cli("user:create", "--email", "kurz@example.org", "--name", "K", "--password", "kurz");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("mindestens 10 Zeichen");
    const badOption = await cli("user:create", "--gibtsnicht");
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Aufruf: npm run cli -- user:create");
  });

  it("round-trips every row through db:backup and db:restore", async () => {
    const danach = [
      "tenant:create",
      "--slug",
      "danach",
      "--name",
      "Nach der Sicherung",
      "--kind",
      "kommune",
      "--ags",
      "05999002",
    ];
    const file = path.join(dir, "sicherung.gz");
    const b = await cli("db:backup", file);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/Sicherung geschrieben: .* \((\d+) Zeilen/);
    const rowsBefore = Number(b.stdout.match(/\((\d+) Zeilen/)![1]);
    // Change the data, then restore: the change is gone, everything else is back.
    const created = await cli(...danach);
    expect(created.code).toBe(0);
    const r = await cli("db:restore", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wiederhergestellt: ${rowsBefore} Zeilen`);
    const b2 = await cli("db:backup", path.join(dir, "zwei.gz"));
    expect(Number(b2.stdout.match(/\((\d+) Zeilen/)![1])).toBe(rowsBefore);
    const again = await cli(...danach);
    expect(again.code).toBe(0); // the slug is free again, so the restore removed it
  });

  it("loads the demo data only into a database without tenants", async () => {
    const r = await cli("demo:load");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Es gibt bereits Mandanten; nichts geladen.");
  });
});
