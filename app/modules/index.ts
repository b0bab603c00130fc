import type { RouteConfigEntry } from "@react-router/dev/routes";

/**
 * The domain modules' routes. Each module has routes.ts exporting `publicRoutes` (below /t/:slug)
 * and `staffRoutes` (below /t/:slug/verwaltung); add one import line per module here.
 */
const modules: { publicRoutes?: RouteConfigEntry[]; staffRoutes?: RouteConfigEntry[] }[] = [];

export const moduleRoutes = {
  public: modules.flatMap((m) => m.publicRoutes ?? []),
  staff: modules.flatMap((m) => m.staffRoutes ?? []),
};
