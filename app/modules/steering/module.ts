import type { ModuleManifest } from "~/kernel/modules";

// Steuerung (issue 13, decision 0032): the links that close the management cycle – goals name the
// indicators that measure them with a target, measures the indicators they are meant to move and the
// Stadtteile they work in – and what follows from them: goal attainment on a controlling page for the
// integration office and on a public accountability page. Its migrations run after concept's and
// monitoring's (0600), so its tables may reference both.
export default {
  name: "steering",
  routes: {
    public: [{ path: "rechenschaft", file: "routes/public-accountability.tsx" }],
    staff: [
      { path: "steuerung", file: "routes/staff-overview.tsx" },
      { path: "steuerung/ziel/:goalId", file: "routes/staff-goal.tsx" },
      { path: "steuerung/massnahme/:measureId", file: "routes/staff-measure.tsx" },
      { path: "steuerung/kommunen", file: "routes/staff-members.tsx" },
      // The filtered measure list as the concept's catalogue file (CSV or XLSX).
      { path: "steuerung/export/:format", file: "routes/staff-export.ts" },
      // The report to the council as a new Vorlage, DOCX and tagged PDF (decision 0034).
      { path: "steuerung/bericht", file: "routes/staff-report.tsx" },
      { path: "steuerung/bericht/:id/:format", file: "routes/staff-report-file.ts" },
    ],
  },
  // The accountability page with the controlling overview, goal tree and rule it shares with staff
  // (measure statuses come from concept's public strings).
  publicStrings: [
    "steering.nav.public",
    "steering.public.",
    "steering.example",
    "steering.status.",
    "steering.rule.",
    "steering.target.value.",
    "steering.target.parity.",
    "steering.target.by",
    "steering.target.group",
    "steering.latest",
    "steering.statusLabel",
    "steering.noData",
    "steering.suppressed",
    "steering.noTargets",
    "steering.leitziele",
    "steering.teilziele",
    ...[
      "title",
      "filter",
      "all",
      "themenfeld",
      "handlungsfeld",
      "handlungsfelder",
      "status",
      "lead",
      "area",
      "areas",
      "search",
      "overdueOnly",
      "apply",
      "reset",
      "count",
      "countFiltered",
      "overdueCount",
      "byThemenfeld",
      "byHandlungsfeld",
      "byHandlungsfeldNote",
      "noHandlungsfeld",
      "sum",
      "allMeasures",
      "chartStatusAlt",
      "chartStatusCaption",
      "measures",
      "measure",
      "goals",
      "overdueMilestones",
      "until",
      "noMeasures",
      "attainment",
      "chartAttainmentAlt",
      "chartAttainmentCaption",
      "leitziel",
      "targetsWith",
    ].map((k) => `steering.dashboard.${k}`),
  ],
  nav: {
    order: 12,
    public: [{ to: "rechenschaft", labelKey: "steering.nav.public" }],
    staff: [{ to: "steuerung", labelKey: "steering.nav.staff", minRole: "viewer" }],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 90, load: () => import("./demo") },
  // The concept's pages and API ask here which indicators show a goal's or measure's effect.
  evidence: () => import("./evidence"),
  // The area profile asks here which measures work in an area.
  areaContents: () => import("./area-contents"),
} satisfies ModuleManifest;
