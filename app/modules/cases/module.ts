import type { ModuleManifest } from "~/kernel/modules";

// Integration Point (issue 16): cross-agency case work for refugees. A network of institutions that may
// span tenants (the StädteRegion's Jobcenter and Ausländerbehörde, the city's Jugendamt and Sozialamt)
// works on clients whose data is grouped in categories, encrypted per client with a key held outside
// the database, readable only on a recorded legal basis, and every read is logged. Access is decided in
// the database (decision 0044), not only in routes. Its migrations are 08xx.
export default {
  name: "cases",
  nav: {
    // Everyone with a membership may look: the page shows a case only to staff of a network.
    staff: [{ to: "fallarbeit", labelKey: "cases.nav.staff", minRole: "partner" }],
  },
  routes: {
    staff: [
      // Case work (routes/cases-*.tsx): every page asks routes/session.server.ts for the user's seat
      // in a network (second factor, 15 idle minutes); the database decides what it shows.
      { path: "fallarbeit", file: "routes/cases-home.tsx" },
      { path: "fallarbeit/netzwerk", file: "routes/cases-network.tsx" },
      { path: "fallarbeit/aufnahme", file: "routes/cases-intake.tsx" },
      { path: "fallarbeit/suche", file: "routes/cases-search.tsx" },
      { path: "fallarbeit/verweisungen", file: "routes/cases-referrals.tsx" },
      { path: "fallarbeit/fristen", file: "routes/cases-retention.tsx" },
      // Break-glass: request, approval by the owning institution, review by its data-protection officer.
      { path: "fallarbeit/notfallzugriff", file: "routes/cases-break-glass.tsx" },
      { path: "fallarbeit/fall/:clientId", file: "routes/cases-client.tsx" },
      { path: "fallarbeit/fall/:clientId/daten/:category", file: "routes/cases-category.tsx" },
      { path: "fallarbeit/fall/:clientId/plan", file: "routes/cases-plan.tsx" },
      { path: "fallarbeit/fall/:clientId/kontakte", file: "routes/cases-contacts.tsx" },
      // The client's household: the members the actor may see, each with its own plan (households/).
      { path: "fallarbeit/fall/:clientId/haushalt", file: "routes/cases-household.tsx" },
      { path: "fallarbeit/fall/:clientId/einwilligung", file: "routes/cases-consent.tsx" },
      { path: "fallarbeit/fall/:clientId/rechtsgrundlage", file: "routes/cases-basis.tsx" },
      { path: "fallarbeit/fall/:clientId/protokoll", file: "routes/cases-log.tsx" },
      // Attachments (attachments/): the list and upload page, and one file as a download.
      { path: "fallarbeit/fall/:clientId/anlagen", file: "routes/cases-attachments.tsx" },
      { path: "fallarbeit/fall/:clientId/anlagen/:attachmentId", file: "routes/cases-attachment-file.ts" },
      // Subject access (Art. 15 GDPR): the page offers the file, the file is a POST behind a fresh
      // password confirmation; the consent form as a PDF in the client's language (export/).
      { path: "fallarbeit/fall/:clientId/auskunft", file: "routes/cases-subject-access.tsx" },
      { path: "fallarbeit/fall/:clientId/auskunft/datei", file: "routes/cases-subject-access-file.ts" },
      { path: "fallarbeit/fall/:clientId/einwilligung/:consentId/pdf", file: "routes/cases-consent-pdf.ts" },
      // Eligibility: the step catalogue and the rule versions (read-only, viewer and above).
      { path: "fallarbeit/regeln", file: "routes/eligibility-rules.tsx" },
    ],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  preflight: () => import("./preflight"),
  // The Integration Point of the StädteRegion Aachen with invented clients (after the monitoring's demo).
  demo: { order: 95, load: () => import("./demo") },
  // Platform-admin commands (eligibility: cases:eligibility-add).
  cli: () => import("./cli"),
  // Daily: the retention run (decision 0048).
  schedules: () => import("./schedules"),
  publicApi: "index.ts",
  // The staff home: counts of the seat's work – overdue plan steps, referrals, break-glass (attention.ts).
  attention: () => import("./attention"),
} satisfies ModuleManifest;
