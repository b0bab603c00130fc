// DEVELOPER OF THE CONCEPT MODULE: read /tmp/prompt-concept.md first (full instructions; work in /work/wt-concept).
import type { RouteConfigEntry } from "@react-router/dev/routes";

// Paths relative to app/, e.g. route("konzept", "modules/concept/routes/public-concept.tsx").
export const publicRoutes: RouteConfigEntry[] = [];
export const staffRoutes: RouteConfigEntry[] = [];
