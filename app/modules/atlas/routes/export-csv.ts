import type { Route } from "./+types/export-csv";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { exportEntries } from "../service";

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
  "addresses",
  "lat",
  "lon",
  "validFrom",
  "validUntil",
  "lastConfirmedAt",
  "isDemo",
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is defused so spreadsheet programs never run it as a formula. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("|") : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Open data: all published entries of the tenant as CSV (UTF-8 with BOM for spreadsheet programs). */
export async function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const list = await tenantTx(context, (tx) => exportEntries(tx));
  const lines = [COLUMNS.join(",")];
  for (const e of list) {
    const first = e.places[0];
    const row: Record<(typeof COLUMNS)[number], unknown> = {
      ...e,
      addresses: e.places.map((p) =>
        [p.street, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      ),
      lat: first?.lat ?? null,
      lon: first?.lon ?? null,
    };
    lines.push(COLUMNS.map((c) => cell(row[c])).join(","));
  }
  return new Response("\uFEFF" + lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="integrationsatlas-${tenant.slug}.csv"`,
    },
  });
}
