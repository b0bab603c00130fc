// Parsing a 10,000-row XLSX as the monitoring import reads it: the upload parser (kernel/parsing/,
// in its worker thread, as the server runs it) beside ExcelJS's whole-workbook load that the
// importer used before (issue 10), with the old per-cell column count for comparison.
//   node --import tsx bench/xlsx-parse.ts [rows]      default: 10000
import ExcelJS from "exceljs";
import { Worker } from "node:worker_threads";
import { config } from "~/kernel/config";
import { runTask } from "~/kernel/parsing/tasks";
import type { ParsedTable, UploadLimits } from "~/kernel/parsing/limits";

// The production worker (npm run build): the same entry kernel/parsing/run.ts starts per upload.
const workerUrl = new URL("../build/server/upload-worker.js", import.meta.url);
const limits: UploadLimits = { uploadBytes: config().maxUploadBytes, ...config().uploadLimits };
const inWorker = (bytes: Uint8Array) =>
  new Promise<ParsedTable>((resolve, reject) => {
    const w = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb } });
    w.once("message", (m: { ok: boolean; value: ParsedTable }) => {
      void w.terminate();
      if (m.ok) resolve(m.value);
      else reject(new Error(JSON.stringify(m)));
    });
    w.once("error", reject);
    w.postMessage({ task: { kind: "table", bytes, options: {} }, limits });
  });

const rows = Number(process.argv[2] ?? 10_000);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("Daten");
ws.addRow(["Stadtteil", "Jahr", "Gruppe", "Wert", "Quelle"]);
for (let i = 0; i < rows; i++)
  ws.addRow([String(100 + (i % 86)), 2000 + (i % 20), `g${i % 7}`, (i * 7919) % 1000, "Amt"]);
const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
console.log(
  `XLSX mit ${rows.toLocaleString("de-DE")} Zeilen, ${(bytes.length / 1024).toFixed(0)} KB, Node ${process.version}`,
);

async function time(label: string, fn: () => Promise<unknown> | unknown, runs = 3) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} Median ${ms[Math.floor(runs / 2)].toFixed(0).padStart(6)} ms`);
}

// Before: ExcelJS loads the workbook, then every cell loop asked ws.columnCount (a walk over all rows).
await time(
  "vorher: ExcelJS + columnCount je Zelle (Hauptthread)",
  async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(bytes as never);
    const s = w.worksheets[0];
    const out: string[][] = [];
    s.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= s.columnCount; c++) cells.push(String(row.getCell(c).value ?? ""));
      out.push(cells);
    });
  },
  1,
);
await time("ExcelJS-Laden allein (Hauptthread)", async () => {
  const w = new ExcelJS.Workbook();
  await w.xlsx.load(bytes as never);
});
await time("nachher: Upload-Parser im Hauptthread (ohne Worker)", () => {
  const t = runTask({ kind: "table", bytes, options: {} }, limits) as ParsedTable;
  if (t.rowCount !== rows + 1) throw new Error(`${t.rowCount} Zeilen`);
});
await time("nachher: Upload-Parser im Worker-Thread (mit Start des Workers)", async () => {
  const t = await inWorker(bytes);
  if (t.rowCount !== rows + 1) throw new Error(`${t.rowCount} Zeilen`);
});
