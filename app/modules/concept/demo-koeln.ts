import { eq } from "drizzle-orm";
import { ServiceError, type Result } from "~/kernel/errors";
import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { createOrganisation, listOrganisations } from "~/kernel/organisations/service";
import { memberships, users } from "~/kernel/db/schema";
import { editions } from "./schema";
import { HANDLUNGSFELDER_AACHEN } from "./data/aachen-2017";
import { KOELN_EXAMPLE } from "./data/koeln-example";
import {
  changeEditionStatus,
  createEdition,
  recordHistoricAdoption,
  createGoal,
  createHandlungsfelder,
  listHandlungsfelder,
} from "./services/concept";
import {
  addMilestone,
  changeMeasureStatus,
  completeMilestone,
  createMeasure,
  postUpdate,
  type Poster,
} from "./services/measures";

/** A demo step that fails is a bug in the example data: stop loudly instead of leaving half a concept. */
function must<T>(r: Result<T>): T {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
}

async function demoAccount(db: Database, email: string) {
  const [u] = await withSystem(db, (tx) =>
    tx
      .select({ id: users.id, email: users.email, org: memberships.organisationId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, email)),
  );
  return u;
}

/**
 * The invented example concept of the Köln demo tenant (data/koeln-example.ts), written through the
 * services as staff would: a draft edition with its goals, deliberated and adopted, then measures
 * with their status history, milestones and published reports.
 */
export async function seedKoelnDemo(db: Database, log: (m: string) => void) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "koeln"));
  if (!tenant) return;
  const editor = await demoAccount(db, "editor.koeln@example.org");
  const partner = await demoAccount(db, "partner.koeln@example.org");
  const ex = KOELN_EXAMPLE;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    for (const o of ex.organisations)
      await createOrganisation(tx, { name: o.name, shortName: o.shortName ?? null, kind: o.kind });
    const orgId = new Map((await listOrganisations(tx)).map((o) => [o.name, o.id]));
    const org = (name: string) => {
      const id = orgId.get(name);
      if (!id) throw new Error(`Organisation fehlt im Kölner Demo-Register: ${name}`);
      return id;
    };
    await createHandlungsfelder(
      tx,
      HANDLUNGSFELDER_AACHEN.map((h) => ({ ...h })),
    );
    const hfId = new Map((await listHandlungsfelder(tx)).map((h) => [h.name, h.id]));
    const hf = (names: string[] = []) =>
      names.map((n) => {
        const id = hfId.get(n);
        if (!id) throw new Error(`Unbekanntes Handlungsfeld im Kölner Beispiel: ${n}`);
        return id;
      });

    const ed = must(
      await createEdition(tx, {
        title: ex.edition.title,
        haltungTitle: ex.edition.haltungTitle,
        haltung: ex.edition.haltung,
      }),
    );
    const goalId = new Map<string, string>();
    let goalCount = 0;
    for (const tf of ex.themenfelder) {
      const tfGoal = must(
        await createGoal(tx, ed.id, { kind: "themenfeld", number: tf.number, title: tf.title, handlungsfeldIds: [] }),
      );
      goalCount++;
      for (const lz of tf.leitziele) {
        const lzGoal = must(
          await createGoal(tx, ed.id, {
            kind: "leitziel",
            parentId: tfGoal.id,
            number: lz.number,
            title: lz.title,
            handlungsfeldIds: hf(lz.handlungsfelder),
          }),
        );
        goalId.set(`${tf.number}/${lz.number}`, lzGoal.id);
        goalCount++;
        for (const tz of lz.teilziele) {
          const tzGoal = must(
            await createGoal(tx, ed.id, {
              kind: "teilziel",
              parentId: lzGoal.id,
              number: tz.number,
              title: tz.title,
              handlungsfeldIds: hf(tz.handlungsfelder),
            }),
          );
          goalId.set(`${tf.number}/${tz.number}`, tzGoal.id);
          goalCount++;
        }
      }
    }
    must(await changeEditionStatus(tx, ed.id, "in_beratung"));
    // The invented council decision of 2010 is kept as history (day and body as text, no paper):
    // a paper of Köln's would show in the bodies module, whose demo has none for Köln (decision 0035).
    must(
      await recordHistoricAdoption(tx, ed.id, {
        adoptedOn: ex.edition.adoptedOn,
        adoptedBy: ex.edition.adoptedBy,
      }),
    );
    // No service sets the demo marker: staff never write it, only demo loaders do.
    await tx.update(editions).set({ exampleNote: ex.edition.exampleNote }).where(eq(editions.id, ed.id));

    const posters: Record<"editor" | "partner", Poster> = {
      editor: {
        userId: editor?.id ?? null,
        label: editor?.email ?? "editor.koeln@example.org",
        role: "editor",
        organisationId: null,
      },
      partner: {
        userId: partner?.id ?? null,
        label: partner?.email ?? "partner.koeln@example.org",
        role: "partner",
        organisationId: partner?.org ?? null,
      },
    };
    for (const m of ex.measures) {
      const [first, ...later] = m.steps;
      const created = must(
        await createMeasure(
          tx,
          ed.id,
          {
            code: m.code,
            title: m.title,
            description: m.description,
            targetGroups: m.targetGroups ?? null,
            quantitativeTarget: m.quantitativeTarget ?? null,
            budget: m.budget ?? null,
            startsOn: m.startsOn,
            endsOn: m.endsOn,
            progress: m.progress,
            goalIds: m.goals.map((ref) => {
              const id = goalId.get(ref);
              if (!id) throw new Error(`Maßnahme ${m.code}: unbekanntes Ziel ${ref}`);
              return id;
            }),
            handlungsfeldIds: hf(m.handlungsfelder),
            leadOrganisationId: org(m.lead),
            partnerOrganisationIds: (m.partners ?? []).map(org),
          },
          { status: first.status, reason: first.reason, changedOn: first.on, exampleNote: ex.measureNote },
        ),
      );
      // Milestones and reports before the status steps: a report's progress must not undo the 100 %
      // that "umgesetzt" sets.
      for (const ms of m.milestones) {
        const row = must(await addMilestone(tx, created.id, { title: ms.title, dueOn: ms.dueOn }));
        if (ms.doneOn) must(await completeMilestone(tx, row.id, ms.doneOn));
      }
      for (const u of m.updates ?? [])
        must(
          await postUpdate(
            tx,
            created.id,
            { reportedOn: u.reportedOn, body: u.body, progress: u.progress ?? null },
            posters[u.by],
            { isExample: true, status: "veroeffentlicht" },
          ),
        );
      for (const s of later) must(await changeMeasureStatus(tx, created.id, s.status, s.reason, s.on));
    }
    log(`Integrationskonzept Köln (Beispiel): ${goalCount} Ziele, ${ex.measures.length} Maßnahmen`);
  });
}
