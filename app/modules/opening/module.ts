import type { ModuleManifest } from "~/kernel/modules";

// Interkulturelle Öffnung (issue 15): how an organisation – a city hall, a police headquarters, a welfare
// association – makes its services reachable for everyone and its staff reflect the population. Parts:
// the self-assessment cycle with the seed's catalogues (assessment/), anonymous staff and user surveys
// (surveys/), the Land's partner network with its yearly reports and the compiled state report
// (partners/), the seal "Interkulturell orientiert" and the job-ad clauses (seal/). Its migrations
// (07xx) run after concept's (0100–0106), so an action plan's measure may link a concept measure.
export default {
  name: "opening",
  routes: {
    staff: [{ path: "oeffnung", file: "routes/staff-overview.tsx" }],
  },
  nav: {
    order: 30,
    staff: [{ to: "oeffnung", labelKey: "opening.nav.staff", minRole: "viewer" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
} satisfies ModuleManifest;
