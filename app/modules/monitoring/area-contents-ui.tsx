import { Link } from "react-router";
import type { AreaItem } from "~/kernel/area-contents";
import { useT } from "~/kernel/ui/hooks";

/** The measures and offers in an area: what is done where the figures above show need. */
export function AreaContents({ items, slug, areaName }: { items: AreaItem[]; slug: string; areaName: string }) {
  const t = useT();
  const measures = items.filter((i) => i.kind === "measure");
  const offers = items.filter((i) => i.kind === "offer");
  const list = (xs: AreaItem[]) => (
    <ul className="kern-list">
      {xs.map((i) => (
        <li key={i.id}>
          <Link className="kern-link" to={`/t/${slug}/${i.path}`} lang={i.lang}>
            {i.title}
          </Link>
          {i.detailKey ? ` – ${t(i.detailKey)}` : i.detail ? ` – ${i.detail}` : ""}
          {i.areaName ? ` (${i.areaName})` : ""}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="stack" aria-labelledby="area-contents">
      <h2 id="area-contents" className="kern-heading-medium">
        {t("monitoring.areaContents.title", { name: areaName })}
      </h2>
      <h3 className="kern-heading-small">{t("monitoring.areaContents.measures")}</h3>
      {measures.length ? list(measures) : <p className="kern-body">{t("monitoring.areaContents.noMeasures")}</p>}
      <h3 className="kern-heading-small">{t("monitoring.areaContents.offers")}</h3>
      {offers.length ? list(offers) : <p className="kern-body">{t("monitoring.areaContents.noOffers")}</p>}
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${slug}/angebote?stadtteil=${encodeURIComponent(areaName)}`}>
          {t("monitoring.areaContents.search", { name: areaName })}
        </Link>
      </p>
    </section>
  );
}
