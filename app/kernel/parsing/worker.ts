import { parentPort } from "node:worker_threads";
import { ParseFailure, type UploadLimits } from "./limits";
import { runTask, type ParseTask } from "./tasks";

// Entry of the parser worker thread (built as build/server/upload-worker.js). One task per worker:
// the request side terminates it on timeout, and its heap is capped by resourceLimits.
parentPort!.once("message", ({ task, limits }: { task: ParseTask; limits: UploadLimits }) => {
  try {
    parentPort!.postMessage({ ok: true, value: runTask(task, limits) });
  } catch (e) {
    const error =
      e instanceof ParseFailure
        ? { code: e.code, params: e.params }
        : // Anything else a parser throws on a hostile file is still just an unreadable file.
          { code: "upload.format.unreadable", detail: String((e as Error)?.message ?? e).slice(0, 300) };
    parentPort!.postMessage({ ok: false, error });
  }
});
