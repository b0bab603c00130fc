import type { Route } from "./+types/export-json";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { exportEntries } from "../service";

/** Open data: all published entries of the tenant as JSON. */
export async function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const offers = await tenantTx(context, (tx) => exportEntries(tx));
  const body = JSON.stringify(
    {
      tenant: tenant.slug,
      generatedAt: new Date().toISOString(),
      license: "dl-de/by-2-0",
      total: offers.length,
      offers,
    },
    null,
    1,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="integrationsatlas-${tenant.slug}.json"`,
    },
  });
}
