import type { Router } from "express";
import { z } from "zod";
import type { Database } from "~/kernel/db/client";
import { ApiError, endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { todayBerlin } from "~/kernel/dates";
import { PARTNER_TYPES } from "./schema";
import { listPartners } from "./service";

const Partner = z.object({
  ordinal: z.number().int(),
  name: z.string(),
  type: z.enum(PARTNER_TYPES),
  joinedOn: z.string().describe("Datum des Beitritts (ISO 8601)"),
  reportIn: z
    .boolean()
    .describe("Ob der Bericht des laufenden Berichtszeitraums des Partners vorliegt (eingereicht oder geprüft)"),
  isDemo: z.boolean(),
});

/** Open data: the Land's partners for intercultural opening in ordinal order. */
export function registerPartnersApi(router: Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/partners",
      tag: "Interkulturelle Öffnung",
      auth: "public",
      tenant: true,
      summary:
        "Partner der Landesinitiative Interkulturelle Öffnung in der Reihenfolge ihres Beitritts (nur Länder), mit Art, Beitrittsdatum und ob der Bericht des laufenden Zeitraums vorliegt",
      response: z.object({ partners: z.array(Partner), total: z.number().int() }),
    },
    async ({ tx, tenant }) => {
      if (tenant?.kind !== "land")
        throw new ApiError(404, "Nicht gefunden", "Das Partnernetzwerk gibt es nur bei einem Land.");
      const list = await listPartners(tx, todayBerlin());
      const partners = list.map((p) => ({
        ordinal: p.ordinal,
        name: p.name,
        type: p.type,
        joinedOn: p.joinedOn,
        reportIn: p.reportIn,
        isDemo: p.isDemo,
      }));
      return { partners, total: partners.length };
    },
    opts,
  );
}
