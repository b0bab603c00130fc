import type { Route } from "./+types/offline-sw";
import { tenantContext } from "~/kernel/http/context";
import source from "../offline/service-worker.js?raw";

/**
 * The atlas' service worker (decision 0051). Served below /angebote/, it may control the search page
 * /angebote itself only because Service-Worker-Allowed widens its scope to that path.
 */
export function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return new Response(source, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Service-Worker-Allowed": `/t/${tenant.slug}/angebote`,
      "Cache-Control": "no-cache",
    },
  });
}
