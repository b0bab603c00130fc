import type { Route } from "./+types/offline-manifest";
import { requestContext, tenantContext } from "~/kernel/http/context";
import { getT, langTag, uiDirection } from "~/kernel/i18n";
import { appManifest } from "../offline/manifest";

/** The web app manifest of a tenant's atlas, in the visitor's language (decision 0051). */
export function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const lang = context.get(requestContext).lang;
  const body = appManifest({
    base: `/t/${tenant.slug}/angebote`,
    tenantName: tenant.name,
    t: getT(lang),
    lang: langTag(lang),
    dir: uiDirection(lang),
  });
  return new Response(JSON.stringify(body), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
