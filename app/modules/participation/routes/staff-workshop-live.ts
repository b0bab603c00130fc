import type { Route } from "./+types/staff-workshop-live";
import { requireRole, tenantTx } from "~/kernel/http/context";
import { boardStream, staffWorkshop } from "../http.server";

/** The facilitator's and projector's event stream of this workshop. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const w = await tenantTx(context, (tx) => staffWorkshop(context, tx, params.id, params.workshopId));
  return boardStream(context, request, w.id);
}
