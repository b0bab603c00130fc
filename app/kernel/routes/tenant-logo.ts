import { data } from "react-router";
import type { Route } from "./+types/tenant-logo";
import { tenantContext, tenantTx, tFor } from "../http/context";
import { getLogo } from "../tenancy/settings";

// The tenant's logo (kernel/tenancy/settings.ts), public like its pages. The header links it with
// ?v=<etag>, so that URL may be cached for a year; without it a day, revalidated by ETag.

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const notFound = () => data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  if (!tenant.logoEtag) throw notFound();
  const etag = `"${tenant.logoEtag}"`;
  const versioned = new URL(request.url).searchParams.get("v") === tenant.logoEtag;
  const headers = {
    ETag: etag,
    "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=86400",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const logo = await tenantTx(context, (tx) => getLogo(tx));
  if (!logo) throw notFound();
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      ...headers,
      ETag: `"${logo.etag}"`,
      "Content-Type": logo.mime,
      "Content-Length": String(logo.bytes.length),
    },
  });
}
