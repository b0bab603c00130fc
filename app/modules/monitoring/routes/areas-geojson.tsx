import type { Route } from "./+types/areas-geojson";
import { tenantTx } from "~/kernel/http/context";
import { areasGeoJson } from "../services/areas";
import { AREA_LEVELS } from "../shared";

// Resource route for the map: geometries are fetched by the browser instead of riding along in
// every page's loader data; it goes through the tenant middleware, so private tenants work too.
export async function loader({ context, request }: Route.LoaderArgs) {
  const level = new URL(request.url).searchParams.get("ebene") ?? "stadtteil";
  if (!AREA_LEVELS.includes(level as never))
    return new Response(JSON.stringify({ message: "Unbekannte Gebietsebene" }), {
      status: 400,
      headers: { "Content-Type": "application/json" },
    });
  const geo = await tenantTx(context, (tx) => areasGeoJson(tx, level));
  return new Response(JSON.stringify(geo), {
    headers: { "Content-Type": "application/geo+json", "Cache-Control": "private, max-age=300" },
  });
}
