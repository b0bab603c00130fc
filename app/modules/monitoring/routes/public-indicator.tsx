import type { Route } from "./+types/public-indicator";
import { loadIndicatorPage } from "./data.server";
import { IndicatorView } from "./indicator-view";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return loadIndicatorPage(context, params.code, new URL(request.url), false);
}

export default function PublicIndicator({ loaderData, params }: Route.ComponentProps) {
  return <IndicatorView d={loaderData} base={`/t/${params.slug}/monitoring`} />;
}
