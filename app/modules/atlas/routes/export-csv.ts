import type { Route } from "./+types/export-csv";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { exportEntries } from "../service";
import { atlasTerms, labelOf } from "../terms";
import { csvResponse, csvVariantFrom, toCsv, type CsvColumn, type CsvValue } from "~/kernel/csv";

const COLUMNS = [
  "id",
  "kind",
  "title",
  "titleEn",
  "description",
  "provider",
  "handlungsfelder",
  "targetGroups",
  "languages",
  "contentLanguages",
  "germanLevel",
  "cost",
  "costNote",
  "schedule",
  "accessibility",
  "contactName",
  "contactEmail",
  "contactPhone",
  "website",
  "areas",
  "catchment",
  "addresses",
  "lat",
  "lon",
  "validFrom",
  "validUntil",
  "lastConfirmedAt",
  "isDemo",
  // The German names of the codes above, from the tenant's one taxonomy (decision 0037); appended so
  // the existing columns keep their places.
  "handlungsfelderNames",
  "targetGroupNames",
] as const;

const TYPES: Partial<Record<(typeof COLUMNS)[number], CsvColumn["type"]>> = {
  lat: "number",
  lon: "number",
  validFrom: "date",
  validUntil: "date",
  lastConfirmedAt: "datetime",
};

/**
 * Open data: all published entries of the tenant as CSV. German Excel by default (a double click
 * opens it correctly); `?variante=offen` gives the open-data dialect (comma, decimal point, no BOM)
 * that GovData/DCAT-AP.de harvesters and scripts expect. Column names are stable identifiers.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const variant = csvVariantFrom(new URL(request.url));
  const [list, terms] = await tenantTx(context, (tx) => Promise.all([exportEntries(tx), atlasTerms(tx, "de")]));
  const rows = list.map((e) => {
    const first = e.places[0];
    const row: Record<(typeof COLUMNS)[number], CsvValue> = {
      ...e,
      addresses: e.places.map((p) =>
        [p.street, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      ),
      lat: first?.lat ?? null,
      lon: first?.lon ?? null,
      handlungsfelderNames: e.handlungsfelder.map((c) => labelOf(terms.hf, c, "de")),
      targetGroupNames: e.targetGroups.map((c) => labelOf(terms.tg, c, "de")),
    };
    return COLUMNS.map((c) => row[c]);
  });
  const columns = COLUMNS.map((header) => ({ header, type: TYPES[header] }));
  return csvResponse(toCsv({ columns, rows }, variant), `integrationsatlas-${tenant.slug}.csv`);
}
