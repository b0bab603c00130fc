import type { Database } from "~/kernel/db/client";
import type { Log } from "~/kernel/modules";
import { seedDemo as assessments } from "./assessment/demo";
import { seedDemo as partners } from "./partners/demo";
import { seedDemo as surveys } from "./surveys/demo";
import { seedDemo as seal } from "./seal/demo";
import { seedDemo as trainings } from "./trainings/demo";
import { seedDemo as mediators } from "./mediators/demo";

// The module's demo data: each part seeds its own.
export async function seedDemo(db: Database, log: Log) {
  await assessments(db);
  log("Interkulturelle Öffnung: Selbstbewertungen (Aachen)");
  await partners(db, log);
  await surveys(db, log);
  await seal(db, log);
  await trainings(db, log);
  await mediators(db, log);
}
