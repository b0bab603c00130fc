import { route, type RouteConfigEntry } from "@react-router/dev/routes";

const r = (f: string) => `modules/monitoring/routes/${f}`;

// Paths relative to app/. Public pages live below /t/:slug, staff pages below /t/:slug/verwaltung.
export const publicRoutes: RouteConfigEntry[] = [
  route("monitoring", r("public-index.tsx")),
  route("monitoring/indikator/:code", r("public-indicator.tsx")),
  route("monitoring/indikator/:code/export", r("public-export.tsx")),
  route("monitoring/gebiete.geojson", r("areas-geojson.tsx")),
  route("monitoring/gebiet", r("area-redirect.tsx")),
  route("monitoring/gebiet/:key", r("area-profile.tsx")),
  route("monitoring/gebiet/:key/export", r("area-profile-export.tsx")),
  route("monitoring/ziele", r("goals.tsx")),
  route("monitoring/ziele/export", r("goals-export.tsx")),
  route("monitoring/vergleich", r("comparison.tsx")),
];
export const staffRoutes: RouteConfigEntry[] = [
  route("monitoring", r("staff-index.tsx"), { id: "monitoring-staff-index" }),
  route("monitoring/indikator/:code", r("staff-indicator.tsx")),
  route("monitoring/indikator/:code/export", r("staff-export.tsx")),
  route("monitoring/indikatoren/neu", r("staff-indicator-new.tsx")),
  route("monitoring/import", r("staff-import.tsx")),
  route("monitoring/gebiete", r("staff-areas.tsx")),
];
