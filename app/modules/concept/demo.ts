import { eq } from "drizzle-orm";
import { ServiceError } from "~/kernel/errors";
import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { createOrganisation, listOrganisations } from "~/kernel/organisations/service";
import { users, memberships } from "~/kernel/db/schema";
import { goalHandlungsfelder, goals, editions } from "./schema";
import { sql } from "drizzle-orm";
import {
  CATALOGUE,
  CARITAS,
  EXTRA_ORGANISATIONS,
  HALTUNG,
  HALTUNG_TITLE,
  HANDLUNGSFELDER_AACHEN,
  HF_LABELS,
  SUBMISSION,
} from "./data/aachen-2017";
import { createHandlungsfelder, createPriority, listHandlungsfelder, setThreeYearRule } from "./services/concept";
import { addMilestone, changeMeasureStatus, createMeasure, postUpdate } from "./services/measures";
import { createPaper } from "~/modules/bodies";
import type { OrganisationKind } from "~/kernel/roles";
import { seedKoelnDemo } from "./demo-koeln";

export const EXAMPLE_NOTE =
  "Status, Fortschritt, Meilensteine und Berichte dieser Maßnahme sind für die Demonstration erfunden; Ziel- und Maßnahmentext stammen aus dem Konzept.";

/** Resolves one Handlungsfeld cell of the catalogue; "dto." takes the row above. */
export function resolveHandlungsfelder(cell: string, previous: string[]): string[] {
  if (cell.trim() === "dto.") return previous;
  return cell
    .split(",")
    .map((s) => s.trim().replace(/\s*\/\s*/g, " / "))
    .filter(Boolean)
    .map((label) => {
      const name = HF_LABELS[label];
      if (!name) throw new Error(`Unbekanntes Handlungsfeld im Katalog: ${label}`);
      return name;
    });
}

/** Walks the catalogue in print order, resolving "dto." as a reader would. */
export function catalogueRows() {
  let prev: string[] = [];
  const out: {
    tf: string;
    lz: string;
    tz: string | null;
    hf: string[];
    measures: (typeof CATALOGUE)[number]["leitziele"][number]["measures"];
  }[] = [];
  for (const tf of CATALOGUE)
    for (const lz of tf.leitziele) {
      if (lz.hf) {
        prev = resolveHandlungsfelder(lz.hf, prev);
        out.push({ tf: tf.number, lz: lz.number, tz: null, hf: prev, measures: lz.measures });
      }
      for (const tz of lz.teilziele) {
        prev = resolveHandlungsfelder(tz.hf, prev);
        out.push({ tf: tf.number, lz: lz.number, tz: tz.number, hf: prev, measures: tz.measures });
      }
    }
  return out;
}

const STATUS_PLAN: ("beschlossen" | "in_umsetzung" | "umgesetzt" | "verstetigt" | "zurueckgestellt")[] = [
  "in_umsetzung",
  "verstetigt",
  "in_umsetzung",
  "umgesetzt",
  "beschlossen",
  "in_umsetzung",
  "zurueckgestellt",
];

export async function seedDemo(db: Database, log: (m: string) => void) {
  await seedAachenDemo(db, log);
  await seedKoelnDemo(db, log);
}

