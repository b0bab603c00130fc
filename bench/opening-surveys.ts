/**
 * Anonymous surveys (issue 15 item 2, decision 0041), two measurements, each beside a reference of the
 * same run:
 * 1. 2,000 survey submissions over HTTP against the built server (its own process, single-use codes
 *    from the codes CSV, CSRF as a browser sends it), CONCURRENCY at a time: p50/p99 latency, errors,
 *    and duplicates – the answer count read back after closing must equal the accepted submissions,
 *    and a second use of any code must be refused. Reference: the same number of plain single-row
 *    INSERTs of the answer row into an embedded PGlite (the storage floor without HTTP, CSRF, code
 *    check or row-level security).
 * 2. Results with suppression for 50 units × 30 questions × 3 breakdowns (all respondents, those with
 *    and those without a migration history): the GROUP BY plus protectBreakdown (primary and
 *    complementary suppression with the exact linear attack) for all 90 tables. Reference: the plain
 *    SQL GROUP BY of the same data.
 *   npx react-router build && npm run bench -- opening-surveys [submissions] [concurrency]   (vite-node)
 * Measured 2026-12-03 on the 2-core box (shared with other work): 2,000 submissions, 8 at a time,
 * p50 265 ms / p99 848 ms, 25/s, 78.7 s, 0 errors, 2,000 stored, 0 duplicates, 0 of 200 codes
 * accepted twice; plain INSERTs p50 0.2 ms / p99 14.9 ms. Results: 90 tables, 22,950 cells (10,257
 * hidden, 1,069 complementary) p50 625 ms beside the GROUP BY alone p50 201 ms (3.1×).
 */
import { performance } from "node:perf_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "../tests/support/server";
import { spawnServer } from "../tests/support/process";
import { DEMO_PASSWORD } from "../tests/support/roles";
import { pct } from "./support";
import { BREAKDOWN_ROOT as ROOT, protectBreakdown, type BreakdownNode } from "../app/modules/opening";

const SUBMISSIONS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;

