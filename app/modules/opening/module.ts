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
    public: [
      // Anonymous surveys (decision 0041): the code entry page and a survey's respondent page.
      { path: "befragung", file: "routes/surveys-public-entry.tsx" },
      { path: "befragung/:surveyId", file: "routes/surveys-public.tsx" },
    ],
    staff: [
      { path: "oeffnung", file: "routes/staff-overview.tsx" },
      { path: "oeffnung/befragungen", file: "routes/surveys-list.tsx" },
      { path: "oeffnung/befragungen/neu", file: "routes/surveys-new.tsx" },
      { path: "oeffnung/befragungen/zeitreihe", file: "routes/surveys-series.tsx" },
      { path: "oeffnung/befragungen/zeitreihe.csv", file: "routes/surveys-series-csv.ts" },
      { path: "oeffnung/befragungen/:id", file: "routes/surveys-detail.tsx" },
      { path: "oeffnung/befragungen/:id/ergebnisse", file: "routes/surveys-results.tsx" },
      { path: "oeffnung/befragungen/:id/codes.csv", file: "routes/surveys-codes-csv.ts" },
    ],
  },
  nav: {
    order: 30,
    staff: [{ to: "oeffnung", labelKey: "opening.nav.staff", minRole: "viewer" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 95, load: () => import("./demo") },
  // The survey breakdown's suppression (bench/opening-surveys.ts; trainings' evaluations may use it).
  publicApi: "index.ts",
} satisfies ModuleManifest;
