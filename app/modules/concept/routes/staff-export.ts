import { data } from "react-router";
import type { Route } from "./+types/staff-export";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { catalogueFile, catalogueResponse } from "../services/catalogue";
import { editionFor, measureListFilter, who } from "../http.server";

/**
 * Measure catalogue as XLSX or CSV (German Excel conventions); round-trips through the import. It holds
 * the measures the list it is offered on selects: the list's query, read by the list's own filter.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const format = params.format;
  if (format !== "xlsx" && format !== "csv")
    throw data({ message: tFor(context)("concept.errors.unknownFormat") }, { status: 404 });
  const url = new URL(request.url);
  const file = await tenantTx(context, async (tx) => {
    const e = await editionFor(context, tx, url);
    if (!e) throw data({ message: tFor(context)("concept.noEdition") }, { status: 404 });
    const { filter } = await measureListFilter(tx, who(context), e.id, url.searchParams);
    return catalogueFile(tx, e, filter, format, url.search);
  });
  return catalogueResponse(file, format, tenant.slug);
}
