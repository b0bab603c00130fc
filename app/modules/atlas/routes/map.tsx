import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/map";
import { requestContext, tenantContext } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { contentLanguage, parseFilters, publicAtlasTx } from "../http";
import { entryPoints } from "../service";
import { loadTenantAreas } from "../areas";
import { dirOf, htmlLang } from "../taxonomy";
import { withParams } from "../ui";
import "maplibre-gl/dist/maplibre-gl.css";
// Vite bundles MapLibre's worker as its own file (served from /assets, allowed by worker-src 'self').
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import "../atlas.css";

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { filters } = parseFilters(url);
  const inhalt = contentLanguage(url);
  const only = url.searchParams.get("eintrag");
  const { tenant } = context.get(tenantContext);
  const lang = inhalt ?? context.get(requestContext).lang;
  const [points, areas] = await publicAtlasTx(
    context,
    async (tx) => [await entryPoints(tx, filters, lang), await loadTenantAreas(tx)] as const,
  );
  if (only) points.features = points.features.filter((f) => f.properties.id === only);
  return {
    tenant: { slug: tenant.slug, name: tenant.name },
    points,
    areas,
    lang,
    query: Object.fromEntries(url.searchParams),
  };
}

/**
 * MapLibre without any external tile server: a plain background, the tenant's area polygons (when
 * the monitoring module provides them) and the entry points. The library is loaded only here and
 * only in the browser, so the search page stays small; the list below is the accessible equivalent.
 */
function MapView({
  points,
  areas,
  label,
}: {
  points: Route.ComponentProps["loaderData"]["points"];
  areas: Route.ComponentProps["loaderData"]["areas"];
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let map: { remove(): void } | undefined;
    let cancelled = false;
    void import("maplibre-gl").then((mod) => {
      const maplibregl = (mod as unknown as { default?: typeof mod }).default ?? mod;
      if (cancelled || !ref.current) return;
      maplibregl.setWorkerUrl(workerUrl);
      const coords = points.features.map((f) => f.geometry.coordinates as [number, number]);
      let m: InstanceType<typeof maplibregl.Map>;
      // Without WebGL the map cannot draw; the list below still carries every place.
      try {
        m = new maplibregl.Map({
          container: ref.current,
          style: {
            version: 8,
            sources: {
              points: { type: "geojson", data: points as never },
              ...(areas ? { areas: { type: "geojson", data: areas as never } } : {}),
            },
            layers: [
              { id: "bg", type: "background", paint: { "background-color": "#f4f1ea" } },
              ...(areas
                ? [
                    {
                      id: "areas-fill",
                      type: "fill" as const,
                      source: "areas",
                      paint: { "fill-color": "#dde7ee", "fill-opacity": 0.6 },
                    },
                    {
                      id: "areas-line",
                      type: "line" as const,
                      source: "areas",
                      paint: { "line-color": "#004b76", "line-width": 1 },
                    },
                  ]
                : []),
              {
                id: "points",
                type: "circle",
                source: "points",
                paint: {
                  "circle-radius": 7,
                  "circle-color": "#b00020",
                  "circle-stroke-color": "#fff",
                  "circle-stroke-width": 2,
                },
              },
            ],
          },
          center: coords[0] ?? [10.45, 51.16],
          zoom: coords.length ? 12 : 5,
          attributionControl: false,
        });
      } catch {
        return;
      }
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
      m.getCanvas().setAttribute("aria-label", label);
      if (coords.length > 1) {
        const b = new maplibregl.LngLatBounds(coords[0], coords[0]);
        for (const c of coords) b.extend(c);
        m.fitBounds(b, { padding: 40, animate: false, maxZoom: 15 });
      }
      m.on(
        "click",
        "points",
        (ev: { features?: { properties: Record<string, unknown> }[]; lngLat: { lng: number; lat: number } }) => {
          const f = ev.features?.[0];
          if (!f) return;
          // Built from DOM nodes, never from HTML strings: titles come from providers.
          const a = document.createElement("a");
          a.href = `/t/${String(f.properties.tenant)}/angebote/${String(f.properties.id)}`;
          a.textContent = String(f.properties.title);
          a.className = "kern-link";
          new maplibregl.Popup().setLngLat(ev.lngLat).setDOMContent(a).addTo(m);
        },
      );
      m.on("mouseenter", "points", () => {
        m.getCanvas().style.cursor = "pointer";
      });
      m.on("mouseleave", "points", () => {
        m.getCanvas().style.cursor = "";
      });
      map = m;
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [points, areas, label]);
  return <div ref={ref} className="atlas-map" />;
}

export default function MapPage({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.tenant.slug}/angebote`;
  const label = t("atlas.map.label", { count: d.points.features.length });
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{`${t("atlas.map.title")} – ${d.tenant.name}`}</PageTitle>
      <h1 className="kern-heading-x-large">{t("atlas.map.title")}</h1>
      <p className="kern-body">{t("atlas.map.intro")}</p>
      <p>
        <Link className="kern-link" to={withParams(base, { ...d.query, eintrag: undefined })}>
          {t("atlas.search.listLink")}
        </Link>
      </p>
      {!d.areas && <p className="kern-body--small">{t("atlas.map.noAreas")}</p>}
      <noscript>
        <p className="kern-body">{t("atlas.map.noJs")}</p>
      </noscript>
      <section aria-label={label}>
        <MapView points={d.points} areas={d.areas} label={label} />
      </section>
      <section aria-labelledby="map-list">
        <h2 id="map-list" className="kern-heading-medium">
          {t("atlas.map.listHeading")}
        </h2>
        {d.points.features.length === 0 ? (
          <p>{t("atlas.map.noPoints")}</p>
        ) : (
          <ul className="kern-list">
            {d.points.features.map((f, i) => (
              <li key={`${f.properties.id}-${i}`}>
                <Link
                  className="kern-link"
                  to={`/t/${f.properties.tenant}/angebote/${f.properties.id}`}
                  lang={htmlLang(f.properties.lang)}
                  dir={dirOf(f.properties.lang)}
                >
                  {f.properties.title}
                </Link>
                {f.properties.area ? ` – ${f.properties.area}` : ""}
                {f.properties.place ? ` (${f.properties.place})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
