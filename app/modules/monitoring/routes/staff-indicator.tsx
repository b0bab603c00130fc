import type { Route } from "./+types/staff-indicator";
import { requireRole } from "~/kernel/http/context";
import { loadIndicatorPage } from "./data.server";
import { IndicatorView } from "./indicator-view";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  return loadIndicatorPage(context, params.code, new URL(request.url), true);
}

export default function StaffIndicator({ loaderData, params }: Route.ComponentProps) {
  return <IndicatorView d={loaderData} base={`/t/${params.slug}/verwaltung/monitoring`} />;
}