async function seedAachenDemo(db: Database, log: (m: string) => void) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  const [partner] = await withSystem(db, (tx) =>
    tx
      .select({ id: users.id, email: users.email, org: memberships.organisationId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, "partner.aachen@example.org")),
  );
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const known = new Set((await listOrganisations(tx)).map((o) => o.name));
    for (const o of EXTRA_ORGANISATIONS)
      if (!known.has(o.name))
        await createOrganisation(tx, {
          name: o.name,
          kind: o.kind as OrganisationKind,
          description: "description" in o ? o.description : null,
        });
    const orgId = new Map((await listOrganisations(tx)).map((o) => [o.name, o.id]));
    await createHandlungsfelder(
      tx,
      HANDLUNGSFELDER_AACHEN.map((h) => ({ ...h })),
    );
    const hfId = new Map((await listHandlungsfelder(tx)).map((h) => [h.name, h.id]));
    const tenantSql = sql`app_tenant_id()` as unknown as string;

    const [ed] = await tx
      .insert(editions)
      .values({
        tenantId: tenantSql,
        title: "Aachen, das sind wir alle – Integrationskonzept der Stadt Aachen",
        status: "beschlossen",
        adoptedOn: "2018-06-27",
        adoptedBy: "Rat der Stadt Aachen",
        haltungTitle: HALTUNG_TITLE,
        haltung: HALTUNG,
        exampleNote:
          "Inhalt: Entwurf vom 2.03.2017 (Anlage 1 zur Vorlage FB 56/0043/WP17). Laut Vorlage von 2021 verabschiedete der Rat das Konzept 2018; das genaue Beschlussdatum hier ist ein Beispiel.",
      })
      .returning();
    let pos = 0;
    const insertGoal = async (
      parentId: string | null,
      kind: "themenfeld" | "leitziel" | "teilziel",
      number: string,
      title: string,
      hf: string[] = [],
    ) => {
      const [g] = await tx
        .insert(goals)
        .values({ tenantId: tenantSql, editionId: ed.id, parentId, kind, number, title, position: pos++ })
        .returning({ id: goals.id });
      if (hf.length)
        await tx
          .insert(goalHandlungsfelder)
          .values(hf.map((h) => ({ tenantId: tenantSql, goalId: g.id, handlungsfeldId: hfId.get(h)! })));
      return g.id;
    };
    const rowsByKey = new Map(catalogueRows().map((r) => [`${r.tf}|${r.lz}|${r.tz ?? ""}`, r.hf]));
    let n = 0;
    const measureIds: string[] = [];
    for (const tf of CATALOGUE) {
      const tfId = await insertGoal(null, "themenfeld", tf.number, tf.title);
      for (const lz of tf.leitziele) {
        const lzId = await insertGoal(tfId, "leitziel", lz.number, lz.title);
        const targets: { goalId: string; hf: string[]; list: NonNullable<typeof lz.measures>; ref: string }[] = [];
        if (lz.measures)
          targets.push({
            goalId: lzId,
            hf: rowsByKey.get(`${tf.number}|${lz.number}|`)!,
            list: lz.measures,
            ref: `${tf.number}.${lz.number}`,
          });
        for (const tz of lz.teilziele) {
          const hf = rowsByKey.get(`${tf.number}|${lz.number}|${tz.number}`)!;
          const tzId = await insertGoal(lzId, "teilziel", tz.number, tz.text, hf);
          if (tz.measures) targets.push({ goalId: tzId, hf, list: tz.measures, ref: `${tf.number}.${tz.number}` });
        }
        for (const t of targets)
          for (const [i, m] of t.list.entries()) {
            const status = STATUS_PLAN[n % STATUS_PLAN.length];
            const year = 2018 + (n % 3);
            const r = await createMeasure(
              tx,
              ed.id,
              {
                code: `M ${t.ref}${t.list.length > 1 ? `-${i + 1}` : ""}`,
                title: m.title,
                description: m.text,
                goalIds: [t.goalId],
                handlungsfeldIds: t.hf.map((h) => hfId.get(h)!),
                leadOrganisationId: m.lead ? (orgId.get(m.lead) ?? null) : null,
                partnerOrganisationIds: (m.partners ?? []).map((p) => orgId.get(p)).filter(Boolean) as string[],
                startsOn: `${year}-0${1 + (n % 9)}-01`,
                endsOn: `${year + 3}-12-31`,
                progress: 0,
                quantitativeTarget: /20 – 25 Teilnehmende/.test(m.text)
                  ? "Bis 2017 werden 20 – 25 Teilnehmende informiert, qualifiziert und aktiviert."
                  : null,
              },
              {
                status: "beschlossen",
                reason: "Mit dem Integrationskonzept beschlossen (Beispieldatum)",
                exampleNote: EXAMPLE_NOTE,
                changedOn: "2018-06-27",
              },
            );
            if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
            const id = r.value.id;
            measureIds.push(id);
            if (status !== "beschlossen") {
              const path =
                status === "zurueckgestellt"
                  ? ["zurueckgestellt"]
                  : status === "in_umsetzung"
                    ? ["in_umsetzung"]
                    : status === "umgesetzt"
                      ? ["in_umsetzung", "umgesetzt"]
                      : ["in_umsetzung", "umgesetzt", "verstetigt"];
              for (const [k, s] of path.entries())
                await changeMeasureStatus(tx, id, s, "Beispieldaten für die Demonstration", `${year + k}-09-15`);
            }
            await addMilestone(tx, id, {
              title: "Konzept mit den Beteiligten abgestimmt (Beispiel)",
              dueOn: `${year}-11-30`,
            });
            n++;
          }
      }
    }
    // The partner account's organisation (Caritas) is partner of these measures: it can report on them.
    const caritasId = orgId.get(CARITAS);
    const withCaritas = (await tx.execute(
      sql`SELECT measure_id FROM concept_measure_organisations WHERE organisation_id = ${caritasId}`,
    )) as unknown as { rows: { measure_id: string }[] };
    for (const { measure_id } of withCaritas.rows.slice(0, 1)) {
      await postUpdate(
        tx,
        measure_id,
        {
          reportedOn: "2025-10-01",
          body: "Beispielbericht: Das Freiwilligenzentrum hat die Postkartenaktion in 40 Gaststätten verteilt; die Zahl der Anfragen über das Ehrenamtsportal ist gestiegen.",
          progress: null,
        },
        {
          userId: partner?.id ?? null,
          label: partner?.email ?? "partner.aachen@example.org",
          role: "partner",
          organisationId: caritasId ?? null,
        },
        { isExample: true, status: "veroeffentlicht" },
      );
      await postUpdate(
        tx,
        measure_id,
        {
          reportedOn: "2026-03-01",
          body: "Beispielbericht (noch nicht geprüft): Social-Media-Kampagne mit drei Migrantenorganisationen vorbereitet.",
          progress: null,
        },
        {
          userId: partner?.id ?? null,
          label: partner?.email ?? "partner.aachen@example.org",
          role: "partner",
          organisationId: caritasId ?? null,
        },
        { isExample: true },
      );
    }
    // The Vorlage is a paper of the bodies module (decision 0024); its bodies are named as the
    // Vorlage names them, and the bodies demo links them to its register.
    const { steps, status, ...paper } = SUBMISSION;
    const sub = await createPaper(tx, {
      ...paper,
      isPublic: status === "öffentlich",
      editionId: ed.id,
      consultations: steps.map((s) => ({
        bodyName: s.body,
        bodyShort: s.bodyShort,
        meetsOn: s.meetsOn,
        competence: s.competence,
      })),
    });
    if (!sub.ok) throw new ServiceError(sub.error.code, sub.error.params);
    const rule = await setThreeYearRule(tx, true);
    if (!rule.ok) throw new Error(rule.error.code);
    await createPriority(tx, {
      periodFrom: 2025,
      periodTo: 2026,
      title: "Interkulturelle Öffnung der Stadtverwaltung",
      description: null,
      exampleNote: "Beispieldaten",
    });
    await createPriority(tx, {
      periodFrom: 2025,
      periodTo: 2026,
      title: "Bildungserstberatung für Neuzugewanderte",
      description: null,
      exampleNote: "Beispieldaten",
    });
    log(`Integrationskonzept Aachen: ${pos} Ziele, ${measureIds.length} Maßnahmen, Vorlage ${SUBMISSION.number}`);
  });
}
