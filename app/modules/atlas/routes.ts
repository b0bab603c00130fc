import type { RouteConfigEntry } from "@react-router/dev/routes";
import { route } from "@react-router/dev/routes";

const r = (f: string) => `modules/atlas/routes/${f}`;

// German URLs; static segments rank above :id, so "karte" and the downloads never hit the detail page.
export const publicRoutes: RouteConfigEntry[] = [
  route("angebote", r("search.tsx")),
  route("angebote/karte", r("map.tsx")),
  route("angebote/daten.csv", r("export-csv.ts")),
  route("angebote/daten.json", r("export-json.ts")),
  route("angebote/:id", r("detail.tsx")),
];
export const staffRoutes: RouteConfigEntry[] = [
  route("angebote", r("staff-list.tsx")),
  route("angebote/neu", r("staff-edit.tsx"), { id: "atlas-staff-new" }),
  route("angebote/freigabe", r("staff-moderation.tsx")),
  route("angebote/luecken", r("staff-gaps.tsx")),
  route("angebote/:id", r("staff-edit.tsx"), { id: "atlas-staff-edit" }),
];
