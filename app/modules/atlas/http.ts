import type { RouterContextProvider } from "react-router";
import { effectiveRole, requestContext, tenantContext, tenantTx } from "~/kernel/http/context";
import type { Tx } from "~/kernel/db/client";
import { includeMemberTenants } from "~/kernel/db/context";
import { SearchFilters, type Actor } from "./service";
import { CONTENT_LANGUAGES, type ContentLanguage } from "./taxonomy";

type Ctx = Readonly<RouterContextProvider>;

/** Server-only helpers for the atlas routes (loaders and actions). */
export function actorOf(context: Ctx): Actor {
  const t = context.get(tenantContext);
  return {
    role: effectiveRole(context),
    organisationId: t.organisationId,
    userId: context.get(requestContext).user?.id ?? null,
  };
}

/**
 * The transaction of a public atlas page: a Kreis's or Land's guide lists the published offers of
 * its member municipalities too (one guide for district and city), a municipality's only its own.
 */
export function publicAtlasTx<T>(context: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const members = context.get(tenantContext).tenant.kind !== "kommune";
  return tenantTx(context, async (tx) => {
    if (members) await includeMemberTenants(tx);
    return fn(tx);
  });
}

/**
 * Reads the search filters from the URL. An invalid value (e.g. from an old shared link) is
 * dropped with a notice instead of failing the whole page.
 */
export function parseFilters(url: URL): { filters: SearchFilters; invalid: boolean } {
  const raw: Record<string, string> = {};
  for (const k of Object.keys(SearchFilters.shape)) {
    const v = url.searchParams.get(k);
    if (v !== null) raw[k] = v;
  }
  let r = SearchFilters.safeParse(raw);
  let invalid = false;
  if (!r.success) {
    invalid = true;
    for (const i of r.error.issues) delete raw[String(i.path[0])];
    r = SearchFilters.safeParse(raw);
  }
  return { filters: r.success ? r.data : SearchFilters.parse({}), invalid };
}

export function contentLanguage(url: URL): ContentLanguage | null {
  const v = url.searchParams.get("inhalt");
  return v && (CONTENT_LANGUAGES as readonly string[]).includes(v) ? (v as ContentLanguage) : null;
}

/**
 * Marks a public atlas page as one the service worker may keep for offline use (decision 0051):
 * only what an anonymous visitor sees, never a page with a logged-in user's name in its header.
 */
export function offlineCopy(context: Ctx): { headers: Record<string, string> } {
  return { headers: { "X-Offline-Copy": context.get(requestContext).user ? "0" : "1" } };
}
