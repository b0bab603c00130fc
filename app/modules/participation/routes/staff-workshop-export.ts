import "./strings";
import type { Route } from "./+types/staff-workshop-export";
import { audit } from "~/kernel/audit/service";
import { csvResponse, csvVariantFrom, toCsv } from "~/kernel/csv";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { getT } from "~/kernel/i18n";
import { workshopResult } from "../workshops";
import { staffWorkshop } from "../http.server";

/**
 * The workshop's result as CSV (German Excel by default, ?variante=offen for the open-data variant):
 * every card with its phase, cluster, moderation and its dots of the revealed rounds (paper dots
 * counted and shown apart). Dots of a round not yet revealed are not in it.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const de = getT("de");
  const { w, result } = await tenantTx(context, async (tx) => {
    const w = await staffWorkshop(context, tx, params.id, params.workshopId);
    const result = await workshopResult(tx, w);
    await audit(tx, {
      action: "export",
      entity: "participation_workshop",
      entityId: w.id,
      after: { rows: result.length },
    });
    return { w, result };
  });
  const k = (s: string) => de(`participation.workshop.export.${s}`);
  const yes = (b: boolean) => (b ? de("participation.workshop.export.yes") : "");
  return csvResponse(
    toCsv(
      {
        columns: [
          k("seq"),
          k("kind"),
          k("phase"),
          k("card"),
          k("cluster"),
          k("shortlisted"),
          k("hidden"),
          k("dots"),
          k("paperDots"),
        ],
        rows: result.map((r) => [
          r.seq,
          de(`participation.cardKinds.${r.kind}`),
          r.phase ?? "",
          r.body,
          r.cluster ?? "",
          yes(r.shortlisted),
          yes(r.hidden),
          r.dots,
          r.paperDots,
        ]),
      },
      csvVariantFrom(new URL(request.url)),
    ),
    `werkstatt-${tenant.slug}-${w.code}.csv`,
  );
}
