import { useEffect, useId, useRef, useState } from "react";
import { withContent } from "~/kernel/ui/content";
import { useT } from "~/kernel/ui/hooks";
import type { Picker } from "./picker-map";
import type { MapBasis } from "./routes/staff-map-basis";

type Status =
  | { kind: "loading" | "failed" | "none" }
  | { kind: "point"; lat: number; lon: number; area: string | null | undefined };

// One fetch per page for all places: the basis is the same for each.
let basisFetch: Promise<MapBasis> | null = null;
function loadBasis(slug: string): Promise<MapBasis> {
  basisFetch ??= fetch(`/t/${slug}/verwaltung/angebote/kartengrundlage`, { credentials: "same-origin" }).then((r) => {
    if (!r.ok) throw new Error(`map basis: ${r.status}`);
    return r.json() as Promise<MapBasis>;
  });
  basisFetch.catch(() => {
    basisFetch = null;
  });
  return basisFetch;
}

/** A typed coordinate as the form's parser reads it (comma or point), or null. */
function coordinate(input: HTMLInputElement | null, limit: number): number | null {
  const s = input?.value.trim().replace(",", ".") ?? "";
  const n = s ? Number(s) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/**
 * "Pick the point on the map" for one place of the entry form (issue 18 item 3). Rendered only once
 * the page runs: without JavaScript the latitude and longitude fields are the way, as before. The map
 * opens below the place's fields (a disclosure: the button says whether it is open), starts at the
 * typed point, else the stored one (from the address register), else the tenant's Stadtteile or
 * places. A click, a drag or the marker's arrow keys fill the fields; typing into them moves the
 * marker. A status line says the point and its Stadtteil.
 */
export function PointPicker({
  index,
  slug,
  stored,
}: {
  index: number;
  slug: string;
  /** The saved point where the form does not show it (one from the address register). */
  stored: { lat: number; lon: number } | null;
}) {
  const t = useT();
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: "loading" });
  const [bare, setBare] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<HTMLDivElement>(null);
  const picker = useRef<Picker | null>(null);
  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    if (!open || !mapRef.current || !box.current) return;
    const container = mapRef.current;
    const fieldset = box.current.closest("fieldset");
    const field = (k: string) => fieldset?.querySelector<HTMLInputElement>(`input[name="place${index}_${k}"]`) ?? null;
    const [lat, lon, areaName] = [field("lat"), field("lon"), field("areaName")];
    const typed = () => {
      const y = coordinate(lat, 90),
        x = coordinate(lon, 180);
      return y !== null && x !== null ? { lat: y, lon: x } : null;
    };
    let cancelled = false;
    let onTyped: (() => void) | null = null;
    setStatus({ kind: "loading" });
    void Promise.all([loadBasis(slug), import("./picker-map")])
      .then(async ([basis, { openPicker, areaOf }]) => {
        if (cancelled) return;
        setBare(!basis.basemap && !basis.areas);
        const say = (y: number, x: number) => setStatus({ kind: "point", lat: y, lon: x, area: areaOf(basis, y, x) });
        const point = typed();
        const p = await openPicker(container, {
          basis,
          start: point ?? stored,
          point,
          strings: {
            map: t("atlas.form.picker.mapLabel", { n: index + 1 }),
            marker: t("atlas.form.picker.marker", { n: index + 1 }),
            zoomIn: t("atlas.form.picker.zoomIn"),
            zoomOut: t("atlas.form.picker.zoomOut"),
          },
          onPick(y, x, done) {
            if (lat) lat.value = String(y);
            if (lon) lon.value = String(x);
            if (!done) return;
            // Saving sets the Stadtteil from the point where outlines exist; the field shows it now.
            const area = areaOf(basis, y, x);
            if (area && areaName) areaName.value = area;
            say(y, x);
          },
        });
        if (cancelled) return p.remove();
        picker.current = p;
        if (point) say(point.lat, point.lon);
        else setStatus({ kind: "none" });
        onTyped = () => {
          const q = typed();
          if (!q) return;
          p.show(q.lat, q.lon);
          say(q.lat, q.lon);
        };
        lat?.addEventListener("change", onTyped);
        lon?.addEventListener("change", onTyped);
      })
      .catch(() => {
        if (!cancelled) setStatus({ kind: "failed" });
      });
    return () => {
      cancelled = true;
      if (onTyped) {
        lat?.removeEventListener("change", onTyped);
        lon?.removeEventListener("change", onTyped);
      }
      picker.current?.remove();
      picker.current = null;
      delete container.dataset.ready;
    };
    // The map is drawn once per opening; t and stored do not change while it is open.
  }, [open, index, slug]);

  if (!hydrated) return null;
  const region = `${id}-map`;
  return (
    <div ref={box} className="atlas-picker stack">
      <div>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          aria-expanded={open}
          aria-controls={region}
          onClick={() => setOpen((v) => !v)}
        >
          <span className="kern-label">{t("atlas.form.picker.open")}</span>
        </button>
      </div>
      <div id={region} className="stack" hidden={!open}>
        {open && (
          <>
            <p className="kern-hint">{t("atlas.form.picker.hint")}</p>
            {bare && <p className="kern-body--small">{t("atlas.form.picker.bare")}</p>}
            <div ref={mapRef} className="atlas-map atlas-picker__map" />
            <div>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary"
                disabled={status.kind === "loading" || status.kind === "failed"}
                onClick={() => {
                  picker.current?.centre();
                  picker.current?.focusMarker();
                }}
              >
                <span className="kern-label">{t("atlas.form.picker.centre")}</span>
              </button>
            </div>
          </>
        )}
        <p className="kern-body" role="status">
          {open && status.kind !== "point" && t(`atlas.form.picker.${status.kind}`)}
          {open && status.kind === "point" && (
            <>
              {t("atlas.form.picker.chosen", { lat: String(status.lat), lon: String(status.lon) })}
              {status.area && <> {withContent(t, "atlas.form.picker.inArea", { area: status.area })}</>}
              {status.area === null && <> {t("atlas.form.picker.outside")}</>}
            </>
          )}
        </p>
      </div>
    </div>
  );
}
