import type { Route } from "./+types/staff-gaps";
import { requireRole, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { gapAnalysis } from "../service";
import { HANDLUNGSFELDER, TARGET_GROUPS } from "../taxonomy";
import "../atlas.css";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const g = await tenantTx(context, gapAnalysis);
  return {
    areas: g.areas,
    field: g.areas.map((a) => HANDLUNGSFELDER.map((h) => g.field(a, h))),
    group: g.areas.map((a) => TARGET_GROUPS.map((x) => g.group(a, x))),
  };
}

function Matrix({ caption, keys, labelPrefix, areas, values }: { caption: string; keys: readonly string[]; labelPrefix: string; areas: (string | null)[]; values: number[][] }) {
  const t = useT();
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="kern-table atlas-gap">
        <caption className="kern-heading-small">{caption}</caption>
        <thead className="kern-table__head"><tr className="kern-table__row">
          <th scope="col" className="kern-table__header">{t("atlas.gaps.area")}</th>
          {keys.map((k) => <th key={k} scope="col" className="kern-table__header">{t(`${labelPrefix}.${k}`)}</th>)}
        </tr></thead>
        <tbody className="kern-table__body">
          {areas.map((a, i) => (
            <tr key={a ?? "-"} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{a ?? t("atlas.gaps.noArea")}</th>
              {values[i].map((n, j) => <td key={keys[j]} className={`kern-table__cell${n === 0 ? " atlas-gap--zero" : ""}`}>{n}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Gaps({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle>{t("atlas.gaps.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("atlas.gaps.title")}</h1>
      <p className="kern-body">{t("atlas.gaps.intro")}</p>
      <p className="kern-body--small">{t("atlas.gaps.population")}</p>
      {d.areas.length === 0 ? <p>{t("atlas.gaps.empty")}</p> : (
        <>
          <Matrix caption={t("atlas.gaps.byField")} keys={HANDLUNGSFELDER} labelPrefix="atlas.hf" areas={d.areas} values={d.field} />
          <Matrix caption={t("atlas.gaps.byGroup")} keys={TARGET_GROUPS} labelPrefix="atlas.tg" areas={d.areas} values={d.group} />
        </>
      )}
    </>
  );
}
