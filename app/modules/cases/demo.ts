import type { Database } from "~/kernel/db/client";
import type { DemoLogin } from "~/kernel/demo/seed";
import * as network from "./demo/demo";
import * as households from "./households/demo";

// The module's demo data: the slices' demos in order. The network comes first; slices that add to it
// (plans, privacy) find it by name (demo/demo.ts DEMO_NETWORK).
export async function seedDemo(db: Database, log: (m: string) => void): Promise<void> {
  await network.seedDemo(db, log);
  await households.seedDemo(db, log);
}

/** The demo staff accounts, printed at start with their demo TOTP secrets. */
export function logins(): DemoLogin[] {
  return network.demoLogins();
}
