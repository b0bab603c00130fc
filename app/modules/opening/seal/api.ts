import type { Router } from "express";
import { z } from "zod";
import type { Database } from "~/kernel/db/client";
import { endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { todayBerlin } from "~/kernel/dates";
import { sealHolders } from "./service";

const Holder = z.object({
  name: z.string(),
  firstAwardedOn: z.string().describe("Erste Verleihung (JJJJ-MM-TT)"),
  awardedOn: z.string().describe("Letzte Verleihung oder Re-Zertifizierung"),
  validUntil: z.string().describe("Gültig bis einschließlich (zwei Jahre ab der letzten Verleihung)"),
  isDemo: z.boolean().describe("Beispieldaten der Demo"),
});

/** Open data: the current holders of the seal "Interkulturell orientiert". */
export function registerSealApi(router: Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/seal-holders",
      tag: "Interkulturelle Öffnung",
      auth: "public",
      tenant: true,
      summary:
        "Aktuelle Träger des Siegels „Interkulturell orientiert“: je Organisation die letzte Verleihung, die heute gilt (zwei Jahre gültig)",
      response: z.object({ date: z.string(), holders: z.array(Holder) }),
    },
    async ({ tx }) => {
      const date = todayBerlin();
      return { date, holders: await sealHolders(tx, date) };
    },
    opts,
  );
}
