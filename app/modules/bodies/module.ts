import type { ModuleManifest } from "~/kernel/modules";

// Gremien (issue 12): bodies, their seat rules and members; their meetings with agenda, minutes and
// attendance; papers (Vorlagen) with their Beratungsfolge (decision 0024). German URLs; "neu" ranks
// above :id. The papers keep the URL they had in the concept module (verwaltung/vorlagen).
export default {
  name: "bodies",
  routes: {
    staff: [
      { path: "gremien", file: "routes/staff-list.tsx" },
      { path: "gremien/neu", file: "routes/staff-new.tsx" },
      { path: "gremien/:id", file: "routes/staff-body.tsx" },
      { path: "gremien/:id/sitzungen", file: "routes/staff-meetings.tsx" },
      { path: "gremien/:id/sitzungen/:meetingId", file: "routes/staff-meeting.tsx" },
      { path: "vorlagen", file: "routes/staff-papers.tsx" },
      { path: "vorlagen/:id", file: "routes/staff-paper.tsx" },
    ],
  },
  nav: {
    order: 25,
    staff: [
      { to: "gremien", labelKey: "bodies.nav.staff", minRole: "viewer" },
      { to: "vorlagen", labelKey: "bodies.nav.papers", minRole: "viewer" },
    ],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 20, load: () => import("./demo") },
  // OParl 1.1 (decision 0026), read-only, outside the REST API's conventions.
  mounts: [{ path: "/oparl/v1", load: () => import("./oparl/publish") }],
  // The OParl import from another council information system (decision 0027).
  cli: () => import("./cli"),
  // The staff home: meetings whose state, agenda or minutes are owed (attention.ts).
  attention: () => import("./attention"),
  publicApi: "index.ts",
} satisfies ModuleManifest;
