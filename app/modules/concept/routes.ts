import type { RouteConfigEntry } from "@react-router/dev/routes";
import { route } from "@react-router/dev/routes";

const r = (f: string) => `modules/concept/routes/${f}`;

export const publicRoutes: RouteConfigEntry[] = [
  route("konzept", r("public-concept.tsx")),
  route("konzept/massnahmen/:id", r("public-measure.tsx")),
];
export const staffRoutes: RouteConfigEntry[] = [
  route("konzept", r("staff-concept.tsx")),
  route("konzept/matrix", r("staff-matrix.tsx")),
  route("konzept/vergleich", r("staff-compare.tsx")),
  route("konzept/sachstandsbericht/:format", r("staff-report.ts")),
  route("massnahmen", r("staff-measures.tsx")),
  route("massnahmen/neu", r("staff-measure-form.tsx"), { id: "concept-measure-new" }),
  route("massnahmen/export/:format", r("staff-export.ts")),
  route("massnahmen/import", r("staff-import.tsx")),
  route("massnahmen/:id", r("staff-measure.tsx")),
  route("massnahmen/:id/bearbeiten", r("staff-measure-form.tsx"), { id: "concept-measure-edit" }),
  route("vorlagen", r("staff-submissions.tsx")),
];
