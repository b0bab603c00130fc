import { data } from "react-router";
import type { Route } from "./+types/staff-export";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { catalogueFile, catalogueResponse, currentEdition } from "~/modules/concept";
import { controlling, parseControllingFilter } from "../services/controlling";

/**
 * The measure catalogue of the controlling list as it is filtered (Stadtteil, überfällig, …): the page's
 * own function selects the measures, the concept writes the file its import reads back. Editors only,
 * like the measure list's export: the file carries the internal notes.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const format = params.format;
  if (format !== "xlsx" && format !== "csv") throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  const url = new URL(request.url);
  const wanted = url.searchParams.get("fassung");
  const file = await tenantTx(context, async (tx) => {
    const e = await currentEdition(tx, wanted && /^[0-9a-f-]{36}$/i.test(wanted) ? wanted : null);
    if (!e) throw data({ message: tFor(context)("steering.noEdition") }, { status: 404 });
    const c = await controlling(tx, e.id, parseControllingFilter(url.searchParams), { publicOnly: false });
    const ids = c.measures.map((m) => m.id);
    return catalogueFile(tx, e, { editionId: e.id, measureIds: ids }, format, url.search);
  });
  return catalogueResponse(file, format, tenant.slug);
}
