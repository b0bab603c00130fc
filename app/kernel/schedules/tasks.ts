import path from "node:path";
import type { Database } from "../db/client";
import { config } from "../config";
import { scheduleDelivery } from "../mail/outbox";
import { pruneContentChanges } from "../http/page-cache";
import { maintainEmbedded } from "../db/maintenance";
import { pruneAuthData } from "../auth/service";
import { backupToDir } from "../db/backup";
import type { ScheduledTask } from "./service";

// The kernel's own periodic tasks (decision 0048), formerly a per-process setInterval in
// server/index.ts. Mail still also goes out right after the request that queued it (server/index.ts);
// this run picks up retries and mail queued elsewhere (CLI, jobs, other tasks).
export function kernelTasks(): ScheduledTask[] {
  const c = config();
  const tasks: ScheduledTask[] = [
    {
      name: "kernel.mail",
      everySeconds: 30,
      run: async (db) => {
        await scheduleDelivery(db);
      },
    },
    {
      name: "kernel.content-changes",
      everySeconds: 300,
      run: (db) => pruneContentChanges(db),
    },
    {
      name: "kernel.auth-prune",
      everySeconds: 3600,
      run: (db) => pruneAuthData(db),
    },
    {
      // The embedded database has no autovacuum: every minute, its work where it is due.
      name: "kernel.db-maintenance",
      everySeconds: 60,
      run: async (db: Database) => {
        if (db.kind !== "pglite") return "–";
        const p = await maintainEmbedded(db);
        return `VACUUM: ${p.vacuumed.length}, ANALYZE: ${p.analysed.length}`;
      },
    },
  ];
  const dir = c.backup.dir;
  if (dir)
    tasks.push({
      name: "kernel.backup",
      dailyAtHour: c.backup.hour,
      run: async (db, now) => {
        const r = await backupToDir(db, path.resolve(dir), c.backup.keep, now);
        return `${path.basename(r.file)}: ${r.rows} Zeilen${r.deleted.length ? `; gelöscht: ${r.deleted.join(", ")}` : ""}`;
      },
    });
  return tasks;
}
