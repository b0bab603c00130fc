import { eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "~/kernel/db/context";
import { ServiceError } from "~/kernel/errors";
import type { JobHandler } from "~/kernel/jobs/service";
import type { JobsModule } from "~/kernel/modules";
import { monUploads } from "./schema";
import { importInBackground, ObservationProfile } from "./services/importer";
import { openStaged, stagedInfo } from "./services/staged";

/** The job that imports a staged upload (queued by the import page, see routes/staff-import.tsx). */
export const IMPORT_JOB = "monitoring.import";

export const ImportJobPayload = z.object({
  uploadId: z.uuid(),
  /** Shown on the job's page while it runs. */
  fileName: z.string().max(200).default(""),
  profile: ObservationProfile,
  dryRun: z.boolean(),
});
export type ImportJobPayload = z.infer<typeof ImportJobPayload>;

const runImportJob: JobHandler = async ({ db, job, scope, progress }) => {
  const { uploadId, profile, dryRun } = ImportJobPayload.parse(job.payload);
  const inTx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, scope, fn);
  await progress({ phase: "parse", done: 0, total: 0 });
  const staged = await stagedInfo(inTx, uploadId, profile.format);
  if (!staged) throw new ServiceError("monitoring.uploadGone");
  const report = await importInBackground(
    db,
    scope,
    {
      staged: { fileHash: staged.fileHash, open: (run, fmt) => openStaged(run, uploadId, fmt) },
      fileName: staged.fileName,
      profile,
      dryRun,
      actor: { id: scope.actor.userId, label: scope.actor.label },
    },
    (p) => progress(p),
  );
  if (report.committed) await inTx((tx) => tx.delete(monUploads).where(eq(monUploads.id, uploadId)));
  return report;
};

export const handlers: JobsModule["handlers"] = { [IMPORT_JOB]: runImportJob };
