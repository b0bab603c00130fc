// The steering module's contribution to the kernel's evidence registry (decision 0032): a goal's
// indicators with target and attainment, a measure's indicators and Stadtteile. The concept's pages
// and API ask through the registry; the attainment rule is the monitoring's, on disclosed values only.
import type { Tx } from "~/kernel/db/client";
import type { Evidence, EvidenceSubject, Place } from "~/kernel/evidence";
import { areaProfilePath, attainments, indicatorCatalogue, listAreas } from "~/modules/monitoring";
import { measureLinksOf, targetsOf } from "./services/links";

const indicatorPath = (code: string) => `monitoring/indikator/${encodeURIComponent(code)}`;

async function lookups(tx: Tx, publicOnly: boolean) {
  const inds = new Map((await indicatorCatalogue(tx, { publicOnly })).map((i) => [i.id, i]));
  const areas = new Map((await listAreas(tx)).map((a) => [a.id, a]));
  return { inds, areas };
}

export async function evidence(
  tx: Tx,
  subject: EvidenceSubject,
  ids: string[],
  opts: { publicOnly: boolean },
): Promise<Evidence[]> {
  if (!ids.length) return [];
  const { inds, areas } = await lookups(tx, opts.publicOnly);
  if (subject === "concept.measure") {
    const links = await measureLinksOf(tx, ids);
    return links.indicators.flatMap((l) => {
      const i = inds.get(l.indicatorId);
      if (!i) return [];
      return [
        {
          subjectId: l.measureId,
          linkId: `${l.measureId}:${i.code}`,
          indicator: { code: i.code, name: i.name, unit: i.unit },
          area: null,
          group: "gesamt",
          target: null,
          attainment: null,
          publicPath: i.isPublic ? indicatorPath(i.code) : null,
        },
      ];
    });
  }
  const targets = (await targetsOf(tx, ids)).filter((t) => inds.has(t.indicatorId));
  const results = await attainments(
    tx,
    targets.map((t) => {
      const a = t.areaId ? areas.get(t.areaId) : undefined;
      return {
        indicator: inds.get(t.indicatorId)!.code,
        area: a ? { level: a.level, key: a.key } : undefined,
        group: t.groupCode,
        baseYear: t.baseYear,
        target: {
          kind: t.kind,
          value: t.targetValue,
          direction: t.direction,
          year: t.targetYear,
          compareGroup: t.compareGroup ?? undefined,
        },
      };
    }),
  );
  return targets.map((t, n) => {
    const i = inds.get(t.indicatorId)!;
    const a = t.areaId ? areas.get(t.areaId) : undefined;
    const r = results[n];
    return {
      subjectId: t.goalId,
      linkId: t.id,
      indicator: { code: i.code, name: i.name, unit: i.unit },
      area: a ? { level: a.level, key: a.key, name: a.name } : null,
      group: t.groupCode,
      target: {
        kind: t.kind,
        value: t.targetValue,
        direction: t.direction,
        year: t.targetYear,
        compareGroup: t.compareGroup,
      },
      attainment: r
        ? {
            status: r.status,
            period: r.latest?.period ?? null,
            value: r.latest?.value ?? null,
            suppressed: r.latest?.suppressed ?? false,
            baselinePeriod: r.baseline?.period ?? null,
            baselineValue: r.baseline?.value ?? null,
            targetValue: r.target,
            progress: r.progress,
            expected: r.expected,
          }
        : null,
      publicPath: i.isPublic ? indicatorPath(i.code) : null,
    };
  });
}

export async function places(
  tx: Tx,
  subject: EvidenceSubject,
  ids: string[],
  _opts: { publicOnly: boolean },
): Promise<Place[]> {
  if (subject !== "concept.measure" || !ids.length) return [];
  const areas = new Map((await listAreas(tx)).map((a) => [a.id, a]));
  return (await measureLinksOf(tx, ids)).areas.flatMap((l) => {
    const a = areas.get(l.areaId);
    return a
      ? [
          {
            subjectId: l.measureId,
            level: a.level,
            key: a.key,
            name: a.name,
            publicPath: areaProfilePath(a.level, a.key),
          },
        ]
      : [];
  });
}

export function editPath(subject: EvidenceSubject, id: string): string {
  return subject === "concept.goal" ? `steuerung/ziel/${id}` : `steuerung/massnahme/${id}`;
}
