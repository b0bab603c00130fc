import type { Tx } from "~/kernel/db/client";
import { pageOf } from "~/kernel/pagination";
import { controllingCharts } from "./charts.server";
import { controlling, parseControllingFilter } from "./services/controlling";
import type { ControllingData } from "./dashboard";

/** Measures per page of the controlling list (`?seite=`, kernel paging). */
export const CONTROLLING_PAGE_SIZE = 50;

/** The controlling overview as loader data: filter from the URL, one page of measures, the charts drawn. */
export async function controllingData(
  tx: Tx,
  editionId: string,
  url: URL,
  t: (key: string, opts?: Record<string, unknown>) => string,
  opts: { publicOnly: boolean },
): Promise<ControllingData & { tree: Awaited<ReturnType<typeof controlling>>["tree"] }> {
  const c = await controlling(tx, editionId, parseControllingFilter(url.searchParams), opts);
  const page = pageOf(url, c.measures, CONTROLLING_PAGE_SIZE);
  return {
    ...c,
    measures: { page: page.page, pages: page.pages, total: page.total, items: page.items },
    charts: await controllingCharts(c, t),
  };
}
