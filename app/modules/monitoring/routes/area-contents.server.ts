import type { RouterContextProvider } from "react-router";
import { appContext, requestContext, tenantTx } from "~/kernel/http/context";
import type { AreaItem, AreaRef } from "~/kernel/area-contents";
import { listAreas } from "../services/areas";

/**
 * The public measures and offers other modules place in the area or its sub-areas (a Stadtbezirk's
 * profile lists those of its Stadtteile), through the kernel's registry (kernel/area-contents.ts).
 */
export async function areaItems(
  context: Readonly<RouterContextProvider>,
  level: string,
  key: string,
): Promise<AreaItem[]> {
  const lookup = context.get(appContext).areaContents;
  if (!lookup) return [];
  const lang = context.get(requestContext).lang;
  return tenantTx(context, async (tx) => {
    const areas = await listAreas(tx);
    const area = areas.find((a) => a.level === level && a.key === key);
    if (!area) return [];
    const children = new Map<string, AreaRef[]>();
    for (const a of areas) {
      if (!a.parentId) continue;
      const list = children.get(a.parentId) ?? [];
      list.push(a);
      children.set(a.parentId, list);
    }
    const within: AreaRef[] = [];
    const walk = (a: AreaRef) => {
      within.push(a);
      for (const c of children.get(a.id) ?? []) walk(c);
    };
    walk(area);
    return lookup(tx, area, within, { lang });
  });
}
