import type { ModuleManifest } from "~/kernel/modules";

// Beteiligung (issue 12): participation processes from templates (Fachgespräch, Zukunftswerkstatt …),
// their cards and the chain Kritik → Phantasie → Realisierung, and what became of each proposal.
// Events (decision 0029), the live workshop board with dot voting (0030), drafts to comment on (0031). "neu" ranks above :id.
export default {
  name: "participation",
  routes: {
    public: [
      { path: "beteiligung/:id", file: "routes/public-process.tsx" },
      {
        path: "beteiligung/:processId/termine.ics",
        file: "routes/public-event-ics.ts",
        id: "participation-process-ics",
      },
      // A draft to comment on, paragraph by paragraph (decision 0031).
      { path: "beteiligung/:id/entwurf/:draftId", file: "routes/public-draft.tsx" },
      { path: "veranstaltungen/abmelden/:token", file: "routes/public-event-cancel.tsx" },
      // The live workshop board (decision 0030): joining by code, the participant's page, its stream.
      { path: "werkstatt", file: "routes/public-workshop-join.tsx" },
      { path: "werkstatt/:code", file: "routes/public-workshop.tsx" },
      { path: "werkstatt/:code/live", file: "routes/public-workshop-live.ts" },
      { path: "veranstaltungen/:id", file: "routes/public-event.tsx" },
      { path: "veranstaltungen/:id/termin.ics", file: "routes/public-event-ics.ts", id: "participation-event-ics" },
    ],
    staff: [
      { path: "beteiligung", file: "routes/staff-list.tsx" },
      { path: "beteiligung/neu", file: "routes/staff-new.tsx" },
      { path: "beteiligung/akteure", file: "routes/staff-stakeholders.tsx" },
      { path: "beteiligung/:id", file: "routes/staff-process.tsx" },
      { path: "beteiligung/:id/export/:format", file: "routes/staff-export.ts" },
      { path: "beteiligung/:id/entwurf/:draftId", file: "routes/staff-draft.tsx" },
      { path: "beteiligung/:id/werkstatt/:workshopId", file: "routes/staff-workshop.tsx" },
      { path: "beteiligung/:id/werkstatt/:workshopId/leinwand", file: "routes/staff-workshop-screen.tsx" },
      { path: "beteiligung/:id/werkstatt/:workshopId/live", file: "routes/staff-workshop-live.ts" },
      { path: "beteiligung/:id/werkstatt/:workshopId/ergebnis.csv", file: "routes/staff-workshop-export.ts" },
      { path: "veranstaltungen", file: "routes/staff-events.tsx" },
      { path: "veranstaltungen/:id", file: "routes/staff-event.tsx" },
    ],
  },
  nav: {
    order: 27,
    staff: [
      { to: "beteiligung", labelKey: "participation.nav.staff", minRole: "viewer" },
      { to: "veranstaltungen", labelKey: "participation.nav.events", minRole: "viewer" },
    ],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 30, load: () => import("./demo") },
  // Proposal → measure (decision 0028): the concept's measure pages ask here where a measure came from.
  provenance: () => import("./provenance"),
  // Handlungsfelder its processes, cards and competence notes carry (decision 0037): not deleted from under them.
  taxonomyUsage: () => import("./taxonomy-usage"),
  api: () => import("./api"),
  // The period's results for the council report (steering, decision 0034).
  publicApi: "index.ts",
} satisfies ModuleManifest;
