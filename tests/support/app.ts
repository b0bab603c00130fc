// The whole app as the registry composes it (kernel + every module), for tests in the kernel and
// in modules that need all tables or all demo data; they may not import the registry themselves.
export { migrate, seedDemo, taxonomyUsage } from "~/registry.server";
