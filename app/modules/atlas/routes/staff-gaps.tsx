import "./strings";
import { Form, Link } from "react-router";
import type { Route } from "./+types/staff-gaps";
import { requestContext, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { ChoroplethMap, Legend, Sources } from "~/kernel/ui/choropleth";
import { NO_DATA_COLOR, PALETTE } from "~/kernel/ui/classes";
import { gapAnalysis, GapQuery, type GapRow } from "../gaps";
import { ENTRY_KINDS, TARGET_GROUP_BASE, codeLabel, type PopulationBase } from "../taxonomy";
import { atlasTerms, type AtlasTerms } from "../terms";
import { FilterSelect } from "../ui";
import "../atlas.css";
import "maplibre-gl/dist/maplibre-gl.css";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const q = GapQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [g, terms] = await tenantTx(context, (tx) =>
    Promise.all([gapAnalysis(tx, q), atlasTerms(tx, context.get(requestContext).lang)]),
  );
  return { ...g, terms, slug: context.get(tenantContext).tenant.slug };
}

/** No offer at all: the finding itself, so it stands apart from the blue classes of positive values. */
const ZERO_COLOR = "#f4a582";

type T = ReturnType<typeof useT>;
const topicLabel = (t: T, terms: AtlasTerms, topic: string) =>
  topic === "alle"
    ? t("atlas.gaps.topicAll")
    : topic.startsWith("hf.")
      ? t("atlas.gaps.topicField", { label: codeLabel(terms.hf, topic.slice(3)) })
      : t("atlas.gaps.topicGroup", { label: codeLabel(terms.tg, topic.slice(3)) });
const areaLabel = (t: T, r: GapRow) => r.name ?? t("atlas.gaps.noArea");

/** Gaps first: the lowest value on top, rows without a value after them, "no Stadtteil" last. */
function gapOrder(a: GapRow, b: GapRow) {
  const last = (r: GapRow) => (r.name === null ? 2 : r.value === null ? 1 : 0);
  return (
    last(a) - last(b) ||
    (a.value ?? 0) - (b.value ?? 0) ||
    a.offers - b.offers ||
    (a.name ?? "").localeCompare(b.name ?? "", "de")
  );
}

function PopulationCells({ r }: { r: GapRow }) {
  const t = useT();
  const f = useFormat();
  const p = r.population;
  const missing = p.status === "suppressed" ? t("atlas.gaps.suppressedData") : t("atlas.gaps.noPopulationData");
  return (
    <>
      <td className="kern-table__cell num">{p.status === "ok" ? f.number(p.value) : missing}</td>
      <td className="kern-table__cell">{p.status === "missing" ? "–" : p.period}</td>
      <td className="kern-table__cell num">
        {r.rate !== null ? f.number(r.rate, 2) : p.status === "ok" ? t("atlas.gaps.zeroPopulation") : missing}
      </td>
    </>
  );
}

