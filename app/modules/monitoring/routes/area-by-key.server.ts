import { data, redirect, type RouterContextProvider } from "react-router";
import { tenantTx, tFor } from "~/kernel/http/context";
import { areasWithKey } from "../services/areas";
import { areaPath } from "../shared";

/**
 * The areas an old key-only profile URL (`gebiet/:key`) can mean. One → a redirect to its
 * (level, key) URL (with `suffix`, e.g. "/export?format=csv"); none → 404; several → the list, for
 * the page that lets the reader choose the level.
 */
export async function areasForOldUrl(context: Readonly<RouterContextProvider>, slug: string, key: string, suffix = "") {
  const areas = await tenantTx(context, (tx) => areasWithKey(tx, key));
  if (!areas.length) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  if (areas.length === 1) throw redirect(`/t/${slug}/${areaPath(areas[0].level, areas[0].key)}${suffix}`);
  return areas.map((a) => ({ level: a.level, key: a.key, name: a.name }));
}
