import type { ModuleManifest } from "~/kernel/modules";

// Plain data and lazy loaders only (see concept/module.ts). German URLs; static segments rank
// above :id, so "karte" and the downloads never hit the detail page.
export default {
  name: "atlas",
  routes: {
    public: [
      { path: "angebote", file: "routes/search.tsx" },
      { path: "angebote/karte", file: "routes/map.tsx" },
      { path: "angebote/daten.csv", file: "routes/export-csv.ts" },
      { path: "angebote/daten.json", file: "routes/export-json.ts" },
      // The installable, offline atlas (decision 0051): its service worker and manifest.
      { path: "angebote/sw.js", file: "routes/offline-sw.ts" },
      { path: "angebote/app.webmanifest", file: "routes/offline-manifest.ts" },
      { path: "angebote/:id", file: "routes/detail.tsx" },
    ],
    staff: [
      { path: "angebote", file: "routes/staff-list.tsx" },
      { path: "angebote/neu", file: "routes/staff-edit.tsx", id: "atlas-staff-new" },
      { path: "angebote/freigabe", file: "routes/staff-moderation.tsx" },
      { path: "angebote/luecken", file: "routes/staff-gaps.tsx" },
      // What the form's point picker draws under the point (JSON, fetched when the map is opened).
      { path: "angebote/kartengrundlage", file: "routes/staff-map-basis.ts" },
      { path: "angebote/:id", file: "routes/staff-edit.tsx", id: "atlas-staff-edit" },
    ],
  },
  publicStrings: [
    "atlas.title",
    "atlas.intro",
    "atlas.search.",
    "atlas.filter.",
    "atlas.germanFilter.",
    "atlas.germanLevel.",
    "atlas.cost.",
    "atlas.kind.",
    "atlas.entry.",
    "atlas.catchment.",
    "atlas.map.",
    "atlas.errors.",
    "atlas.offline.",
    "atlas.nav.public",
  ],
  nav: {
    order: 30,
    public: [{ to: "angebote", labelKey: "atlas.nav.public" }],
    staff: [
      { to: "angebote", labelKey: "atlas.nav.staff", minRole: "partner" },
      { to: "angebote/freigabe", labelKey: "atlas.nav.moderation", minRole: "editor" },
      { to: "angebote/luecken", labelKey: "atlas.nav.gaps", minRole: "viewer" },
    ],
  },
  migrations: import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default" }),
  demo: { order: 70, load: () => import("./demo") },
  cli: () => import("./cli"),
  // The geocoder behind GEOCODER_URL, asked after a save for addresses the register lacks (decision 0053).
  jobs: () => import("./jobs"),
  // Daily: the yearly confirmation requests (decision 0048).
  schedules: () => import("./schedules"),
  api: () => import("./api"),
  // The tenants' base maps (PMTiles, decision 0050): files with byte ranges, outside React Router.
  mounts: [{ path: "/grundkarte", load: () => import("./basemap.server") }],
  // The area profile asks here which offers have a place in an area.
  areaContents: () => import("./area-contents"),
  attention: () => import("./attention"),
  // Entries carry the tenant's Handlungsfelder and target groups by code: one in use is not deleted.
  taxonomyUsage: () => import("./taxonomy-usage"),
  publicApi: "index.ts",
} satisfies ModuleManifest;
