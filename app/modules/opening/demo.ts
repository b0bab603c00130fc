import type { Database } from "~/kernel/db/client";
import { seedDemo as surveys } from "./surveys/demo";

// The module's demo data: each part's own demo in turn.
export async function seedDemo(db: Database, log: (m: string) => void) {
  await surveys(db, log);
}
