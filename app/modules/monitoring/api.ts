import type { Router } from "express";
import { z } from "zod";
import type { Database } from "~/kernel/db/client";
import { ApiError, endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { AREA_LEVELS, DIMENSIONS } from "./shared";
import { getIndicator, listIndicators } from "./services/indicators";
import { indicatorValues, sourcesOf } from "./services/values";
import { areasGeoJson, listAreas } from "./services/areas";
import { definitionKeys, fingerprint } from "./services/definitions";
import { VALUE_STATES, type ValueState } from "~/kernel/disclosure";

const Indicator = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  definition: z.string().nullable().describe("Erklärte Definition der eigenen Reihe (was, Stichtag, Regel)"),
  definitionKey: z
    .string()
    .nullable()
    .describe(
      "Gleich bei Indikatoren verschiedener Kommunen mit derselben erklärten Definition (und Ableitung), unabhängig vom Code; null, wenn nicht vergleichbar",
    ),
  field: z.string(),
  dimension: z.enum(DIMENSIONS),
  unit: z.string(),
  source: z.string().nullable(),
  periodicity: z.string(),
  coreSet: z.boolean(),
  derived: z.boolean(),
  target: z
    .object({
      value: z.number().nullable(),
      direction: z.string().nullable(),
      year: z.number().nullable(),
      parity: z.boolean(),
    })
    .nullable(),
});

