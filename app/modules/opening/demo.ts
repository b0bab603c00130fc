import type { Database } from "~/kernel/db/client";
import type { Log } from "~/kernel/modules";
import { seedDemo as seal } from "./seal/demo";
import { seedDemo as trainings } from "./trainings/demo";

// The module's demo data: each part's loader in turn.
export async function seedDemo(db: Database, log: Log) {
  await seal(db, log);
  await trainings(db, log);
}
