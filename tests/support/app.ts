// The whole app as the registry composes it (kernel + every module), for tests in the kernel and
// in modules that need all tables or all demo data; they may not import the registry themselves.
import { modules } from "~/registry.server";
export { migrate, seedDemo, taxonomyUsage } from "~/registry.server";

/** Every module's migration files (with the kernel's: listMigrations), for tests of a migration itself. */
export const moduleMigrations = modules.flatMap((m) => (m.migrations ? [m.migrations] : []));
