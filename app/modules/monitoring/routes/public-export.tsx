import type { Route } from "./+types/public-export";
import { exportIndicator } from "./data.server";

// Resource route: public export with disclosure control (suppressed values become the marker).
export async function loader({ context, params, request }: Route.LoaderArgs) {
  return exportIndicator(context, params.code, new URL(request.url), false);
}
