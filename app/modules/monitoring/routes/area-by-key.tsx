import { Link } from "react-router";
import type { Route } from "./+types/area-by-key";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { areasForOldUrl } from "./area-by-key.server";
import { areaPath } from "../shared";

// The profile's old URL by key alone: a redirect when one area has the key, else this chooser.
export async function loader({ context, params }: Route.LoaderArgs) {
  return { key: params.key, areas: await areasForOldUrl(context, params.slug, params.key) };
}

export default function AreaByKey({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("monitoring.areaChooser.title", { key: d.key })}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.areaChooser.title", { key: d.key })}</h1>
      <p className="kern-body">{t("monitoring.areaChooser.intro", { key: d.key })}</p>
      <ul>
        {d.areas.map((a) => (
          <li key={a.level}>
            <Link className="kern-link" to={`/t/${params.slug}/${areaPath(a.level, a.key)}`}>
              {a.name} ({t(`monitoring.levels.${a.level}`)} {a.key})
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