// ——— 1. submissions over HTTP ———
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-surveys-"));
const server = await spawnServer({ DATA_DIR: dataDir });
try {
  const staff = new Client(server.url);
  await staff.login("editor.aachen@example.org", DEMO_PASSWORD);
  const list = "/t/aachen/verwaltung/oeffnung/befragungen";
  const created = await staff.post(`${list}/neu`, {
    title: "Benchmark-Befragung",
    kind: "staff",
    opensOn: "2026-01-01",
    closesOn: "2026-12-31",
    periodLabel: "2026",
    mode: "codes",
    headcount: String(SUBMISSIONS),
  });
  const page = created.headers.get("location")!.split("?")[0];
  const id = page.split("/").pop()!;
  await staff.post(page, { intent: "council", agreedOn: "2025-12-01", reference: "Benchmark" });
  await staff.post(page, { intent: "open" });
  const csv = await (await staff.post(`${page}/codes.csv`, { count: String(SUBMISSIONS) })).text();
  const codes = csv.match(/[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}/g) ?? [];
  if (codes.length !== SUBMISSIONS) throw new Error(`${codes.length} Codes statt ${SUBMISSIONS}`);
  const url = `/t/aachen/befragung/${id}`;
  const latencies: number[] = [];
  let errors = 0,
    accepted = 0,
    next = 0;
  const langs = ["de", "tr", "ar", "ru", "pl"];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const respondent = new Client(server.url);
      await respondent.get(url);
      for (let i = next++; i < codes.length; i = next++) {
        const start = performance.now();
        const res = await respondent.post(url, {
          code: codes[i],
          migration: ["yes", "no", "no_answer"][i % 3],
          languages: langs[i % langs.length],
        });
        latencies.push(performance.now() - start);
        if (res.status === 302) accepted++;
        else errors++;
        await res.arrayBuffer();
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  // Duplicates: every code a second time must be refused; then the count after closing.
  const again = new Client(server.url);
  let reused = 0;
  for (const c of codes.slice(0, 200))
    if ((await again.post(url, { code: c, migration: "no" })).status === 302) reused++;
  await staff.post(page, { intent: "close" });
  const detail = await (await staff.get(page)).text();
  const stored = Number(/Antworten bisher: (\d+)/.exec(detail)?.[1] ?? NaN);

  // Reference: the same number of single-row INSERTs into an embedded PGlite, sequentially.
  const pg = await PGlite.create();
  await pg.exec(`CREATE TABLE answers (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), survey_id uuid NOT NULL,
    period_label text NOT NULL, migration text NOT NULL, languages text[] NOT NULL, unit_id uuid)`);
  const inserts: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const start = performance.now();
    await pg.query(`INSERT INTO answers (survey_id, period_label, migration, languages) VALUES ($1, '2026', $2, $3)`, [
      id,
      ["yes", "no", "no_answer"][i % 3],
      [langs[i % langs.length]],
    ]);
    inserts.push(performance.now() - start);
  }
  await pg.close();

  console.log(`Befragung: ${SUBMISSIONS} Antworten über HTTP, ${CONCURRENCY} gleichzeitig (gebauter Server, PGlite):`);
  console.log(
    `  HTTP-POST mit CSRF, Code-Prüfung, RLS  ${ms(latencies)}, ${(accepted / wall).toFixed(0)}/s, ` +
      `${wall.toFixed(1)} s gesamt, Fehler ${errors}, angenommen ${accepted}, gespeichert ${stored}, ` +
      `Duplikate ${stored - accepted + reused} (zweite Verwendung angenommen: ${reused} von 200)`,
  );
  console.log(
    `  Referenz: einzelne INSERTs (PGlite, ohne HTTP) ${ms(inserts)}  → p50 ${(pct(latencies, 50) / pct(inserts, 50)).toFixed(0)}×`,
  );
} finally {
  server.child.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// ——— 2. results with suppression: 50 units × 30 questions × 3 breakdowns ———
{
  const UNITS = 50,
    QUESTIONS = 30,
    RESPONDENTS = 3000,
    K = 10;
  // 5 departments with 9 units each, + 5 departments themselves = 50 units.
  const units: BreakdownNode[] = [{ id: ROOT, parentId: null }];
  for (let d = 0; d < 5; d++) {
    units.push({ id: `d${d}`, parentId: ROOT });
    for (let u = 0; u < 9; u++) units.push({ id: `d${d}u${u}`, parentId: `d${d}` });
  }
  if (units.length - 1 !== UNITS) throw new Error("50 Einheiten erwartet");
  const leaves = units.filter((u) => u.id.includes("u"));
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const pg = await PGlite.create();
  await pg.exec(`CREATE TABLE answers (respondent int, unit text, mh boolean, question int, answer text)`);
  const values: string[] = [];
  for (let r = 0; r < RESPONDENTS; r++) {
    // Unit sizes differ a lot: some units are small enough to be suppressed.
    const unit = leaves[Math.floor(rnd() ** 1.8 * leaves.length)].id;
    const mh = rnd() < 0.3;
    for (let q = 0; q < QUESTIONS; q++) values.push(`(${r}, '${unit}', ${mh}, ${q}, 'a${Math.floor(rnd() * 4)}')`);
  }
  for (let i = 0; i < values.length; i += 5000)
    await pg.exec(`INSERT INTO answers VALUES ${values.slice(i, i + 5000).join(",")}`);
  const groupBy = `SELECT unit, question, mh, answer, count(*)::int AS n FROM answers GROUP BY unit, question, mh, answer`;
  const groups = ["a0", "a1", "a2", "a3"];
  const ROUNDS = 5;
  const withSuppression: number[] = [],
    reference: number[] = [];
  let hidden = 0,
    complementary = 0,
    cells = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    await pg.query(groupBy);
    reference.push(performance.now() - t);

    t = performance.now();
    const rows = (await pg.query<{ unit: string; question: number; mh: boolean; answer: string; n: number }>(groupBy))
      .rows;
    hidden = complementary = cells = 0;
    for (let q = 0; q < QUESTIONS; q++)
      for (const split of ["all", "mh", "no_mh"] as const) {
        const lc = new Map<string, Map<string, number>>();
        const lt = new Map<string, number>();
        for (const r of rows) {
          if (r.question !== q || (split === "mh" && !r.mh) || (split === "no_mh" && r.mh)) continue;
          const m = lc.get(r.unit) ?? new Map<string, number>();
          m.set(r.answer, (m.get(r.answer) ?? 0) + r.n);
          lc.set(r.unit, m);
          lt.set(r.unit, (lt.get(r.unit) ?? 0) + r.n);
        }
        const b = protectBreakdown(units, groups, lc, lt, K, true);
        for (const c of b.cells.values()) {
          cells++;
          if (c.hidden) hidden++;
          if (c.hidden === "complementary") complementary++;
        }
      }
    withSuppression.push(performance.now() - t);
  }
  await pg.close();
  const p50 = (xs: number[]) => pct(xs, 50);
  console.log(
    `Ergebnisse: ${UNITS} Einheiten × ${QUESTIONS} Fragen × 3 Aufschlüsselungen, ${RESPONDENTS} Befragte, k = ${K}, ${ROUNDS} Runden:`,
  );
  console.log(
    `  GROUP BY + Unterdrückung (primär, komplementär, exakt)  p50 ${p50(withSuppression).toFixed(0)} ms ` +
      `(${cells} Zellen, ${hidden} unterdrückt, davon ${complementary} komplementär)`,
  );
  console.log(
    `  Referenz: GROUP BY allein (PGlite)  p50 ${p50(reference).toFixed(0)} ms  → ${(p50(withSuppression) / p50(reference)).toFixed(1)}×`,
  );
}
