// The "route" link of an offer's place (decision 0050): OpenStreetMap's route planner with the
// address as destination; the visitor enters the start there. It leaves the site and hands the
// address to that service, which the page says next to it.

export const ROUTE_PLANNER = "https://www.openstreetmap.org/directions";

/**
 * The route planner's address for a place: its street address where there is one (what people
 * recognise and the planner finds), else its coordinates; null when it has neither.
 */
export function routeUrl(p: {
  street: string | null;
  postcode: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
}): string | null {
  const town = [p.postcode, p.city].filter(Boolean).join(" ");
  const to = p.street && town ? `${p.street}, ${town}` : p.lat !== null && p.lon !== null ? `${p.lat},${p.lon}` : null;
  return to ? `${ROUTE_PLANNER}?${new URLSearchParams({ to })}` : null;
}
