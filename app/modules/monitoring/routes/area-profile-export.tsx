import type { Route } from "./+types/area-profile-export";
import { exportAreaProfile } from "./data.server";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return exportAreaProfile(context, params.level, params.key, new URL(request.url).searchParams.get("format"));
}
