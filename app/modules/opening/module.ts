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
      { path: "siegel", file: "routes/seal-public.tsx" },
      { path: "schulung-bewerten", file: "routes/trainings-evaluate.tsx" },
      // Anonymous surveys (decision 0041): the code entry page and a survey's respondent page.
      { path: "befragung", file: "routes/surveys-public-entry.tsx" },
      { path: "befragung/:surveyId", file: "routes/surveys-public.tsx" },
    ],
    staff: [
      { path: "oeffnung", file: "routes/staff-overview.tsx" },
      { path: "oeffnung/bewertung", file: "routes/assessment-list.tsx" },
      { path: "oeffnung/bewertung/:id", file: "routes/assessment-page.tsx" },
      { path: "oeffnung/kataloge", file: "routes/assessment-catalogues.tsx" },
      { path: "oeffnung/kataloge/:key", file: "routes/assessment-catalogue.tsx" },
      // The Land's partner network (partners/): list, state report file, partner, yearly report.
      { path: "oeffnung/partner", file: "routes/partners-list.tsx" },
      { path: "oeffnung/partner/landesbericht", file: "routes/partners-report-file.ts" },
      { path: "oeffnung/partner/:id", file: "routes/partners-detail.tsx" },
      { path: "oeffnung/partner/:id/bericht/:reportId", file: "routes/partners-report.tsx" },
      // Seal, job-ad clauses and trainings (seal/, trainings/).
      { path: "oeffnung/siegel", file: "routes/seal-list.tsx" },
      { path: "oeffnung/siegel/:id", file: "routes/seal-case.tsx" },
      { path: "oeffnung/stellenausschreibungen", file: "routes/clauses-list.tsx" },
      { path: "oeffnung/schulungen", file: "routes/trainings-list.tsx" },
      { path: "oeffnung/schulungen/:id", file: "routes/trainings-course.tsx" },
      // Anonymous staff and user surveys, results, the staff-share series (surveys/, decision 0041).
      { path: "oeffnung/befragungen", file: "routes/surveys-list.tsx" },
      { path: "oeffnung/befragungen/neu", file: "routes/surveys-new.tsx" },
      { path: "oeffnung/befragungen/zeitreihe", file: "routes/surveys-series.tsx" },
      { path: "oeffnung/befragungen/zeitreihe.csv", file: "routes/surveys-series-csv.ts" },
      { path: "oeffnung/befragungen/:id", file: "routes/surveys-detail.tsx" },
      { path: "oeffnung/befragungen/:id/ergebnisse", file: "routes/surveys-results.tsx" },
      { path: "oeffnung/befragungen/:id/codes.csv", file: "routes/surveys-codes-csv.ts" },
      // The language-mediator pool (mediators/): pool, requests and assignments, a mediator's own view.
      { path: "oeffnung/sprachmittlung", file: "routes/mediators-pool.tsx" },
      { path: "oeffnung/sprachmittlung/anfragen", file: "routes/mediators-requests.tsx" },
      { path: "oeffnung/sprachmittlung/einsaetze", file: "routes/mediators-mine.tsx" },
    ],
  },
  // The strings of the public pages (seal holders, training evaluation, survey forms) with the errors
  // those forms can show, in every public language.
  publicStrings: [
    "opening.seal.public.",
    "opening.seal.list.name",
    "opening.seal.list.awardedOn",
    "opening.seal.list.validUntil",
    "opening.seal.example",
    "opening.trainings.questions.",
    "opening.trainings.marks.",
    "opening.trainings.evaluate.",
    "opening.trainings.errors.mark",
    "opening.trainings.errors.code",
    "opening.trainings.errors.unknownCode",
    "opening.trainings.errors.closed",
    "opening.surveys.public.",
    "opening.surveys.languages.",
    "opening.surveys.demoText",
    "opening.surveys.errors.migration",
    "opening.surveys.errors.language",
    "opening.surveys.errors.unit",
    "opening.surveys.errors.notAnswerable",
    "opening.surveys.errors.codeRequired",
    "opening.surveys.errors.codeInvalid",
  ],
  nav: {
    order: 30,
    staff: [{ to: "oeffnung", labelKey: "opening.nav.staff", minRole: "partner" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 95, load: () => import("./demo") },
  api: () => import("./api"),
  publicApi: "index.ts",
  cli: () => import("./cli"),
  // The staff home: mediation, seal, surveys and partner reports that wait for the editors (attention.ts).
  attention: () => import("./attention"),
} satisfies ModuleManifest;
