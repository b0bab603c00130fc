// The atlas's contribution to the area profile (kernel/area-contents.ts): the public offers with a
// place in the area or in one of its Stadtteile (places carry the register key point-in-polygon
// found). City- or district-wide offers are not listed on every profile; the gap analysis counts them.
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { AreaItem, AreaRef } from "~/kernel/area-contents";
import { PUBLIC } from "./service";

/** More would not be a list one reads on a profile; the page links to the full search. */
const MAX = 50;

export async function inArea(tx: Tx, area: AreaRef, within: AreaRef[], opts: { lang: string }): Promise<AreaItem[]> {
  // A place's area is (level, key): keys repeat across levels, so a district's own key must not pick
  // up the places of the Stadtteil that happens to share it.
  if (!within.length) return [];
  const r = await rows<{ id: string; title: string; lang: string; provider: string | null; areas: string[] }>(
    tx,
    sql`SELECT e.id, tr.title, tr.lang, o.name AS provider,
        array_agg(DISTINCT p.area_name ORDER BY p.area_name) AS areas
      FROM atlas_entries e
      JOIN atlas_places p ON p.entry_id = e.id AND (p.area_level, p.area_key) IN (${sql.join(
        within.map((a) => sql`(${a.level}, ${a.key})`),
        sql`, `,
      )})
      LEFT JOIN organisations o ON o.id = e.organisation_id
      JOIN LATERAL (SELECT t.title, t.lang FROM atlas_translations t WHERE t.entry_id = e.id AND t.lang IN (${opts.lang}, 'de')
        ORDER BY (t.lang = ${opts.lang}) DESC LIMIT 1) tr ON true
      WHERE ${PUBLIC}
      GROUP BY e.id, tr.title, tr.lang, o.name, e.sort_title
      ORDER BY e.sort_title, e.id LIMIT ${MAX}`,
  );
  return r.map((x) => ({
    kind: "offer" as const,
    id: x.id,
    title: x.title,
    lang: x.lang,
    path: `angebote/${x.id}`,
    detail: x.provider,
    detailKey: null,
    areaName: x.areas.length === 1 && x.areas[0] === area.name ? null : x.areas.filter(Boolean).join(", "),
  }));
}
