// The steering module's contribution to the area profile (kernel/area-contents.ts): the measures of
// the adopted concept that work in the area or in one of its Stadtteile, as recorded on the
// measure's steering page. Only the adopted edition's measures are public.
import { inArray } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import type { AreaItem, AreaRef } from "~/kernel/area-contents";
import { getAdoptedEdition, listMeasures } from "~/modules/concept";
import { measureAreas } from "./schema";

export async function inArea(tx: Tx, area: AreaRef, within: AreaRef[]): Promise<AreaItem[]> {
  const byId = new Map(within.map((a) => [a.id, a]));
  const links = await tx
    .select()
    .from(measureAreas)
    .where(inArray(measureAreas.areaId, [...byId.keys()]));
  if (!links.length) return [];
  const edition = await getAdoptedEdition(tx);
  if (!edition) return [];
  const measures = await listMeasures(tx, {
    editionId: edition.id,
    measureIds: [...new Set(links.map((l) => l.measureId))],
  });
  const placesOf = new Map<string, AreaRef[]>();
  for (const l of links) {
    const list = placesOf.get(l.measureId) ?? [];
    list.push(byId.get(l.areaId)!);
    placesOf.set(l.measureId, list);
  }
  return measures.map((m) => {
    const places = placesOf.get(m.id) ?? [];
    const here = places.some((p) => p.id === area.id);
    return {
      kind: "measure" as const,
      id: m.id,
      title: `${m.code} ${m.title}`,
      lang: "de",
      path: `konzept/massnahmen/${m.id}`,
      detail: null,
      detailKey: `concept.status.${m.status}`,
      areaName: here ? null : places.map((p) => p.name).join(", "),
    };
  });
}
