import type { Database } from "~/kernel/db/client";
import { seedDemo as seedPartners } from "./partners/demo";

// The module's demo data: each part seeds its own (partners/: the NRW partner network).
export async function seedDemo(db: Database, log: (m: string) => void) {
  await seedPartners(db, log);
}
