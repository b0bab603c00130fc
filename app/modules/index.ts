import type { RouteConfigEntry } from "@react-router/dev/routes";
import * as concept from "./concept/routes";
import * as monitoring from "./monitoring/routes";
import * as atlas from "./atlas/routes";

/**
 * The domain modules' routes. Each module has routes.ts exporting `publicRoutes` (below /t/:slug)
 * and `staffRoutes` (below /t/:slug/verwaltung); add one import line per new module here.
 */
const modules: { publicRoutes?: RouteConfigEntry[]; staffRoutes?: RouteConfigEntry[] }[] = [concept, monitoring, atlas];

export const moduleRoutes = {
  public: modules.flatMap((m) => m.publicRoutes ?? []),
  staff: modules.flatMap((m) => m.staffRoutes ?? []),
};
