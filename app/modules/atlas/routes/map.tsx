import { useEffect, useRef, useState } from "react";
import { Link, data } from "react-router";
import type { Route } from "./+types/map";
import { requestContext, tenantContext } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { contentLanguage, offlineCopy, parseFilters, publicAtlasTx } from "../http";
import { OfflineAtlas } from "../offline/offline";
import { entryPoints } from "../service";
import { areaLabels, loadTenantAreas } from "../areas";
import { basemapUrl } from "../basemap.server";
import { addAreaLabels, baseStyle, loadMapLibre } from "../map-base";
import { dirOf, htmlLang } from "../taxonomy";
import { withParams } from "../ui";
import "maplibre-gl/dist/maplibre-gl.css";
import "~/kernel/ui/data-view.css";
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
  return data(
    {
      tenant: { slug: tenant.slug, name: tenant.name },
      points,
      areas,
      // Names of the areas where they are drawn, so people can orient without a base map.
      labels: areaLabels(areas),
      basemap: basemapUrl(tenant.slug),
      lang,
      query: Object.fromEntries(url.searchParams),
    },
    offlineCopy(context),
  );
}
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

type Data = Route.ComponentProps["loaderData"];

/**
 * MapLibre without any external tile server (decision 0050): the tenant's base map from its own
 * PMTiles file where the operator put one, else a plain background; over it the tenant's area
 * outlines with their names (when the monitoring module has them) and the entry points. MapLibre and
 * pmtiles are loaded only here and only in the browser, so the search page stays small; the list
 * below is the accessible equivalent.
 */
function MapView({
  points,
  areas,
  labels,
  basemap,
  label,
}: {
  points: Data["points"];
  areas: Data["areas"];
  labels: Data["labels"];
  basemap: Data["basemap"];
  label: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | undefined;
    let cancelled = false;
    void loadMapLibre(!!basemap).then((maplibregl) => {
      if (cancelled || !ref.current) return;
      const base = baseStyle(basemap, areas);
      const coords = points.features.map((f) => f.geometry.coordinates as [number, number]);
      let m: InstanceType<typeof maplibregl.Map>;
      // Without WebGL the map cannot draw; the list below still carries every place.
      try {
        m = new maplibregl.Map({
          container: ref.current,
          style: {
            version: 8,
            sources: { ...base.sources, points: { type: "geojson", data: points as never } },
            layers: [
              ...base.layers,
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
      const container = ref.current;
      addAreaLabels(maplibregl, m, labels, container);
      // For tests and people who script the page: how many outline pieces are drawn once it is idle.
      m.once("idle", () => {
        container.dataset.outlines = String(areas ? m.queryRenderedFeatures({ layers: ["areas-line"] }).length : 0);
        container.dataset.ready = "true";
        setReady(true);
      });
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
  }, [points, areas, labels, basemap, label]);
  // Until the map has drawn, and without JavaScript, a note in its place points to the list.
  return (
    <div className="atlas-map-box">
      {!ready && (
        <p className="map-placeholder kern-body">
          {t("atlas.map.noJs")}{" "}
          <a className="kern-link" href="#map-list">
            {t("atlas.map.listHeading")}
          </a>
        </p>
      )}
      <div ref={ref} className="atlas-map" />
    </div>
  );
}

export default function MapPage({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.tenant.slug}/angebote`;
  const label = t("atlas.map.label", { count: d.points.features.length });
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("atlas.map.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("atlas.map.title")}</h1>
      <p className="kern-body">{t("atlas.map.intro")}</p>
      <OfflineAtlas base={base} />
      <p>
        <Link className="kern-link" to={withParams(base, { ...d.query, eintrag: undefined })}>
          {t("atlas.search.listLink")}
        </Link>
      </p>
      {!d.areas && <p className="kern-body--small">{t("atlas.map.noAreas")}</p>}
      {d.areas && !d.basemap && <p className="kern-body--small">{t("atlas.map.outlines")}</p>}
      <section aria-label={label}>
        <MapView points={d.points} areas={d.areas} labels={d.labels} basemap={d.basemap} label={label} />
        {d.basemap && (
          <p className="kern-body--small">
            {t("atlas.map.basemapSource")}:{" "}
            <a className="kern-link" href="https://www.openstreetmap.org/copyright" rel="external noopener noreferrer">
              {t("atlas.map.osm")}
            </a>
          </p>
        )}
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
