import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, loadBuild } from "../support/server";
import { spawnServer } from "../support/process";
import { templateDataDir } from "../support/templates";

// An import started in the UI runs as a background job in the server. Killing the server while the
// job reads the file must leave no values and no import record; the restarted server reports the job
// as interrupted, and the same file can then be imported in full. (Embedded database: on PostgreSQL
// the same all-or-nothing merge applies, and an expired claim is tested in kernel/jobs.)
const pg = process.env.TEST_DB === "pg";
const data = pg ? undefined : templateDataDir("demo-modules");
afterAll(() => data?.remove());
const PW = "Teilhabe-Demo-2026";
const env = () => ({ DATA_DIR: data!.dataDir, LOGIN_RATE_LIMIT: "100" });

/**
 * A GET that tries again when the connection was reset: the embedded database runs in the server's
 * own thread, so a long statement delays its timers, and a kept-alive connection can be closed
 * just as the next request goes out on it.
 */
async function getRetrying(c: Client, url: string): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await c.get(url);
    } catch (e) {
      if (i >= 5) throw e;
    }
  }
}

async function counts() {
  const build = await loadBuild();
  const db = await build.openDatabase({ dataDir: `${data!.dataDir}/pglite` });
  try {
    const q = async (s: string) =>
      Number(((await db.orm.execute(sql.raw(s))) as unknown as { rows: { n: number }[] }).rows[0].n);
    return {
      observations: await q("SELECT count(*)::int AS n FROM mon_observations"),
      imports: await q("SELECT count(*)::int AS n FROM mon_imports"),
      keys: (
        (await db.orm.execute(
          sql`SELECT a.key FROM mon_areas a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'koeln' AND a.level = 'stadtteil' ORDER BY 1`,
        )) as unknown as { rows: { key: string }[] }
      ).rows.map((r) => r.key),
    };
  } finally {
    await db.close();
  }
}

describe.skipIf(pg)("killing the server during an import job", () => {
  it("leaves no partial data, reports the job as interrupted, and the file imports afterwards", async () => {
    const before = await counts();
    // 86 Stadtteile × 30 years × 60 groups = 154,800 values: several COPY batches of progress.
    const lines = ["Gebiet;Jahr;Gruppe;Wert"];
    for (const k of before.keys)
      for (let y = 1990; y < 2020; y++) for (let g = 0; g < 60; g++) lines.push(`${k};${y};g${g};${(y * g) % 997}`);
    const rows = lines.length - 1;
    const csv = lines.join("\n");

    let server = await spawnServer(env());
    const c = new Client(server.url);
    await c.login("editor.koeln@example.org", PW);
    const up = await c.postFile(
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload" },
      { field: "file", name: "gross.csv", content: csv, type: "text/csv" },
    );
    expect(up.status).toBe(302);
    const loc = up.headers.get("location")!;
    const mapping = {
      upload: new URL(loc, server.url).searchParams.get("upload")!,
      areaColumn: "Gebiet",
      periodColumn: "Jahr",
      valueColumn: "Wert",
      indicator: "arbeitslose",
      groupColumn: "Gruppe",
      profileName: "kill-job",
    };
    const posted = await c.post(loc, { ...mapping, intent: "commit" });
    expect(posted.status).toBe(302);
    const jobUrl = posted.headers.get("location")!;

    // Kill once the job has staged rows (its page says how many), before it has finished.
    for (;;) {
      const html = await (await getRetrying(c, jobUrl)).text();
      expect(html).not.toContain('data-job-status="done"');
      if (/Zeilen werden geprüft und bereitgestellt: [1-9]/.test(html)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    server.child.kill("SIGKILL");
    await new Promise((r) => server.child.once("exit", r));
    const after = await counts();
    expect({ observations: after.observations, imports: after.imports }).toEqual({
      observations: before.observations,
      imports: before.imports,
    });

    server = await spawnServer(env());
    try {
      const c2 = new Client(server.url);
      await c2.login("editor.koeln@example.org", PW);
      const page = await (await c2.get(jobUrl)).text();
      expect(page).toContain('data-job-status="failed"');
      expect(page).toContain("abgebrochen");
      // The staged upload is still there: the same file is imported completely now.
      const again = await c2.post(loc, { ...mapping, intent: "commit" });
      const next = again.headers.get("location")!;
      let html = "";
      for (;;) {
        html = await (await getRetrying(c2, next)).text();
        if (/data-job-status="(done|failed)"/.test(html)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(html).toContain(`Übernommen: ${rows} neu`);
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((r) => server.child.once("exit", r));
    }
    const done = await counts();
    expect(done.observations).toBe(before.observations + rows);
    expect(done.imports).toBe(before.imports + 1);
  });
});