function Matrix({
  caption,
  id,
  columns,
  rows,
  values,
}: {
  caption: string;
  id: string;
  columns: readonly string[];
  rows: GapRow[];
  values: (r: GapRow) => number[];
}) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby={`h-${id}`}>
      <h3 id={`h-${id}`} className="kern-heading-small">
        {caption}
      </h3>
      <DataTable
        caption={caption}
        small
        headers={[t("atlas.gaps.area"), ...columns.map((label) => ({ label, numeric: true }))]}
      >
        {rows.map((r) => (
          <tr key={`${r.key}|${r.name}`} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              {areaLabel(t, r)}
            </th>
            {values(r).map((n, j) => (
              <td key={j} className={`kern-table__cell num${n === 0 ? " atlas-gap--zero" : ""}`}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export default function Gaps({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const topic = topicLabel(t, d.terms, d.topic);
  const topics = ["alle", ...d.terms.hf.map((h) => `hf.${h.code}`), ...d.terms.tg.map((g) => `zg.${g.code}`)];
  const level = d.level ? t(`monitoring.levels.${d.level}`) : t("atlas.gaps.area");
  const names = new Map(d.baseChoices.map((c) => [c.value, c.preset ? t(`atlas.gaps.bases.${c.value}`) : c.name]));
  const baseLabel = (b: string) => names.get(b) ?? t(`atlas.gaps.bases.${b as PopulationBase}`);
  const rate = d.measure === "je1000";
  const measureLabel = t(`atlas.gaps.measures.${d.measure}`);
  const sorted = [...d.rows].sort(gapOrder);
  const inRegister = d.rows.filter((r) => r.key !== null);
  const positive = inRegister.filter((r) => r.value !== null && r.value > 0).map((r) => r.value!);
  const colors = Object.fromEntries(
    inRegister.flatMap((r) =>
      r.value === 0 ? [[r.key!, ZERO_COLOR]] : r.cls !== null ? [[r.key!, PALETTE[r.cls]]] : [],
    ),
  );
  const legendExtra = [
    ...(inRegister.some((r) => r.value === 0) ? [{ color: ZERO_COLOR, label: t("atlas.gaps.legendZero") }] : []),
    ...(inRegister.some((r) => r.value === null)
      ? [{ color: NO_DATA_COLOR, label: t("atlas.gaps.legendNoData") }]
      : []),
  ];
  return (
    <>
      <PageTitle>{t("atlas.gaps.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("atlas.gaps.title")}</h1>
      <p className="kern-body">{t("atlas.gaps.intro")}</p>

      <Form method="get" className="filter-bar" aria-label={t("atlas.gaps.choose")}>
        <FilterSelect
          name="thema"
          label={t("atlas.gaps.topic")}
          defaultValue={d.topic}
          options={topics.map((x) => ({ value: x, label: topicLabel(t, d.terms, x) }))}
        />
        {d.hasPopulation && (
          <FilterSelect
            name="mass"
            label={t("atlas.gaps.measure")}
            defaultValue={d.measure}
            options={(["je1000", "anzahl"] as const).map((m) => ({ value: m, label: t(`atlas.gaps.measures.${m}`) }))}
          />
        )}
        {d.hasPopulation && (
          <FilterSelect
            name="basis"
            label={t("atlas.gaps.basis")}
            defaultValue={d.baseAuto ? "" : d.base}
            options={[
              { value: "", label: t("atlas.gaps.basisAuto") },
              ...d.baseChoices.map((c) => ({ value: c.value, label: baseLabel(c.value) })),
            ]}
          />
        )}
        <FilterSelect
          name="art"
          label={t("atlas.gaps.kind")}
          defaultValue={d.kind ?? ""}
          options={[
            { value: "", label: t("atlas.gaps.kindAll") },
            ...ENTRY_KINDS.map((k) => ({ value: k, label: t(`atlas.kind.${k}`) })),
          ]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("atlas.gaps.show")}</span>
          </button>
        </div>
      </Form>

      {!d.hasPopulation && (
        <p className="kern-body">
          {t("atlas.gaps.noPopulation")}{" "}
          <Link className="kern-link" to={`/t/${d.slug}/verwaltung/monitoring`}>
            {t("atlas.gaps.monitoringLink")}
          </Link>
        </p>
      )}
      {d.hasPopulation && !d.baseAvailable && (
        <p className="kern-body">{t("atlas.gaps.baseMissing", { base: baseLabel(d.base) })}</p>
      )}
      {d.hasPopulation && <p className="kern-body">{t("atlas.gaps.baseNote", { topic, base: baseLabel(d.base) })}</p>}

      {d.rows.length === 0 ? (
        <p>{t("atlas.gaps.empty")}</p>
      ) : (
        <>
          {d.map ? (
            <section aria-labelledby="gap-map" className="stack">
              <h2 id="gap-map" className="kern-heading-medium">
                {t("atlas.gaps.mapHeading", { measure: measureLabel })} – {topic}
              </h2>
              <p className="kern-body--small">{t("atlas.gaps.mapInfo")}</p>
              <ChoroplethMap
                url={`/t/${d.slug}/monitoring/gebiete.geojson?ebene=${d.map.level}`}
                bounds={d.map.bounds}
                colors={colors}
                label={t("atlas.gaps.mapLabel", { level, measure: measureLabel, topic })}
                table="#gap-table"
              />
              <Legend
                breaks={d.breaks}
                min={positive.length ? Math.min(...positive) : null}
                unit={rate ? t("atlas.gaps.unitRate") : t("atlas.gaps.unitCount")}
                digits={rate ? 2 : 0}
                title={t("atlas.gaps.legend")}
                extra={legendExtra}
              />
              {d.hasPopulation && <Sources sources={d.sources} />}
            </section>
          ) : (
            <p className="kern-body">{t("atlas.gaps.noMap")}</p>
          )}

          <section aria-labelledby="gap-table" className="stack">
            <h2 id="gap-table" className="kern-heading-medium">
              {t("atlas.gaps.tableHeading", { topic, level })}
            </h2>
            <p className="kern-body--small">{t("atlas.gaps.flagNote")}</p>
            <p className="kern-body--small">{t("atlas.gaps.wideNote")}</p>
            <DataTable
              caption={t(d.hasPopulation ? "atlas.gaps.tableCaptionRate" : "atlas.gaps.tableCaption", {
                topic,
                level,
                measure: measureLabel,
                base: baseLabel(d.base),
              })}
              headers={[
                level,
                { label: t("atlas.gaps.offers"), numeric: true },
                { label: t("atlas.gaps.wide"), numeric: true },
                ...(d.hasPopulation
                  ? [
                      { label: t("atlas.gaps.populationCol"), numeric: true },
                      t("atlas.gaps.period"),
                      { label: t("atlas.gaps.rate"), numeric: true },
                    ]
                  : []),
                t("atlas.gaps.note"),
              ]}
            >
              {sorted.map((r) => (
                <tr key={`${r.key}|${r.name}`} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {areaLabel(t, r)}
                  </th>
                  <td className="kern-table__cell num">{r.offers}</td>
                  <td className="kern-table__cell num">{r.wide}</td>
                  {d.hasPopulation && <PopulationCells r={r} />}
                  <td className={`kern-table__cell${r.flag ? ` atlas-gap--${r.flag}` : ""}`}>
                    {r.flag ? <strong>{t(`atlas.gaps.flags.${r.flag}`)}</strong> : ""}
                  </td>
                </tr>
              ))}
            </DataTable>
            {d.hasPopulation && (
              <p className="kern-body--small">{t("atlas.gaps.suppressedNote", { threshold: d.threshold })}</p>
            )}
          </section>

          {d.hasPopulation && (
            <details className="kern-body">
              <summary>{t("atlas.gaps.mappingTitle")}</summary>
              <ul className="kern-list">
                {Object.entries(TARGET_GROUP_BASE).map(([g, b]) => (
                  <li key={g}>
                    {codeLabel(d.terms.tg, g)}: {baseLabel(b)}
                  </li>
                ))}
                <li>
                  {t("atlas.gaps.mappingOther")}: {baseLabel("total")}
                </li>
              </ul>
              <p className="kern-body--small">{t("atlas.gaps.mappingWhy")}</p>
            </details>
          )}

          <section aria-labelledby="gap-all" className="stack">
            <h2 id="gap-all" className="kern-heading-medium">
              {t("atlas.gaps.matrices")}
            </h2>
            <Matrix
              caption={t("atlas.gaps.byField")}
              id="hf"
              columns={d.fields.map((c) => codeLabel(d.terms.hf, c))}
              rows={d.rows}
              values={(r) => r.byField}
            />
            <Matrix
              caption={t("atlas.gaps.byGroup")}
              id="tg"
              columns={d.groups.map((c) => codeLabel(d.terms.tg, c))}
              rows={d.rows}
              values={(r) => r.byGroup}
            />
          </section>
        </>
      )}
    </>
  );
}
