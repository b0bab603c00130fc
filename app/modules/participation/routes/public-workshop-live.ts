import { data } from "react-router";
import type { Route } from "./+types/public-workshop-live";
import { tenantTx, tFor } from "~/kernel/http/context";
import { workshopByCode } from "../workshops";
import { boardStream } from "../http.server";

/** The participants' event stream of one open workshop; the page reloads through its loader on an event. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const w = await tenantTx(context, (tx) => workshopByCode(tx, params.code));
  if (!w || w.status !== "open")
    throw data({ message: tFor(context)("participation.workshopErrors.codeUnknown") }, { status: 404 });
  return boardStream(context, request, w.id);
}
