import { Form, Link, data, useLocation } from "react-router";
import { Content } from "~/kernel/ui/content";
import type { Route } from "./+types/search";
import { requestContext, tenantContext } from "~/kernel/http/context";
import { atlasTerms } from "../terms";
import { Alert, PageTitle } from "~/kernel/ui/forms";
import { paginate, requestedPage } from "~/kernel/pagination";
import { Pagination } from "~/kernel/ui/pagination";
import { useRoot, useT } from "~/kernel/ui/hooks";
import { useFoldWhenNarrow } from "~/kernel/ui/fold";
import { contentLanguage, offlineCopy, parseFilters, publicAtlasTx } from "../http";
import { OfflineAtlas } from "../offline/offline";
import { publicAreas, searchEntries } from "../service";
import { CONTENT_LANGUAGES, COSTS, ENTRY_KINDS, NATIVE_NAMES, OFFER_LANGUAGES, dirOf, htmlLang } from "../taxonomy";
import { FilterSelect, LangName, withParams } from "../ui";
import "../atlas.css";

const PAGE_SIZE = 20;

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { filters, invalid } = parseFilters(url);
  const inhalt = contentLanguage(url);
  const shown = inhalt ?? context.get(requestContext).lang;
  const { tenant } = context.get(tenantContext);
  const requested = requestedPage(url);
  const [result, areas, page, terms] = await publicAtlasTx(context, async (tx) => {
    const search = (p: number) =>
      searchEntries(tx, filters, { lang: shown, limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE });
    let r = await search(requested);
    const page = paginate(requested, r.total, PAGE_SIZE);
    // A page past the end shows the last page (the search already counted the matches).
    if (page.page !== requested) r = await search(page.page);
    return [r, await publicAreas(tx), page, await atlasTerms(tx, context.get(requestContext).lang)] as const;
  });
  return data(
    { tenant: { slug: tenant.slug, name: tenant.name }, filters, inhalt, invalid, result, areas, page, terms },
    offlineCopy(context),
  );
}
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function Search({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { lang } = useRoot();
  const { tenant, filters: f, inhalt, result, areas, invalid, page, terms } = loaderData;
  const base = `/t/${tenant.slug}/angebote`;
  const current = {
    q: f.q,
    handlungsfeld: f.handlungsfeld,
    zielgruppe: f.zielgruppe,
    sprache: f.sprache,
    deutsch: f.deutsch,
    kosten: f.kosten,
    stadtteil: f.stadtteil,
    art: f.art,
    inhalt,
  };
  const any = { value: "", label: t("atlas.search.any") };
  // On a phone the eight filters came before the first result (issue 18): they fold behind one button
  // that says how many are set, and fold again after each search.
  const active = [f.handlungsfeld, f.zielgruppe, f.sprache, f.deutsch, f.kosten, f.stadtteil, f.art].filter(
    Boolean,
  ).length;
  const fold = useFoldWhenNarrow(useLocation().search);
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("atlas.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("atlas.title")}</h1>
      <p className="kern-body">{t("atlas.intro", { name: tenant.name })}</p>
      <OfflineAtlas base={base} />
      {invalid && <Alert kind="warning">{t("atlas.errors.invalidFilter")}</Alert>}
      <Form method="get" className="atlas-search atlas-noprint" role="search" aria-label={t("atlas.search.filters")}>
        <div className="kern-form-input atlas-search__q">
          <label className="kern-label" htmlFor="f-q">
            {t("atlas.search.label")}
          </label>
          <div className="kern-hint" id="f-q-hint">
            {t("atlas.search.hint")}
          </div>
          <input
            className="kern-form-input__input"
            id="f-q"
            name="q"
            type="search"
            defaultValue={f.q ?? ""}
            aria-describedby="f-q-hint"
          />
        </div>
        <details ref={fold} open className="atlas-filters">
          <summary className="atlas-filters__toggle kern-btn kern-btn--secondary">
            <span className="kern-label">
              {active ? t("atlas.search.filtersActive", { n: active }) : t("atlas.search.filters")}
            </span>
          </summary>
          <div className="atlas-search__grid">
            <FilterSelect
              name="handlungsfeld"
              label={t("atlas.filter.handlungsfeld")}
              defaultValue={f.handlungsfeld ?? ""}
              options={[any, ...terms.hf.map((h) => ({ value: h.code, label: h.label }))]}
            />
            <FilterSelect
              name="zielgruppe"
              label={t("atlas.filter.zielgruppe")}
              defaultValue={f.zielgruppe ?? ""}
              options={[any, ...terms.tg.map((g) => ({ value: g.code, label: g.label }))]}
            />
            <FilterSelect
              name="sprache"
              label={t("atlas.filter.sprache")}
              defaultValue={f.sprache ?? ""}
              options={[
                any,
                ...OFFER_LANGUAGES.map((l) => ({ value: l, label: NATIVE_NAMES[l], lang: l === "dgs" ? "de" : l })),
              ]}
            />
            <FilterSelect
              name="deutsch"
              label={t("atlas.filter.deutsch")}
              defaultValue={f.deutsch ?? ""}
              options={[
                { value: "", label: t("atlas.germanFilter.good") },
                { value: "little", label: t("atlas.germanFilter.little") },
                { value: "none", label: t("atlas.germanFilter.none") },
              ]}
            />
            <FilterSelect
              name="kosten"
              label={t("atlas.filter.kosten")}
              defaultValue={f.kosten ?? ""}
              options={[any, ...COSTS.map((c) => ({ value: c, label: t(`atlas.cost.${c}`) }))]}
            />
            <FilterSelect
              name="stadtteil"
              label={t("atlas.filter.stadtteil")}
              defaultValue={f.stadtteil ?? ""}
              options={[any, ...areas.map((a) => ({ value: a, label: a }))]}
            />
            <FilterSelect
              name="art"
              label={t("atlas.filter.art")}
              defaultValue={f.art ?? ""}
              options={[any, ...ENTRY_KINDS.map((k) => ({ value: k, label: t(`atlas.kind.${k}`) }))]}
            />
            <FilterSelect
              name="inhalt"
              label={t("atlas.search.contentLanguage")}
              defaultValue={inhalt ?? lang}
              options={CONTENT_LANGUAGES.map((l) => ({ value: l, label: NATIVE_NAMES[l], lang: htmlLang(l) }))}
            />
          </div>
        </details>
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("atlas.search.submit")}</span>
          </button>
          <Link className="kern-link" to={base}>
            {t("atlas.search.reset")}
          </Link>
        </div>
      </Form>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="kern-heading-medium">
          {t("atlas.search.resultsHeading")}
        </h2>
        <p className="kern-body" role="status">
          {t("atlas.search.results", { count: result.total })}
          {" · "}
          <Link className="kern-link atlas-noprint" to={withParams(`${base}/karte`, current)}>
            {t("atlas.search.mapLink")}
          </Link>
        </p>
        {result.total === 0 && result.suggestion && (
          <DidYouMean to={withParams(base, { ...current, q: result.suggestion })} suggestion={result.suggestion} />
        )}
        {result.total === 0 ? (
          <p className="kern-body">{t("atlas.search.none")}</p>
        ) : (
          <ol className="atlas-results">
            {result.items.map((e) => (
              <li key={e.id} className="atlas-result">
                <h3 className="kern-heading-small" lang={htmlLang(e.titleLang)} dir={dirOf(e.titleLang)}>
                  <Link className="kern-link" to={withParams(`/t/${e.tenantSlug}/angebote/${e.id}`, { inhalt })}>
                    {e.title}
                  </Link>
                </h3>
                <p className="kern-body--small">
                  {t(`atlas.kind.${e.kind}`)}
                  {e.tenantSlug !== tenant.slug && (
                    <>
                      {" · "}
                      <Content>{e.tenantName}</Content>
                    </>
                  )}
                  {e.provider && (
                    <>
                      {" · "}
                      <Content>{e.provider}</Content>
                    </>
                  )}
                  {e.isDemo ? ` · ${t("atlas.entry.demo")}` : ""}
                </p>
                {e.summary && (
                  <p className="kern-body" lang={htmlLang(e.titleLang)} dir={dirOf(e.titleLang)}>
                    {e.summary}
                  </p>
                )}
                <ul className="atlas-meta">
                  <li>
                    <span className="atlas-tag">{t(`atlas.germanLevel.${e.germanLevel}`)}</span>
                  </li>
                  <li>
                    <span className="atlas-tag">{t(`atlas.cost.${e.cost}`)}</span>
                  </li>
                  {e.areas.map((a) => (
                    <li key={a}>
                      <span className="atlas-tag">
                        <Content>{a}</Content>
                      </span>
                    </li>
                  ))}
                  <li>
                    {t("atlas.entry.languages")}:{" "}
                    {e.languages.map((l, i) => (
                      <span key={l}>
                        {i > 0 && ", "}
                        <LangName code={l} />
                      </span>
                    ))}
                  </li>
                </ul>
              </li>
            ))}
          </ol>
        )}
        <div className="atlas-noprint">
          <Pagination page={page.page} pages={page.pages} label={t("atlas.search.pagination")} />
        </div>
      </section>

      <section aria-labelledby="downloads" className="atlas-noprint">
        <h2 id="downloads" className="kern-heading-small">
          {t("atlas.search.downloads")}
        </h2>
        <ul className="kern-list">
          <li>
            <a className="kern-link" href={`${base}/daten.csv`} download>
              {t("atlas.search.csv")}
            </a>
          </li>
          <li>
            <a className="kern-link" href={`${base}/daten.csv?variante=offen`} download>
              {t("atlas.search.csvOpen")}
            </a>
          </li>
          <li>
            <a className="kern-link" href={`${base}/daten.json`} download>
              {t("atlas.search.json")}
            </a>
          </li>
          <li>
            <a
              className="kern-link"
              href={withParams(`/api/v1/t/${tenant.slug}/offers`, {
                q: f.q,
                handlungsfeld: f.handlungsfeld,
                language: f.sprache,
                german: f.deutsch,
                area: f.stadtteil,
              })}
            >
              {t("atlas.search.api")}
            </a>
          </li>
        </ul>
      </section>
    </main>
  );
}

/** "Meinten Sie …?" as a plain link: it reloads the search with the suggested query, also without JavaScript. */
function DidYouMean({ to, suggestion }: { to: string; suggestion: string }) {
  const t = useT();
  // The sentence is translated whole; the suggestion is cut out of it to become the link.
  const [before, after = ""] = t("atlas.search.didYouMean", { suggestion: "\u0000" }).split("\u0000");
  return (
    <p className="kern-body atlas-suggestion">
      {before}
      <Link className="kern-link" to={to}>
        {suggestion}
      </Link>
      {after}
    </p>
  );
}
