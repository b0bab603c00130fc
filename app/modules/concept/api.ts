import type express from "express";
import { z } from "zod";
import type { Database, Tx } from "~/kernel/db/client";
import { ApiError, endpoint, type ApiOptions } from "~/kernel/api/endpoint";
import { ORIGIN_RELATIONS } from "~/kernel/provenance";
import {
  ATTAINMENT_STATUSES,
  rollUp,
  TARGET_DIRECTIONS,
  TARGET_KINDS,
  type AttainmentStatus,
  type Evidence,
} from "~/kernel/evidence";
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
// Which indicators measure a goal, with target and attainment (decision 0032: recorded by the steering
// module, asked through the kernel's evidence registry; the rule is the monitoring's, on published values).
const Area = z.object({ level: z.string(), key: z.string(), name: z.string() });
const GoalIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  area: Area.nullable().describe("Gebiet des Ziels; null = ganze Kommune"),
  group: z.string(),
  target: z
    .object({
      kind: z.enum(TARGET_KINDS),
      value: z.number().nullable(),
      direction: z.enum(TARGET_DIRECTIONS),
      year: z.number().int().nullable(),
      compareGroup: z.string().nullable(),
    })
    .nullable(),
  attainment: z
    .object({
      status: z.enum(ATTAINMENT_STATUSES),
      period: z.string().nullable(),
      value: z.number().nullable().describe("null: unterdrückt (suppressed) oder keine Daten"),
      suppressed: z.boolean(),
      baselinePeriod: z.string().nullable(),
      baselineValue: z.number().nullable(),
      targetValue: z.number().nullable(),
      progress: z.number().nullable().describe("Anteil des Wegs vom Ausgangswert zum Ziel"),
      expected: z.number().nullable().describe("Anteil der Zeit vom Ausgangsjahr zum Zieljahr"),
    })
    .nullable(),
});
const Attainment = z
  .enum(ATTAINMENT_STATUSES)
  .nullable()
  .describe("Stand des Ziels aus seinen Zielwerten und Unterzielen (ungünstigster bewertbarer); null ohne Zielwert");
type TeilzielT = {
  id: string;
  number: string;
  text: string;
  handlungsfelder: string[];
  indicators: z.infer<typeof GoalIndicator>[];
  attainment: AttainmentStatus | null;
  measures: z.infer<typeof Measure>[];
  teilziele: TeilzielT[];
};
const Teilziel: z.ZodType<TeilzielT> = z.object({
  id: z.string().uuid(),
  number: z.string(),
  text: z.string(),
  handlungsfelder: z.array(z.string()),
  indicators: z.array(GoalIndicator),
  attainment: Attainment,
  measures: z.array(Measure),
  get teilziele() {
    return z.array(Teilziel);
  },
});
const Leitziel = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  indicators: z.array(GoalIndicator),
  attainment: Attainment,
  measures: z.array(Measure).describe("Maßnahmen, die dem Leitziel direkt zugeordnet sind"),
  teilziele: z.array(Teilziel),
});
const Themenfeld = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  attainment: Attainment,
  leitziele: z.array(Leitziel),
});

const goalIndicator = (e: Evidence): z.infer<typeof GoalIndicator> => ({
  code: e.indicator.code,
  name: e.indicator.name,
  unit: e.indicator.unit,
  area: e.area,
  group: e.group,
  target: e.target,
  attainment: e.attainment,
});

/** Every goal id of a tree (Themenfelder left out: targets belong to Leit- and Teilziele). */
const goalIds = (nodes: TreeNode[], top = true): string[] =>
  nodes.flatMap((n) => [...(top ? [] : [n.id]), ...goalIds(n.children, false)]);
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
      const evidence = opts.evidence
        ? await opts.evidence.evidence(tx, "concept.goal", goalIds(roots), { publicOnly: !trusted })
        : [];
      const bySubject = new Map<string, Evidence[]>();
      for (const x of evidence) {
        const list = bySubject.get(x.subjectId);
        if (list) list.push(x);
        else bySubject.set(x.subjectId, [x]);
      }
      const of = (id: string) => bySubject.get(id) ?? [];
      const status = (id: string, below: { attainment: AttainmentStatus | null }[]) =>
        rollUp([
          ...of(id).map((x) => x.attainment?.status ?? "no_data"),
          ...below.flatMap((b) => (b.attainment ? [b.attainment] : [])),
        ]);
      const tz = (n: TreeNode): TeilzielT => {
        const teilziele = n.children.map(tz);
        return {
          id: n.id,
          number: n.number,
          text: n.title,
          handlungsfelder: n.handlungsfelder,
          indicators: of(n.id).map(goalIndicator),
          attainment: status(n.id, teilziele),
          measures: n.measures.map(toMeasure),
          teilziele,
        };
      };
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
        themenfelder: roots.map((t) => {
          const leitziele = t.children.map((l) => {
            const teilziele = l.children.map(tz);
            return {
              id: l.id,
              number: l.number,
              title: l.title,
              indicators: of(l.id).map(goalIndicator),
              attainment: status(l.id, teilziele),
              measures: l.measures.map(toMeasure),
              teilziele,
            };
          });
          return { id: t.id, number: t.number, title: t.title, attainment: status(t.id, leitziele), leitziele };
        }),
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
            indicators: z
              .array(z.object({ code: z.string(), name: z.string(), unit: z.string() }))
              .describe("Indikatoren, die die Maßnahme bewegen soll"),
            areas: z.array(Area).describe("Gebiete (Stadtteile), in denen die Maßnahme wirkt: Ebene und Schlüssel"),
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
      const ids = items.map((m) => m.id);
      const measureEvidence = opts.evidence
        ? await opts.evidence.evidence(tx, "concept.measure", ids, { publicOnly: !trusted })
        : [];
      const places = opts.evidence
        ? await opts.evidence.places(tx, "concept.measure", ids, { publicOnly: !trusted })
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
          indicators: measureEvidence
            .filter((x) => x.subjectId === m.id)
            .map((x) => ({ code: x.indicator.code, name: x.indicator.name, unit: x.indicator.unit })),
          areas: places.filter((p) => p.subjectId === m.id).map((p) => ({ level: p.level, key: p.key, name: p.name })),
        })),
      };
    },
    opts,
  );
}
