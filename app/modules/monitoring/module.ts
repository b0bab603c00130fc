import type { ModuleManifest } from "~/kernel/modules";

// Plain data and lazy loaders only (see concept/module.ts).
export default {
  name: "monitoring",
  routes: {
    public: [
      { path: "monitoring", file: "routes/public-index.tsx" },
      { path: "monitoring/indikator/:code", file: "routes/public-indicator.tsx" },
      { path: "monitoring/indikator/:code/export", file: "routes/public-export.tsx" },
      { path: "monitoring/gebiete.geojson", file: "routes/areas-geojson.tsx" },
      { path: "monitoring/gebiet", file: "routes/area-redirect.tsx" },
      // An area is (level, key); the old key-only URLs redirect, or offer the levels when the key repeats.
      { path: "monitoring/gebiet/:level/:key", file: "routes/area-profile.tsx" },
      { path: "monitoring/gebiet/:level/:key/export", file: "routes/area-profile-export.tsx" },
      { path: "monitoring/gebiet/:key", file: "routes/area-by-key.tsx" },
      { path: "monitoring/gebiet/:key/export", file: "routes/area-by-key-export.tsx" },
      { path: "monitoring/ziele", file: "routes/goals.tsx" },
      { path: "monitoring/ziele/export", file: "routes/goals-export.tsx" },
      { path: "monitoring/vergleich", file: "routes/comparison.tsx" },
    ],
    staff: [
      { path: "monitoring", file: "routes/staff-index.tsx", id: "monitoring-staff-index" },
      { path: "monitoring/indikator/:code", file: "routes/staff-indicator.tsx" },
      { path: "monitoring/indikator/:code/export", file: "routes/staff-export.tsx" },
      { path: "monitoring/indikatoren/neu", file: "routes/staff-indicator-new.tsx" },
      { path: "monitoring/import", file: "routes/staff-import.tsx" },
      { path: "monitoring/import/auftrag/:id", file: "routes/staff-import-job.tsx" },
      // Import profiles given out and taken in as JSON files; `:file` is "<name>.json".
      { path: "monitoring/profile", file: "routes/staff-profiles.tsx" },
      { path: "monitoring/profile/:file", file: "routes/staff-profile-file.ts" },
      { path: "monitoring/gebiete", file: "routes/staff-areas.tsx" },
      // The monitoring report per period, DOCX and tagged PDF (decision 0038).
      { path: "monitoring/bericht", file: "routes/staff-report.tsx" },
      { path: "monitoring/bericht/datei", file: "routes/staff-report-file.ts" },
    ],
  },
  nav: {
    order: 20,
    public: [{ to: "monitoring", labelKey: "monitoring.nav" }],
    staff: [{ to: "monitoring", labelKey: "monitoring.staffNav", minRole: "viewer" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 60, load: () => import("./demo") },
  cli: () => import("./cli"),
  jobs: () => import("./jobs"),
  api: () => import("./api"),
  // Every indicator belongs to one of the tenant's Handlungsfelder: one in use is not deleted.
  taxonomyUsage: () => import("./taxonomy-usage"),
  publicApi: "index.ts",
} satisfies ModuleManifest;
