import type express from "express";
import { z } from "zod";
import type { Database } from "~/kernel/db/client";
import { ApiError, endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { ORIGIN_RELATIONS } from "~/kernel/provenance";
import { OUTCOMES } from "./schema";
import { publicProcess } from "./service";
import { processMeasures } from "./provenance";

// Proposal → measure (decision 0028), the other direction of the concept's `provenance` field: a
// process's proposals with their outcome and the measures they became. Public processes only, and
// without a token of this tenant only measures the concept shows publicly. Cards stay anonymous.
export function registerApi(router: express.Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/participation/:id/proposals",
      summary: "Vorschläge eines Beteiligungsprozesses mit ihrem Ergebnis und den Maßnahmen, die daraus wurden",
      tag: "Beteiligung",
      auth: "public",
      tenant: true,
      response: z.object({
        process: z.object({ id: z.string().uuid(), title: z.string(), status: z.string() }),
        proposals: z.array(
          z.object({
            number: z.number().int().describe("Nummer der Karte"),
            kind: z.enum(["proposal", "recommendation"]),
            phase: z.string().nullable(),
            text: z.string(),
            outcome: z.enum(OUTCOMES),
            reason: z.string().nullable(),
            measures: z.array(
              z.object({
                id: z.string().uuid(),
                code: z.string(),
                title: z.string(),
                relation: z.enum(ORIGIN_RELATIONS).describe("new, amends, confirms, retires"),
                on: z.string(),
              }),
            ),
          }),
        ),
      }),
    },
    async ({ tx, params, trusted }) => {
      const v = await publicProcess(tx, params.id);
      if (!v)
        throw new ApiError(
          404,
          "Nicht gefunden",
          "Diesen Beteiligungsprozess gibt es nicht oder er ist nicht veröffentlicht.",
        );
      const measures = (await processMeasures(tx, v.process.id)).filter((m) => trusted || m.public);
      return {
        process: { id: v.process.id, title: v.process.title, status: v.process.status },
        proposals: v.cards
          .filter((c) => c.outcome !== null)
          .map((c) => ({
            number: c.seq,
            kind: c.kind as "proposal" | "recommendation",
            phase: c.phase,
            text: c.body,
            outcome: c.outcome!,
            reason: c.outcomeReason,
            measures: measures
              .filter((m) => m.cardId === c.id)
              .map((m) => ({ id: m.measureId, code: m.code, title: m.title, relation: m.relation, on: m.on })),
          })),
      };
    },
    opts,
  );
}
