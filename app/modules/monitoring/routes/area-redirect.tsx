import { redirect } from "react-router";
import type { Route } from "./+types/area-redirect";

// The area chooser is a plain GET form; this turns ?key= into the profile's URL.
export async function loader({ params, request }: Route.LoaderArgs) {
  const key = new URL(request.url).searchParams.get("key") ?? "";
  return redirect(
    key ? `/t/${params.slug}/monitoring/gebiet/${encodeURIComponent(key)}` : `/t/${params.slug}/monitoring`,
  );
}
