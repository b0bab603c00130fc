import type { Database } from "~/kernel/db/client";
import type { Log } from "~/kernel/modules";
import { seedDemo as assessments } from "./assessment/demo";

// The module's demo data, part by part.
export async function seedDemo(db: Database, log: Log) {
  await assessments(db);
  log("Interkulturelle Öffnung: Selbstbewertungen (Aachen)");
}
