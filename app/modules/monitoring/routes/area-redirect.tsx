import { redirect } from "react-router";
import type { Route } from "./+types/area-redirect";
import { areaPath, isAreaLevel } from "../shared";

// The area chooser is a plain GET form (?ebene=&key=); this turns it into the profile's URL. Without a
// level it goes to the key-only URL, which redirects or offers the levels that have this key.
export async function loader({ params, request }: Route.LoaderArgs) {
  const q = new URL(request.url).searchParams;
  const key = q.get("key") ?? "";
  const level = q.get("ebene") ?? "";
  if (!key) return redirect(`/t/${params.slug}/monitoring`);
  return redirect(
    isAreaLevel(level)
      ? `/t/${params.slug}/${areaPath(level, key)}`
      : `/t/${params.slug}/monitoring/gebiet/${encodeURIComponent(key)}`,
  );
}
