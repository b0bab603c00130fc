import { redirect } from "react-router";
import type { Route } from "./+types/area-by-key-export";
import { areasForOldUrl } from "./area-by-key.server";

// The old export URL by key alone: to the (level, key) export, or to the chooser when the key repeats.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  await areasForOldUrl(context, params.slug, params.key, `/export${new URL(request.url).search}`);
  return redirect(`/t/${params.slug}/monitoring/gebiet/${encodeURIComponent(params.key)}`);
}
