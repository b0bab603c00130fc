import type express from "express";
import { z } from "zod";
import type { Database, Tx } from "~/kernel/db/client";
import { ApiError, endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { ORIGIN_RELATIONS } from "~/kernel/provenance";
import { MEASURE_STATUSES } from "./constants";
import { getAdoptedEdition, getEdition, listHandlungsfelder, type Edition } from "./services/concept";
import { listMeasures, todayIso } from "./services/measures";
import { conceptTree, type TreeNode } from "./services/views";

const Measure = z.object({
  id: z.string().uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  progress: z.number().int(),
  handlungsfelder: z.array(z.string()),
  lead: z.string().nullable(),
  partners: z.array(z.string()),
  exampleNote: z.string().nullable().describe("Gesetzt, wenn Status/Fortschritt Beispieldaten sind"),
});
type TeilzielT = {
  id: string;
  number: string;
  text: string;
  handlungsfelder: string[];
  measures: z.infer<typeof Measure>[];
  teilziele: TeilzielT[];
};
const Teilziel: z.ZodType<TeilzielT> = z.object({
  id: z.string().uuid(),
  number: z.string(),
  text: z.string(),
  handlungsfelder: z.array(z.string()),
  measures: z.array(Measure),
  get teilziele() {
    return z.array(Teilziel);
  },
});
const Leitziel = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  measures: z.array(Measure).describe("Maßnahmen, die dem Leitziel direkt zugeordnet sind"),
  teilziele: z.array(Teilziel),
});
const Themenfeld = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  leitziele: z.array(Leitziel),
});
const ConceptResponse = z.object({
  edition: z.object({
    id: z.string().uuid(),
    title: z.string(),
    status: z.string(),
    adoptedOn: z.string().nullable(),
    adoptedBy: z.string().nullable(),
    exampleNote: z.string().nullable(),
  }),
  haltung: z.object({ title: z.string().nullable(), text: z.string().nullable() }),
  themenfelder: z.array(Themenfeld),
  counts: z.object({
    themenfelder: z.number().int(),
    leitziele: z.number().int(),
    teilziele: z.number().int(),
    measures: z.number().int(),
  }),
});

// Where a measure came from (decision 0028): the origins other modules record through the kernel's
// provenance registry, e.g. an adopted proposal of a participation process.
const Origin = z.object({
  relation: z.enum(ORIGIN_RELATIONS).describe("new: entstanden aus; amends: geändert durch; confirms; retires"),
  source: z.string().describe("Das Modul, das die Herkunft verzeichnet (participation)"),
  title: z.string().describe("Der Beteiligungsprozess"),
  part: z.string().nullable().describe("Die Phase"),
  number: z.number().int().nullable().describe("Die Nummer der Karte"),
  on: z.string().describe("Datum der Verknüpfung"),
});

const MeasureFilterQuery = z.object({
  edition: z.string().uuid("Ungültige Fassung").optional(),
  status: z.enum(MEASURE_STATUSES, { message: "Unbekannter Status" }).optional(),
  themenfeld: z.string().uuid("Ungültiges Themenfeld").optional(),
  handlungsfeld: z.string().uuid("Ungültiges Handlungsfeld").optional(),
  lead: z.string().uuid("Ungültige Organisation").optional(),
  overdue: z.enum(["true", "false"]).optional(),
  q: z.string().max(200).optional(),
});

/** The public gets adopted (or superseded) editions; drafts only with a token of the tenant itself. */
async function pickEdition(tx: Tx, id: string | undefined, trusted: boolean): Promise<Edition> {
  const e = id ? await getEdition(tx, id) : await getAdoptedEdition(tx);
  if (!e || (!trusted && !["beschlossen", "abgeloest"].includes(e.status))) {
    throw new ApiError(
      404,
      "Nicht gefunden",
      id
        ? "Diese Fassung des Integrationskonzepts gibt es nicht oder sie ist nicht veröffentlicht."
        : "Es gibt noch kein beschlossenes Integrationskonzept.",
    );
  }
  return e;
}

