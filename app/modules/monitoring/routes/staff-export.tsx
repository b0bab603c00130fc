import type { Route } from "./+types/staff-export";
import { requireRole } from "~/kernel/http/context";
import { exportIndicator } from "./data.server";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  return exportIndicator(context, params.code, new URL(request.url), true);
}
