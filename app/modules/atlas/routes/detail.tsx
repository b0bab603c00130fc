import { data, Link } from "react-router";
import type { Route } from "./+types/detail";
import { appContext, requestContext, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { atlasTerms, labelOf } from "../terms";
import { config } from "~/kernel/config";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { contentLanguage, offlineCopy } from "../http";
import { OfflineAtlas } from "../offline/offline";
import { getPublicEntry, placeFields } from "../service";
import { routeUrl } from "../route-link";
import { NATIVE_NAMES, dirOf, htmlLang } from "../taxonomy";
import { LangName, withParams } from "../ui";
import "../atlas.css";

/** schema.org description of the entry for search engines and other directories. */
function jsonLd(
  d: NonNullable<Awaited<ReturnType<typeof getPublicEntry>>>,
  url: string,
  title: string,
  description: string,
) {
  const e = d.entry;
  const places = d.places.map((p) => ({
    "@type": "Place",
    name: p.label ?? undefined,
    address: {
      "@type": "PostalAddress",
      streetAddress: p.street ?? undefined,
      postalCode: p.postcode ?? undefined,
      addressLocality: p.city ?? undefined,
      addressCountry: "DE",
    },
    geo:
      p.lat !== null && p.lon !== null ? { "@type": "GeoCoordinates", latitude: p.lat, longitude: p.lon } : undefined,
    containedInPlace: p.areaName ? { "@type": "Place", name: p.areaName } : undefined,
  }));
  const provider = d.provider
    ? { "@type": "Organization", name: d.provider.name, url: d.provider.website ?? undefined }
    : undefined;
  if (e.kind === "network") {
    return {
      "@context": "https://schema.org",
      "@type": "Organization",
      name: title,
      description,
      url,
      location: places,
      parentOrganization: provider,
    };
  }
  return {
    "@context": "https://schema.org",
    "@type": e.kind === "contact_point" ? "GovernmentService" : "Service",
    name: title,
    description,
    url,
    provider,
    availableLanguage: e.languages,
    isAccessibleForFree: e.cost === "free",
    audience: e.targetGroups.map((g) => ({ "@type": "Audience", audienceType: g })),
    areaServed: places,
    hoursAvailable: e.schedule ?? undefined,
    availableChannel: {
      "@type": "ServiceChannel",
      servicePhone: e.contactPhone ?? undefined,
      serviceUrl: e.website ?? undefined,
      serviceLocation: places[0],
    },
    dateModified: e.updatedAt.toISOString(),
  };
}

function publicFields(e: NonNullable<Awaited<ReturnType<typeof getPublicEntry>>>["entry"]) {
  return {
    id: e.id,
    kind: e.kind,
    isDemo: e.isDemo,
    germanLevel: e.germanLevel,
    languages: e.languages,
    cost: e.cost,
    catchment: e.catchment,
    costNote: e.costNote,
    schedule: e.schedule,
    handlungsfelder: e.handlungsfelder,
    targetGroups: e.targetGroups,
    accessibility: e.accessibility,
    networkMembers: e.networkMembers,
    coordinator: e.coordinator,
    meetingRhythm: e.meetingRhythm,
    contactName: e.contactName,
    contactEmail: e.contactEmail,
    contactPhone: e.contactPhone,
    website: e.website,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    lastConfirmedAt: e.lastConfirmedAt,
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const ui = context.get(requestContext).lang;
  const [d, terms] = await tenantTx(context, (tx) => Promise.all([getPublicEntry(tx, params.id), atlasTerms(tx, ui)]));
  if (!d) throw data({ message: tFor(context)("atlas.entry.notFound") }, { status: 404 });
  const wanted = contentLanguage(url) ?? context.get(requestContext).lang;
  const tr = d.translations.find((x) => x.lang === wanted) ?? d.translations.find((x) => x.lang === "de")!;
  const { tenant } = context.get(tenantContext);
  const canonical = `${config().baseUrl}/t/${tenant.slug}/angebote/${d.entry.id}`;
  const ld = jsonLd(d, canonical, tr.title, tr.description);
  return data(
    {
      tenant: { slug: tenant.slug, name: tenant.name },
      // Loader data is public JSON (the page's hydration data and its .data URL): only what the page
      // shows, no tenant, user, organisation or place row ids.
      entry: publicFields(d.entry),
      // The tenant's names of the entry's Handlungsfelder and target groups, in the page's language.
      fieldLabels: d.entry.handlungsfelder.map((c) => labelOf(terms.hf, c, ui)),
      groupLabels: d.entry.targetGroups.map((c) => labelOf(terms.tg, c, ui)),
      places: d.places.map(placeFields),
      provider: d.provider && { name: d.provider.name },
      translation: tr,
      wanted,
      fallback: tr.lang !== wanted,
      available: d.translations.map((x) => x.lang),
      print: url.searchParams.get("druck") === "1",
      canonical,
      // "<" is escaped so that text from providers can never close the script element.
      ld: JSON.stringify(ld).replace(/</g, "\\u003c"),
      nonce: context.get(appContext).nonce,
    },
    offlineCopy(context),
  );
}
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function Detail({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const e = d.entry;
  const base = `/t/${d.tenant.slug}/angebote`;
  const lang = d.translation.lang;
  return (
    <main id="inhalt" className={`kern-container page stack atlas-detail${d.print ? " atlas-print" : ""}`}>
      <PageTitle>{`${d.translation.title} – ${t("atlas.title")}`}</PageTitle>
      {/* The offer in its other languages is kept for offline use as well. */}
      <OfflineAtlas
        base={base}
        keep={d.available.filter((l) => l !== lang).map((l) => withParams(`${base}/${e.id}`, { inhalt: l }))}
      />
      <script
        type="application/ld+json"
        nonce={d.nonce || undefined}
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: d.ld }}
      />
      <p className="atlas-noprint">
        <Link className="kern-link" to={base}>
          {t("atlas.entry.back")}
        </Link>
      </p>
      {d.fallback && (
        <div className="kern-alert kern-alert--info" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{t("atlas.entry.fallback", { lang: NATIVE_NAMES[d.wanted] ?? d.wanted })}</p>
          </div>
        </div>
      )}
      <article lang={htmlLang(lang)} dir={dirOf(lang)} className="stack" aria-labelledby="entry-title">
        <p className="kern-body--small" lang={undefined}>
          {t(`atlas.kind.${e.kind}`)}
          {e.isDemo ? ` · ${t("atlas.entry.demo")}` : ""}
        </p>
        <h1 id="entry-title" className="kern-heading-x-large">
          {d.translation.title}
        </h1>
        {d.translation.description && <p className="kern-body atlas-content">{d.translation.description}</p>}
      </article>
      <nav aria-label={t("atlas.entry.availableIn")} className="atlas-noprint">
        <p className="kern-body">{t("atlas.entry.availableIn")}:</p>
        <ul className="atlas-langs">
          {d.available.map((l) => (
            <li key={l}>
              {l === lang ? (
                <strong aria-current="true">
                  <LangName code={l} />
                </strong>
              ) : (
                <Link className="kern-link" to={withParams(`${base}/${e.id}`, { inhalt: l })} hrefLang={htmlLang(l)}>
                  <LangName code={l} />
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <dl>
        {d.provider && (
          <>
            <dt>{t("atlas.entry.provider")}</dt>
            <dd>{d.provider.name}</dd>
          </>
        )}
        <dt>{t("atlas.entry.germanLevel")}</dt>
        <dd>{t(`atlas.germanLevel.${e.germanLevel}`)}</dd>
        {e.catchment !== "local" && (
          <>
            <dt>{t("atlas.entry.catchment")}</dt>
            <dd>{t(`atlas.catchment.${e.catchment}`)}</dd>
          </>
        )}
        <dt>{t("atlas.entry.languages")}</dt>
        <dd>
          {e.languages.map((l, i) => (
            <span key={l}>
              {i > 0 && ", "}
              <LangName code={l} />
            </span>
          ))}
        </dd>
        <dt>{t("atlas.entry.cost")}</dt>
        <dd>
          {t(`atlas.cost.${e.cost}`)}
          {e.costNote ? ` – ${e.costNote}` : ""}
        </dd>
        {e.schedule && (
          <>
            <dt>{t("atlas.entry.schedule")}</dt>
            <dd>{e.schedule}</dd>
          </>
        )}
        <dt>{t("atlas.entry.handlungsfelder")}</dt>
        <dd>{d.fieldLabels.join(", ")}</dd>
        <dt>{t("atlas.entry.targetGroups")}</dt>
        <dd>{d.groupLabels.join(", ")}</dd>
        {e.accessibility && (
          <>
            <dt>{t("atlas.entry.accessibility")}</dt>
            <dd>{e.accessibility}</dd>
          </>
        )}
        {e.networkMembers && (
          <>
            <dt>{t("atlas.entry.members")}</dt>
            <dd>{e.networkMembers}</dd>
          </>
        )}
        {e.coordinator && (
          <>
            <dt>{t("atlas.entry.coordinator")}</dt>
            <dd>{e.coordinator}</dd>
          </>
        )}
        {e.meetingRhythm && (
          <>
            <dt>{t("atlas.entry.rhythm")}</dt>
            <dd>{e.meetingRhythm}</dd>
          </>
        )}
        {(e.contactName || e.contactEmail || e.contactPhone || e.website) && (
          <>
            <dt>{t("atlas.entry.contact")}</dt>
            <dd>
              {e.contactName && (
                <>
                  {e.contactName}
                  <br />
                </>
              )}
              {e.contactPhone && (
                <>
                  {t("atlas.entry.phone")}:{" "}
                  <a className="kern-link" dir="ltr" href={`tel:${e.contactPhone.replace(/[^+0-9]/g, "")}`}>
                    {e.contactPhone}
                  </a>
                  <br />
                </>
              )}
              {e.contactEmail && (
                <>
                  {t("atlas.entry.email")}:{" "}
                  <a className="kern-link" dir="ltr" href={`mailto:${e.contactEmail}`}>
                    {e.contactEmail}
                  </a>
                  <br />
                </>
              )}
              {e.website && (
                <a className="kern-link" dir="ltr" href={e.website} rel="noopener noreferrer">
                  {e.website}
                </a>
              )}
            </dd>
          </>
        )}
        {(e.validFrom || e.validUntil) && (
          <>
            <dt>{t("atlas.entry.validity")}</dt>
            <dd>
              {e.validFrom && t("atlas.entry.validFrom", { date: fmt.date(e.validFrom) })}{" "}
              {e.validUntil && t("atlas.entry.validUntil", { date: fmt.date(e.validUntil) })}
            </dd>
          </>
        )}
        <dt>{t("atlas.entry.lastConfirmed")}</dt>
        <dd>{fmt.date(e.lastConfirmedAt)}</dd>
      </dl>
      {d.places.length > 0 && (
        <section aria-labelledby="places">
          <h2 id="places" className="kern-heading-medium">
            {t("atlas.entry.places")}
          </h2>
          <ul className="kern-list">
            {d.places.map((p, i) => (
              <li key={i}>
                <address>
                  {[p.label, p.street, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}
                </address>
                {p.areaName && (
                  <>
                    {t("atlas.entry.area")}: {p.areaName}
                  </>
                )}
                {p.lat !== null && (
                  <>
                    {" "}
                    ·{" "}
                    <Link className="kern-link atlas-noprint" to={`${base}/karte?eintrag=${e.id}`}>
                      {t("atlas.entry.onMap")}
                    </Link>
                  </>
                )}
                {routeUrl(p) && (
                  <>
                    {" "}
                    ·{" "}
                    <a className="kern-link atlas-noprint" href={routeUrl(p)!} rel="external noopener noreferrer">
                      {t("atlas.entry.route")}{" "}
                      <span className="kern-body--small">{`(${t("atlas.entry.routeExternal")})`}</span>
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
          {d.places.some((p) => routeUrl(p)) && (
            <p className="kern-body--small atlas-noprint">{t("atlas.entry.routeNote")}</p>
          )}
        </section>
      )}
      <p className="atlas-noprint actions">
        <Link
          className="kern-link"
          to={withParams(`${base}/${e.id}`, { inhalt: lang === "de" ? undefined : lang, druck: 1 })}
        >
          {t("atlas.entry.print")}
        </Link>
        <span>
          {t("atlas.entry.share")}:{" "}
          <a className="kern-link" dir="ltr" href={d.canonical}>
            {d.canonical}
          </a>
        </span>
      </p>
      <p className="atlas-print-hint kern-body--small">
        {t("atlas.entry.printNow")} {d.canonical}
      </p>
    </main>
  );
}
