import type { Route } from "./+types/surveys-series-csv";
import { requireRole, tenantTx, tFor } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { csvResponse } from "~/kernel/csv";
import { seriesCsv, seriesOf } from "../surveys/series";
import "../surveys/strings";

// The staff-share series as CSV: a year not collected says so, with its reason – never 0, never empty.
export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const t = tFor(context);
  const org = new URL(request.url).searchParams.get("org") || null;
  const points = await tenantTx(context, async (tx) => {
    const known = org && (await listOrganisations(tx)).some((o) => o.id === org);
    return seriesOf(tx, known ? org : null);
  });
  const csv = seriesCsv(points, {
    header: t("opening.surveys.series.csvHeader").split(";"),
    notCollected: t("opening.surveys.series.notCollected"),
  });
  return csvResponse(csv, "zeitreihe-personalanteil.csv");
}
