import type { Router } from "express";
import { z } from "zod";
import type { Database } from "~/kernel/db/client";
import { endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { exportPage } from "./service";
import { CATCHMENTS, GERMAN_LEVELS, OFFER_LANGUAGES, TERM_CODE } from "./taxonomy";

const Query = z.object({
  q: z.string().trim().max(200, "Der Suchbegriff ist zu lang (höchstens 200 Zeichen)").optional(),
  // A code of the tenant's Handlungsfelder (GET /api/v1/t/{slug}/… lists them in the entries); an unknown one finds nothing.
  handlungsfeld: z
    .string()
    .regex(TERM_CODE, "handlungsfeld muss ein Code aus Kleinbuchstaben, Ziffern und _ sein (z. B. sprache_bildung)")
    .optional(),
  language: z
    .enum(OFFER_LANGUAGES, { message: `Unbekannte Sprache; erlaubt: ${OFFER_LANGUAGES.join(", ")}` })
    .optional(),
  german: z
    .enum(GERMAN_LEVELS, {
      message: "german muss none, little oder good sein (little = wenig oder keine Deutschkenntnisse)",
    })
    .optional(),
  area: z.string().trim().max(100).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, "limit muss mindestens 1 sein")
    .max(1000, "limit darf höchstens 1000 sein")
    .default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Place = z.object({
  label: z.string().nullable(),
  street: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  area: z.string().nullable(),
});
const Offer = z.object({
  id: z.string().uuid(),
  kind: z.enum(["offer", "contact_point", "volunteer", "network"]),
  title: z.string(),
  titleEn: z.string().nullable(),
  description: z.string(),
  provider: z.string().nullable(),
  handlungsfelder: z.array(z.string()),
  targetGroups: z.array(z.string()),
  languages: z.array(z.string()),
  contentLanguages: z.array(z.string()),
  germanLevel: z.enum(GERMAN_LEVELS),
  cost: z.enum(["free", "reduced", "paid"]),
  costNote: z.string().nullable(),
  catchment: z.enum(CATCHMENTS).describe("local: at its places; district: the whole Stadtbezirk; city: city-wide"),
  schedule: z.string().nullable(),
  accessibility: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  lastConfirmedAt: z.string(),
  isDemo: z.boolean(),
  areas: z.array(z.string()),
  places: z.array(Place),
});

/** Open data: the published entries of the Integrationsatlas. */
export function registerApi(router: Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/offers",
      tag: "Integrationsatlas",
      auth: "public",
      tenant: true,
      summary:
        "Veröffentlichte Angebote des Integrationsatlas (Volltextsuche mit deutscher Stammformbildung und Tippfehlertoleranz; german=little heißt wenig oder keine Deutschkenntnisse)",
      query: Query,
      response: z.object({ offers: z.array(Offer), total: z.number().int() }),
    },
    async ({ tx, query }) => {
      const f = {
        q: query.q || undefined,
        handlungsfeld: query.handlungsfeld,
        sprache: query.language,
        deutsch: query.german,
        stadtteil: query.area || undefined,
      };
      const { offers, total } = await exportPage(tx, f, query.limit, query.offset);
      return { offers: offers as z.infer<typeof Offer>[], total };
    },
    opts,
  );
}
