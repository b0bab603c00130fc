import "./strings";
import "../assessment/strings";
import "../partners/strings";
import "../seal/strings";
import "../trainings/strings";
import "../mediators/strings";
import "../surveys/strings";
import { Link } from "react-router";
import type { Route } from "./+types/staff-overview";
import { requireRole, tenantContext } from "~/kernel/http/context";
import { roleAtLeast, type Role } from "~/kernel/roles";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";

// The parts of the module, each below verwaltung/oeffnung/…; `kinds` limits a part to tenants of
// those kinds (the partner network is the Land's).
const SECTIONS: { to: string; key: string; minRole: Role; kinds?: string[] }[] = [
  { to: "bewertung", key: "assessments", minRole: "partner" },
  { to: "kataloge", key: "catalogues", minRole: "viewer" },
  { to: "partner", key: "partners", minRole: "viewer", kinds: ["land"] },
  { to: "siegel", key: "seal", minRole: "viewer" },
  { to: "stellenausschreibungen", key: "clauses", minRole: "viewer" },
  { to: "schulungen", key: "trainings", minRole: "viewer" },
  { to: "sprachmittlung", key: "mediators", minRole: "viewer" },
  { to: "sprachmittlung/einsaetze", key: "assignments", minRole: "partner" },
  { to: "befragungen", key: "surveys", minRole: "viewer" },
  { to: "befragungen/zeitreihe", key: "series", minRole: "viewer" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "partner");
  const { tenant } = context.get(tenantContext);
  return {
    slug: tenant.slug,
    sections: SECTIONS.filter((s) => roleAtLeast(role, s.minRole) && (!s.kinds || s.kinds.includes(tenant.kind))),
  };
}

export default function OpeningOverview({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle>{t("opening.overview.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.overview.title")}</h1>
      <p className="kern-body">{t("opening.overview.intro")}</p>
      <h2 className="kern-heading-medium">{t("opening.overview.sections")}</h2>
      <ul className="kern-list">
        {d.sections.map((s) => (
          <li key={s.to}>
            <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/${s.to}`}>
              {t(`opening.overview.${s.key}.title`)}
            </Link>
            <span className="kern-body"> – {t(`opening.overview.${s.key}.text`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
