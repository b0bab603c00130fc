import { z } from "zod";

/**
 * The one paging convention of every list: `?seite=` counts from 1, the page size is fixed per list
 * (no `?limit=` a visitor could turn into a heavy query). Anything that is not a page number reads
 * as page 1; a page after the last shows the last page.
 */
export const PAGE_PARAM = "seite";
// Pure: page components import this file for `pageHref`; the schema is needed only in loaders, so
// the browser bundle can drop it (and with it zod, on pages that use no other schema).
const PageNumber = /* @__PURE__ */ z.coerce.number().int().min(1).max(1_000_000).catch(1);

export interface Page {
  page: number;
  pageSize: number;
  offset: number;
  total: number;
  pages: number;
}

/** The requested page number (1 if missing or invalid); not yet clamped to the number of pages. */
export function requestedPage(source: URL | URLSearchParams): number {
  const sp = source instanceof URL ? source.searchParams : source;
  return PageNumber.parse(sp.get(PAGE_PARAM) ?? undefined);
}

/** The page to show for `total` rows: clamped to 1..pages, with its offset. */
export function paginate(requested: number, total: number, pageSize: number): Page {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
  return { page, pageSize, offset: (page - 1) * pageSize, total, pages };
}

/** Paging a list held in memory: the page plus its rows. */
export function pageOf<T>(source: URL | URLSearchParams, items: readonly T[], pageSize: number) {
  const p = paginate(requestedPage(source), items.length, pageSize);
  return { ...p, items: items.slice(p.offset, p.offset + pageSize) };
}

/**
 * Paging a database query: counts, clamps, then fetches only the page. `count` and `fetch` run in
 * the caller's transaction, so the total and the rows come from one snapshot where it matters.
 */
export async function pageQuery<T>(
  source: URL | URLSearchParams,
  pageSize: number,
  count: () => Promise<number>,
  fetch: (limit: number, offset: number) => Promise<T[]>,
): Promise<Page & { items: T[] }> {
  const p = paginate(requestedPage(source), await count(), pageSize);
  return { ...p, items: p.total ? await fetch(pageSize, p.offset) : [] };
}

/** The link to another page of the current list: every other query parameter stays as it is. */
export function pageHref(search: string, page: number): string {
  const sp = new URLSearchParams(search);
  if (page <= 1) sp.delete(PAGE_PARAM);
  else sp.set(PAGE_PARAM, String(page));
  const q = sp.toString();
  return q ? `?${q}` : "?";
}

/** Which page numbers the navigation shows: first, last, and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | "gap")[] {
  const out: (number | "gap")[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
    else if (out[out.length - 1] !== "gap") out.push("gap");
  }
  return out;
}

/**
 * The query of a list without its page (and without one-off notices such as `drop`): what a download
 * offered on the list passes on, so that it holds every row the filters select, not just this page.
 */
export function listQuery(search: string, drop: readonly string[] = []): string {
  const sp = new URLSearchParams(search);
  for (const k of [PAGE_PARAM, ...drop]) sp.delete(k);
  return sp.toString();
}
