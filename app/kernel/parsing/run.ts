import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ServiceError, type ErrorParams } from "../errors";
import { uploadLimits } from "../upload";
import type { UploadLimits } from "./limits";
import type { ParseResult, ParseTask } from "./tasks";

/** A file refused by a limit or unreadable: `upload.limit.*` / `upload.format.*` with parameters. */
export class UploadRefused extends ServiceError {}

/**
 * Where the worker's code is: beside this file when it runs from source (tests, benchmarks: the
 * TypeScript is loaded through tsx), and build/server/upload-worker.js in the production build,
 * where Vite bundles it as an SSR entry of its own (vite.config.ts) while this code may sit in
 * build/server/index.js, cli.js or a chunk under build/server/assets/.
 */
function workerScript(): { script: string | URL; eval?: boolean } {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) {
    const source = new URL("./worker.ts", here).href;
    const script = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
    return { script, eval: true };
  }
  for (const rel of ["./upload-worker.js", "../upload-worker.js"]) {
    const url = new URL(rel, here);
    if (fs.existsSync(fileURLToPath(url))) return { script: url };
  }
  throw new Error(`upload-worker.js fehlt neben ${here}`);
}

// Parsing is CPU-bound: more workers than the machine has cores only makes every upload slower.
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Parses an uploaded file in a worker thread, so the event loop keeps serving requests. The worker
 * gets the limits, a heap cap and a wall-clock deadline; crossing any of them refuses the file with
 * an error code naming the limit (kernel strings `upload.limit.*`).
 */
export async function parseInWorker<T extends ParseTask>(
  task: T,
  limits: UploadLimits = uploadLimits(),
): Promise<ParseResult<T>> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await runWorker(task, limits);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runWorker<T extends ParseTask>(task: T, limits: UploadLimits): Promise<ParseResult<T>> {
  const { script, eval: isEval } = workerScript();
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(script, {
      eval: isEval,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const refuse = (code: string, params?: ErrorParams) => finish(() => reject(new UploadRefused(code, params)));
    const timer = setTimeout(() => refuse("upload.limit.time", { seconds: limits.seconds }), limits.seconds * 1000);
    worker.on(
      "message",
      (m: { ok: true; value: ParseResult<T> } | { ok: false; error: { code: string; params?: ErrorParams } }) =>
        m.ok ? finish(() => resolve(m.value)) : refuse(m.error.code, m.error.params),
    );
    worker.on("error", (e: Error & { code?: string }) =>
      e.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? refuse("upload.limit.memory", { mb: limits.memoryMb })
        : finish(() => reject(e)),
    );
    worker.on("exit", () => refuse("upload.format.unreadable"));
    worker.postMessage({ task, limits });
  });
}
