import type { Route } from "./+types/goals-export";
import { exportGoals } from "./data.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  return exportGoals(context, new URL(request.url).searchParams.get("format"));
}