const toMeasure = (m: {
  id: string;
  code: string;
  title: string;
  description: string | null;
  status: string;
  progress: number;
  handlungsfelder: string[];
  lead: string | null;
  partners: string[];
  exampleNote: string | null;
}) => ({
  id: m.id,
  code: m.code,
  title: m.title,
  description: m.description,
  status: m.status as (typeof MEASURE_STATUSES)[number],
  progress: m.progress,
  handlungsfelder: m.handlungsfelder,
  lead: m.lead,
  partners: m.partners,
  exampleNote: m.exampleNote,
});

export function registerApi(router: express.Router, db: Database, opts: ApiOptions) {
  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/concept",
      summary:
        "Integrationskonzept: Themenfelder, Leit- und Teilziele mit Maßnahmen (beschlossene Fassung oder ?edition=)",
      tag: "Integrationskonzept",
      auth: "public",
      tenant: true,
      query: z.object({ edition: z.string().uuid("Ungültige Fassung").optional() }),
      response: ConceptResponse,
    },
    async ({ tx, query, trusted }) => {
      const e = await pickEdition(tx, query.edition, trusted);
      const { roots, counts } = await conceptTree(tx, e.id);
      const tz = (n: TreeNode): TeilzielT => ({
        id: n.id,
        number: n.number,
        text: n.title,
        handlungsfelder: n.handlungsfelder,
        measures: n.measures.map(toMeasure),
        teilziele: n.children.map(tz),
      });
      return {
        edition: {
          id: e.id,
          title: e.title,
          status: e.status,
          adoptedOn: e.adoptedOn,
          adoptedBy: e.adoptedBy,
          exampleNote: e.exampleNote,
        },
        haltung: { title: e.haltungTitle, text: e.haltung },
        themenfelder: roots.map((t) => ({
          id: t.id,
          number: t.number,
          title: t.title,
          leitziele: t.children.map((l) => ({
            id: l.id,
            number: l.number,
            title: l.title,
            measures: l.measures.map(toMeasure),
            teilziele: l.children.map(tz),
          })),
        })),
        counts,
      };
    },
    opts,
  );

  endpoint(
    router,
    db,
    {
      method: "get",
      path: "/t/:slug/measures",
      summary:
        "Maßnahmen mit Filtern (Status, Themenfeld, Handlungsfeld, Federführung, überfällige Meilensteine, Volltext)",
      tag: "Integrationskonzept",
      auth: "public",
      tenant: true,
      query: MeasureFilterQuery,
      response: z.object({
        edition: z.string().uuid(),
        count: z.number().int(),
        measures: z.array(
          Measure.extend({
            goals: z.array(z.string()).describe("Themenfeld/Nummer"),
            startsOn: z.string().nullable(),
            endsOn: z.string().nullable(),
            overdueMilestones: z.number().int(),
            provenance: z
              .array(Origin)
              .describe("Herkunft: aus welchen Vorschlägen die Maßnahme entstand oder geändert wurde"),
          }),
        ),
      }),
    },
    async ({ tx, query, trusted }) => {
      const e = await pickEdition(tx, query.edition, trusted);
      const hfs = new Map((await listHandlungsfelder(tx)).map((h) => [h.id, h.name]));
      const items = await listMeasures(tx, {
        editionId: e.id,
        status: query.status,
        themenfeldId: query.themenfeld,
        handlungsfeldId: query.handlungsfeld,
        organisationId: query.lead,
        leadOnly: true,
        overdue: query.overdue === "true",
        q: query.q,
        today: todayIso(),
      });
      // Without a token of this tenant only origins from public processes.
      const origins = opts.provenance
        ? await opts.provenance(
            tx,
            "concept.measure",
            items.map((m) => m.id),
            { publicOnly: !trusted },
          )
        : [];
      return {
        edition: e.id,
        count: items.length,
        measures: items.map((m) => ({
          ...toMeasure({
            ...m,
            handlungsfelder: m.handlungsfeldIds.map((h) => hfs.get(h)!),
            lead: m.lead?.name ?? null,
            partners: m.partners.map((p) => p.name),
          }),
          goals: m.goalRefs,
          startsOn: m.startsOn,
          endsOn: m.endsOn,
          overdueMilestones: m.overdueMilestones,
          provenance: origins
            .filter((o) => o.subjectId === m.id)
            .map((o) => ({
              relation: o.relation,
              source: o.module,
              title: o.title,
              part: o.part,
              number: o.number,
              on: o.on,
            })),
        })),
      };
    },
    opts,
  );
}
