import type { Route } from "./+types/staff-map-basis";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { areaBounds, areaLabels, boundsOf, loadTenantAreas } from "../areas";
import { basemapUrl } from "../basemap.server";
import { publishedPlacePoints } from "../service";

/**
 * What the entry form's point picker draws under the point: the tenant's base map, its Stadtteil
 * outlines with their names, its published places as dots, and the box to show first. Fetched by
 * the form only when someone opens the map, so the form itself stays small.
 */
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "partner");
  const { tenant } = context.get(tenantContext);
  const [areas, places] = await tenantTx(context, (tx) => Promise.all([loadTenantAreas(tx), publishedPlacePoints(tx)]));
  const body = {
    // /grundkarte serves public tenants only (decision 0050).
    basemap: tenant.isPublic ? basemapUrl(tenant.slug) : null,
    areas,
    labels: areaLabels(areas),
    places,
    bounds: areaBounds(areas) ?? boundsOf(places),
  };
  return new Response(JSON.stringify(body), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-cache" },
  });
}

export type MapBasis = {
  basemap: string | null;
  areas: Awaited<ReturnType<typeof loadTenantAreas>>;
  labels: ReturnType<typeof areaLabels>;
  places: [number, number][];
  bounds: ReturnType<typeof boundsOf>;
};
