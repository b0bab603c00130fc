import type { ModuleManifest } from "~/kernel/modules";

// The manifest is plain data and lazy loaders: React Router's route-config loader evaluates it at
// build time, so it imports nothing at run time.
export default {
  name: "concept",
  routes: {
    public: [
      { path: "konzept", file: "routes/public-concept.tsx" },
      { path: "konzept/massnahmen/:id", file: "routes/public-measure.tsx" },
      { path: "konzept/ausgaben/:id/vergleich", file: "routes/public-compare.tsx" },
    ],
    staff: [
      { path: "konzept", file: "routes/staff-concept.tsx" },
      { path: "konzept/matrix", file: "routes/staff-matrix.tsx" },
      { path: "konzept/vergleich", file: "routes/staff-compare.tsx" },
      { path: "konzept/sachstandsbericht/:format", file: "routes/staff-report.ts" },
      { path: "massnahmen", file: "routes/staff-measures.tsx" },
      { path: "massnahmen/neu", file: "routes/staff-measure-form.tsx", id: "concept-measure-new" },
      { path: "massnahmen/export/:format", file: "routes/staff-export.ts" },
      { path: "massnahmen/import", file: "routes/staff-import.tsx" },
      { path: "massnahmen/:id", file: "routes/staff-measure.tsx" },
      { path: "massnahmen/:id/bearbeiten", file: "routes/staff-measure-form.tsx", id: "concept-measure-edit" },
    ],
  },
  nav: {
    order: 10,
    public: [{ to: "konzept", labelKey: "concept.nav.public" }],
    staff: [
      { to: "konzept", labelKey: "concept.nav.concept", minRole: "viewer" },
      { to: "massnahmen", labelKey: "concept.nav.measures", minRole: "partner" },
    ],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 10, load: () => import("./demo") },
  api: () => import("./api"),
  // Goals and measures carry the tenant's Handlungsfelder: one in use is not deleted.
  taxonomyUsage: () => import("./taxonomy-usage"),
  publicApi: "index.ts",
} satisfies ModuleManifest;
