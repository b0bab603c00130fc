import type { ModuleManifest } from "~/kernel/modules";

// Gremien (issue 12): bodies, their seat rules and members. Pages, meetings, papers and OParl come
// in later slices; for now the module brings its tables, services and the Aachen demo bodies.
export default {
  name: "bodies",
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 20, load: () => import("./demo") },
  publicApi: "index.ts",
} satisfies ModuleManifest;