const Observation = z.object({
  area: z.string().describe("Gebietsschlüssel – eindeutig nur zusammen mit level"),
  level: z.enum(AREA_LEVELS).describe("Gebietsebene: ein Gebiet ist (Ebene, Schlüssel)"),
  period: z.string(),
  group: z.string(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
  // Every state of the kernel's list except "no_data": a value that is missing has no row here.
  state: z
    .enum(VALUE_STATES)
    .exclude(["no_data"])
    .describe(
      "value; estimate (Schätzwert); limited (Aussagewert eingeschränkt, Zeichen „()“ der Quelle); suppressed (value null: Geheimhaltung durch Teilhabe); " +
        "secret (value null: „.“ geheim laut Quelle); not_applicable (value null: „x“ Tabellenfach gesperrt); not_yet_available (value null: „…“ noch nicht verfügbar); " +
        "unreliable (value null: „/“ nicht sicher genug); not_collected (value null: nicht erhoben). Ohne Zeile: keine Daten",
    ),
  range: z
    .object({ low: z.number(), high: z.number() })
    .nullable()
    .describe(
      "Bereich statt oder um den Wert, z. B. 25–30 %; null, wenn keiner geliefert oder der Wert unterdrückt ist",
    ),
  footnote: z.string().nullable(),
  symbol: z
    .enum([".", "x", "…", "/", "()"])
    .nullable()
    .describe("Zeichen der Quelle (Destatis/GENESIS) zum Wert, null ohne Zeichen oder wenn der Wert unterdrückt ist"),
});
const Period = z
  .string()
  .regex(/^\d{4}(-H[12]|-Q[1-4]|-\d{2}-\d{2})?$/, "Zeitraum wie 2012, 2012-H1, 2012-Q3 oder 2012-12-31");

export function registerApi(router: Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/indicators",
      summary: "Indikatorenkatalog des Integrationsmonitorings",
      tag: "Monitoring",
      auth: "public",
      tenant: true,
      response: z.object({ indicators: z.array(Indicator) }),
    },
    async ({ tx, trusted }) => {
      const all = await listIndicators(tx);
      const keys = definitionKeys(all);
      return {
        indicators: all
          .filter((i) => trusted || i.isPublic)
          .map((i) => ({
            code: i.code,
            name: i.name,
            description: i.description,
            definition: i.definition,
            definitionKey: fingerprint(keys.get(i.code)),
            field: i.field,
            dimension: i.dimension as (typeof DIMENSIONS)[number],
            unit: i.unit,
            source: i.source,
            periodicity: i.periodicity,
            coreSet: i.coreSet,
            derived: !!i.derivation,
            target:
              i.targetValue != null || i.targetParity
                ? { value: i.targetValue, direction: i.targetDirection, year: i.targetYear, parity: i.targetParity }
                : null,
          })),
      };
    },
    opts,
  );

  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/observations",
      summary:
        "Werte eines Indikators nach Gebiet, Zeitraum und Gruppe (Anteile in Prozent 0–100; kleine Fallzahlen und was sie über Summen verraten würde unterdrückt: value null, suppressed true, state suppressed)",
      tag: "Monitoring",
      auth: "public",
      tenant: true,
      query: z.object({
        indicator: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, "Ungültiger Indikator-Code"),
        area: z
          .string()
          .max(2000)
          .optional()
          .describe(
            "Gebietsschlüssel, mehrere durch Komma getrennt. Gibt es einen Schlüssel auf mehreren Ebenen, ist level nötig (sonst 400)",
          ),
        level: z
          .enum(AREA_LEVELS)
          .optional()
          .describe("Gebietsebene; mit area: die Ebene der genannten Schlüssel, ohne area: alle Gebiete dieser Ebene"),
        group: z.string().max(60).optional(),
        from: Period.optional(),
        to: Period.optional(),
      }),
      response: z.object({
        indicator: z.string(),
        unit: z.string(),
        source: z.array(z.string()),
        observations: z.array(Observation),
      }),
    },
    async ({ tx, query, trusted }) => {
      const ind = await getIndicator(tx, query.indicator);
      if (!ind || (!ind.isPublic && !trusted))
        throw new ApiError(404, "Nicht gefunden", `Den Indikator „${query.indicator}“ gibt es hier nicht.`);
      const keys = query.area
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (keys?.length && !query.level) {
        // A key that names areas of several levels is never guessed (a Stadtbezirk is not its Stadtteil).
        const levels = new Map<string, Set<string>>();
        for (const a of await listAreas(tx))
          if (keys.includes(a.key)) levels.set(a.key, (levels.get(a.key) ?? new Set()).add(a.level));
        const ambiguous = [...levels].filter(([, l]) => l.size > 1);
        if (ambiguous.length)
          throw new ApiError(
            400,
            "Mehrdeutiges Gebiet",
            `Den Gebietsschlüssel ${ambiguous
              .map(([k, l]) => `„${k}“ gibt es auf den Ebenen ${[...l].join(", ")}`)
              .join("; ")}. Bitte mit level die Ebene angeben, z. B. level=${[...ambiguous[0][1]][0]}.`,
          );
      }
      const cells = await indicatorValues(
        tx,
        ind,
        {
          areaKeys: keys,
          level: query.level,
          group: query.group,
          from: query.from,
          to: query.to,
        },
        { reveal: trusted },
      );
      return {
        indicator: ind.code,
        unit: ind.unit,
        source: sourcesOf(cells, ind),
        observations: cells.map((c) => ({
          area: c.areaKey,
          level: c.areaLevel as (typeof AREA_LEVELS)[number],
          period: c.period,
          group: c.group,
          value: c.value,
          suppressed: c.suppressed,
          state: c.state as Exclude<ValueState, "no_data">,
          range: c.rangeLow != null && c.rangeHigh != null ? { low: c.rangeLow, high: c.rangeHigh } : null,
          footnote: c.footnote,
          symbol: c.symbol as "." | "x" | "…" | "/" | "()" | null,
        })),
      };
    },
    opts,
  );

  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/areas.geojson",
      summary:
        "Gebiete einer Ebene als GeoJSON (WGS84) mit key, name und level; ein Gebiet ohne Geometrie (aus einer Liste angelegt) mit geometry null",
      tag: "Monitoring",
      auth: "public",
      tenant: true,
      query: z.object({
        level: z.enum(AREA_LEVELS, { message: `Ebene: ${AREA_LEVELS.join(", ")}` }).default("stadtteil"),
      }),
      responseType: "application/geo+json",
      response: z.object({
        type: z.literal("FeatureCollection"),
        features: z.array(
          z.object({
            type: z.literal("Feature"),
            id: z.string(),
            properties: z.object({ key: z.string(), name: z.string(), level: z.string() }),
            geometry: z.unknown().describe("GeoJSON-Geometrie oder null, solange das Gebiet keine hat"),
          }),
        ),
      }),
    },
    async ({ tx, query }) => areasGeoJson(tx, query.level),
    opts,
  );
}
