import type { ModuleManifest } from "~/kernel/modules";

// Gremien (issue 12): bodies, their seat rules and members, with staff pages to keep them. Meetings,
// papers and OParl come in later slices. German URLs; "neu" ranks above :id.
export default {
  name: "bodies",
  routes: {
    staff: [
      { path: "gremien", file: "routes/staff-list.tsx" },
      { path: "gremien/neu", file: "routes/staff-new.tsx" },
      { path: "gremien/:id", file: "routes/staff-body.tsx" },
    ],
  },
  nav: {
    order: 25,
    staff: [{ to: "gremien", labelKey: "bodies.nav.staff", minRole: "viewer" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 20, load: () => import("./demo") },
  publicApi: "index.ts",
} satisfies ModuleManifest;
