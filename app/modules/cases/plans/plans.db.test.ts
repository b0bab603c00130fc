import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { getT } from "~/kernel/i18n";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { intakeClient, writeCategory } from "../core/clients";
import { approveLegalBasis, recordConsent, requestLegalBasis, revokeConsent, revokeLegalBasis } from "../core/bases";
import { addInstitution, addSite, addStaff, createNetwork } from "../core/network";
import { addStep, listPlan, timeToFirstOffer, updateStep } from "./steps";
import {
  acceptReferral,
  completeReferral,
  listReferrals,
  listReferralsForMe,
  referClient,
  rejectReferral,
  withdrawReferral,
} from "./referrals";
import { addContact, holdConference, listConferences, listContacts } from "./conferences";
import { refusalText } from "./messages";
import "./strings";

// Plans, referrals, conferences and contacts across institutions of one network (issue 16 item 4).
// The services are driven as the staff members; the database (migration 0840) decides what they see.

const TODAY = "2026-06-01";
const STAFF = ["owner", "coordinator", "lead", "soz", "jug", "abh"] as const;
type Who = (typeof STAFF)[number];

let db: Database;
let cleanup: () => Promise<void>;
let networkId: string;
const userOf = {} as Record<Who, string>;
const staffOf = {} as Record<Who, string>;
const inst = {} as Record<"jobcenter" | "sozialamt" | "jugendamt" | "abh", string>;

const as = <T>(who: Who, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(db, { userId: userOf[who], networkId, label: who, today: TODAY }, fn);
const system = <T>(q: ReturnType<typeof sql>) => withSystem(db, (tx) => rows<T>(tx, q));

async function newClient(identity: Record<string, string>, intakeDate = "2016-03-01", residence?: string) {
  return as("owner", async (tx, me) => {
    const { id } = must(
      await intakeClient(tx, me, {
        identity: { familyName: "Fiktiv", givenNames: "Testperson", birthDate: "1990-01-01", ...identity },
        intakeDate,
      }),
    );
    if (residence) must(await writeCategory(tx, me, id, "residence", { title: residence }));
    return id;
  });
}

const consentFor = (recipients: string[], categories = ["identity", "plan"]) => ({
  purpose: "Vermittlung in Sprachkurs und Arbeit",
  categories,
  recipients,
  language: "ar",
  interpreter: "ohne Sprachmittlung",
  signedBy: "client",
  givenOn: "2026-01-01",
  validUntil: "2027-12-31",
});

async function versionId(rule: string, on: string) {
  const [v] = await system<{ id: string }>(
    sql`SELECT id FROM case_eligibility_rule_versions WHERE rule_code = ${rule} AND valid_from <= ${on}::date
      AND (valid_to IS NULL OR valid_to >= ${on}::date)`,
  );
  return v.id;
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  const t = await tenantIds(db);
  await withSystem(db, async (tx) => {
    const sr = t["staedteregion-aachen"];
    networkId = await createNetwork(tx, { hostTenantId: sr, name: "Integration Point Plantest" });
    const aachen = await addSite(tx, networkId, { name: "Aachen", postcode: "52062" });
    inst.jobcenter = await addInstitution(tx, networkId, { tenantId: sr, kind: "jobcenter", name: "Jobcenter" });
    inst.sozialamt = await addInstitution(tx, networkId, { tenantId: t.aachen, kind: "sozialamt", name: "Sozialamt" });
    inst.jugendamt = await addInstitution(tx, networkId, { tenantId: t.aachen, kind: "jugendamt", name: "Jugendamt" });
    inst.abh = await addInstitution(tx, networkId, { tenantId: sr, kind: "auslaenderbehoerde", name: "ABH" });
    for (const w of STAFF) {
      const [u] = await tx
        .insert(users)
        .values({ email: `${w}@plans.example.org`, displayName: w })
        .returning({ id: users.id });
      userOf[w] = u.id;
    }
    const spec: Record<Who, Parameters<typeof addStaff>[2]> = {
      owner: { userId: userOf.owner, institutionId: inst.jobcenter, siteId: aachen, role: "specialist" },
      coordinator: { userId: userOf.coordinator, institutionId: inst.jobcenter, siteId: aachen, role: "coordination" },
      lead: { userId: userOf.lead, institutionId: inst.jobcenter, role: "lead" },
      soz: { userId: userOf.soz, institutionId: inst.sozialamt, siteId: aachen, role: "specialist" },
      jug: { userId: userOf.jug, institutionId: inst.jugendamt, siteId: aachen, role: "coordination" },
      abh: { userId: userOf.abh, institutionId: inst.abh, siteId: aachen, role: "specialist" },
    };
    for (const w of STAFF) staffOf[w] = await addStaff(tx, networkId, spec[w]);
  });
});

afterAll(async () => {
  await cleanup();
});

describe("plan steps and their eligibility decisions", () => {
  it("a decision dated 2016 uses the 2016 list: Integrationskurs for SY, refused for AF, both decisions stored", async () => {
    const sy = await newClient({ nationality: "SY" });
    const af = await newClient({ nationality: "AF" });
    const v2016 = await versionId("high_prospect_of_staying", "2016-05-01");
    const step = { stepType: "integrationskurs", responsibleInstitutionId: inst.jobcenter, decisionDate: "2016-05-01" };

    const ok = must(await as("owner", (tx, me) => addStep(tx, me, { clientId: sy, ...step })));
    expect(ok.decisionId).toBeTruthy();
    const refused = await as("owner", (tx, me) => addStep(tx, me, { clientId: af, ...step }));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe("cases.plans.errors.ineligible");
    expect(refusalText(getT("de"), refused.error)).toBe(
      "Der Schritt ist nicht möglich nach der Regel „Hohe Bleibeperspektive (Herkunftsländer)“ in der Fassung vom " +
        "01.01.2016 bis 31.12.2016: Das Herkunftsland steht nicht auf der Liste. Die Entscheidung ist gespeichert.",
    );

    const planSy = must(await as("owner", (tx, me) => listPlan(tx, me, sy)));
    expect(planSy.steps).toMatchObject([
      { stepType: "integrationskurs", state: "planned", decision: { ruleVersionId: v2016, eligible: true } },
    ]);
    const planAf = must(await as("owner", (tx, me) => listPlan(tx, me, af)));
    expect(planAf.steps).toEqual([]);
    // The refusal is kept: the audit of why the step was not planned.
    expect(planAf.decisions).toMatchObject([
      {
        ruleVersionId: v2016,
        decisionDate: "2016-05-01",
        eligible: false,
        reasons: ["cases.eligibility.reasons.nationalityNotListed"],
        stepType: "integrationskurs",
      },
    ]);
    // No version after 2016: no decision, no step (not "eligible").
    const later = await as("owner", (tx, me) => addStep(tx, me, { ...step, clientId: sy, decisionDate: "2026-05-01" }));
    expect(later).toMatchObject({ ok: false, error: { code: "cases.eligibility.errors.noVersion" } });
  });

  it("§ 5a AsylbLG: refused the day before the 18th birthday, accepted on it; each decision names the version", async () => {
    const c = await newClient({ birthDate: "2008-09-01", nationality: "AF" }, "2026-01-15");
    const v = await versionId("asylblg_5a", "2026-09-01");
    const step = { clientId: c, stepType: "asylblg_5a_fim", responsibleInstitutionId: inst.sozialamt };
    const at17 = await as("owner", (tx, me) => addStep(tx, me, { ...step, decisionDate: "2026-08-31" }));
    expect(at17.ok).toBe(false);
    if (at17.ok) return;
    expect(at17.error.code).toBe("cases.plans.errors.ineligibleOpen");
    expect(refusalText(getT("de"), at17.error)).toContain(
      "„Flüchtlingsintegrationsmaßnahme nach § 5a AsylbLG (Mindestalter)“ in der Fassung ab 06.08.2016: " +
        "Das Mindestalter ist am Entscheidungstag noch nicht erreicht.",
    );
    must(await as("owner", (tx, me) => addStep(tx, me, { ...step, decisionDate: "2026-09-01" })));
    const plan = must(await as("owner", (tx, me) => listPlan(tx, me, c)));
    expect(plan.decisions.map((d) => [d.decisionDate, d.eligible, d.ruleVersionId])).toEqual([
      ["2026-08-31", false, v],
      ["2026-09-01", true, v],
    ]);
    expect(plan.steps).toHaveLength(1);
    // Every decision in the database references a rule version, and that version cannot go.
    const [orphans] = await system<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_eligibility_decisions d
        LEFT JOIN case_eligibility_rule_versions v ON v.id = d.rule_version_id WHERE v.id IS NULL`,
    );
    expect(orphans.n).toBe(0);
    // restrict_violation (PostgreSQL 17) or foreign_key_violation (earlier servers).
    await expect(
      withSystem(db, (tx) => tx.execute(sql`DELETE FROM case_eligibility_rule_versions WHERE id = ${v}`)),
    ).rejects.toMatchObject({ cause: { code: expect.stringMatching(/^(23001|23503)$/) } });
  });

  it("the database refuses a step needing a rule without an eligible decision, and decisions are append-only", async () => {
    const c = await newClient({ nationality: "AF" });
    const refused = await as("owner", (tx, me) =>
      addStep(tx, me, {
        clientId: c,
        stepType: "integrationskurs",
        responsibleInstitutionId: inst.jobcenter,
        decisionDate: "2016-05-01",
      }),
    );
    const decisionId = refused.ok ? "" : String(refused.error.params?.decisionId);
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);
    // Plain SQL as the owning case worker: with the refused decision, and with none.
    for (const d of [decisionId, null])
      await expect(
        as("owner", (tx, me) =>
          tx.execute(sql`INSERT INTO case_plan_steps (network_id, client_id, step_type, responsible_institution_id,
            decision_id, created_by) VALUES (${networkId}, ${c}, 'integrationskurs', ${inst.jobcenter}, ${d}, ${me!.id})`),
        ),
      ).rejects.toMatchObject({ cause: { code: "23514" } });
    // The request role has no UPDATE policy (no row to change); the owning role hits the trigger.
    expect(
      await as("owner", (tx) =>
        rows(tx, sql`UPDATE case_eligibility_decisions SET eligible = true WHERE id = ${decisionId} RETURNING 1`),
      ),
    ).toEqual([]);
    await expect(
      withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_eligibility_decisions SET eligible = true WHERE id = ${decisionId}`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("steps without a rule need no decision; starting the first step sets the first offer date once", async () => {
    const c = await newClient({}, "2026-02-01");
    const a = must(
      await as("owner", (tx, me) =>
        addStep(tx, me, { clientId: c, stepType: "kompetenzfeststellung", responsibleInstitutionId: inst.jobcenter }),
      ),
    );
    expect(a.decisionId).toBeNull();
    const b = must(
      await as("owner", (tx, me) =>
        addStep(tx, me, { clientId: c, stepType: "praktikum", responsibleInstitutionId: inst.jobcenter }),
      ),
    );
    expect(await as("owner", (tx, me) => updateStep(tx, me, { stepId: a.id, state: "running" }))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.startRequired" },
    });
    must(
      await as("owner", (tx, me) => updateStep(tx, me, { stepId: a.id, state: "running", startDate: "2026-03-02" })),
    );
    must(
      await as("owner", (tx, me) => updateStep(tx, me, { stepId: b.id, state: "running", startDate: "2026-02-15" })),
    );
    must(
      await as("owner", (tx, me) =>
        updateStep(tx, me, {
          stepId: a.id,
          state: "done",
          startDate: "2026-03-02",
          endDate: "2026-03-20",
          outcome: "completed",
        }),
      ),
    );
    const offer = must(await as("owner", (tx, me) => timeToFirstOffer(tx, me, c)));
    expect(offer).toEqual({ intakeDate: "2026-02-01", firstOfferDate: "2026-03-02", daysToFirstOffer: 29 });
    const plan = must(await as("owner", (tx, me) => listPlan(tx, me, c)));
    expect(plan.steps.map((s) => [s.stepType, s.state, s.outcome])).toEqual([
      ["kompetenzfeststellung", "done", "completed"],
      ["praktikum", "running", null],
    ]);
    // The lead of the owning institution reads the plan but does not plan; the other institution
    // without a basis reads nothing of it.
    expect(must(await as("lead", (tx, me) => listPlan(tx, me, c))).steps).toHaveLength(2);
    expect(
      await as("lead", (tx, me) =>
        addStep(tx, me, { clientId: c, stepType: "praktikum", responsibleInstitutionId: inst.jobcenter }),
      ),
    ).toMatchObject({ ok: false, error: { code: "cases.plans.errors.notAllowed" } });
    expect(await as("jug", (tx, me) => listPlan(tx, me, c))).toMatchObject({ ok: false });
    expect(await as("jug", (tx) => rows(tx, sql`SELECT 1 FROM case_plan_steps WHERE client_id = ${c}`))).toEqual([]);
  });
});

describe("referrals", () => {
  it("run across two institutions: only the recipient with a basis sees and answers, the sender closes", async () => {
    const c = await newClient({}, "2026-02-01");
    must(await as("owner", (tx, me) => recordConsent(tx, me, c, consentFor([inst.sozialamt]))));
    expect(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.jugendamt })),
    ).toMatchObject({ ok: false, error: { code: "cases.plans.errors.noBasis" } });
    const { id } = must(
      await as("owner", (tx, me) =>
        referClient(tx, me, { clientId: c, toInstitutionId: inst.sozialamt, referredOn: "2026-04-01" }),
      ),
    );

    const incoming = must(await as("soz", (tx, me) => listReferralsForMe(tx, me, { states: ["in_progress"] })));
    expect(incoming.map((r) => [r.id, r.fromInstitution, r.state])).toEqual([[id, "Jobcenter", "in_progress"]]);
    expect(must(await as("jug", (tx, me) => listReferralsForMe(tx, me)))).toEqual([]);
    // Neither another institution nor the sender answers for the recipient.
    expect(await as("jug", (tx, me) => acceptReferral(tx, me, { referralId: id }))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.notFound" },
    });
    expect(await as("owner", (tx, me) => acceptReferral(tx, me, { referralId: id }))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.notAllowed" },
    });
    must(await as("soz", (tx, me) => acceptReferral(tx, me, { referralId: id, on: "2026-04-10" })));
    // The recipient may not update the client, yet its acceptance set the first offer date (trigger).
    expect(must(await as("owner", (tx, me) => timeToFirstOffer(tx, me, c)))).toMatchObject({
      firstOfferDate: "2026-04-10",
      daysToFirstOffer: 68,
    });
    expect(await as("soz", (tx, me) => completeReferral(tx, me, { referralId: id }))).toMatchObject({ ok: false });
    must(await as("owner", (tx, me) => completeReferral(tx, me, { referralId: id, on: "2026-05-10" })));

    // A second one, rejected with a reason and a note: the note is ciphertext in the table.
    const second = must(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.sozialamt })),
    );
    must(
      await as("soz", (tx, me) =>
        rejectReferral(tx, me, { referralId: second.id, reason: "no_place", note: "Sentinel-Ablehnung-5521" }),
      ),
    );
    const list = must(await as("owner", (tx, me) => listReferrals(tx, me, c)));
    expect(list.map((r) => [r.state, r.rejectionReason, r.rejectionNote])).toEqual([
      ["rejected", "no_place", "Sentinel-Ablehnung-5521"],
      ["done", null, null],
    ]);
    // A later acceptance leaves the first offer date alone.
    const third = must(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.sozialamt })),
    );
    must(await as("soz", (tx, me) => acceptReferral(tx, me, { referralId: third.id })));
    expect(must(await as("owner", (tx, me) => timeToFirstOffer(tx, me, c))).firstOfferDate).toBe("2026-04-10");
    must(await as("owner", (tx, me) => withdrawReferral(tx, me, { referralId: third.id })));
    expect(await as("owner", (tx, me) => withdrawReferral(tx, me, { referralId: third.id }))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.referralState" },
    });

    const [plain] = await system<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_referrals WHERE position(convert_to('Sentinel-Ablehnung', 'UTF8') in rejection_note) > 0`,
    );
    expect(plain.n).toBe(0);
    // The recipient's reads are in the client's access log as reads for a referral.
    const [logged] = await system<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_access_events WHERE client_id = ${c} AND staff_id = ${staffOf.soz}
        AND reason = 'referral' AND action = 'read'`,
    );
    expect(logged.n).toBeGreaterThan(0);
  });

  it("revoking the consent withdraws the pending referral, leaves the accepted one, and the recipient's next read fails", async () => {
    const c = await newClient({}, "2026-02-01");
    const consent = must(await as("owner", (tx, me) => recordConsent(tx, me, c, consentFor([inst.sozialamt]))));
    const accepted = must(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.sozialamt })),
    );
    must(await as("soz", (tx, me) => acceptReferral(tx, me, { referralId: accepted.id })));
    const pending = must(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.sozialamt })),
    );
    // A new version that names the recipient again supersedes the old one and withdraws nothing.
    const v2 = must(await as("owner", (tx, me) => recordConsent(tx, me, c, consentFor([inst.sozialamt]))));
    expect(v2.version).toBe(2);
    const state = async () =>
      system<{ id: string; state: string; withdrawn_reason: string | null }>(
        sql`SELECT id, state, withdrawn_reason FROM case_referrals WHERE client_id = ${c} ORDER BY created_at`,
      );
    expect((await state()).map((r) => r.state)).toEqual(["accepted", "in_progress"]);
    expect(consent.version).toBe(1);

    must(await as("owner", (tx, me) => revokeConsent(tx, me, v2.id)));
    expect((await state()).map((r) => [r.state, r.withdrawn_reason])).toEqual([
      ["accepted", null],
      ["withdrawn", "basis_revoked"],
    ]);
    expect(must(await as("soz", (tx, me) => listReferralsForMe(tx, me))).filter((r) => r.clientId === c)).toEqual([]);
    expect(await as("soz", (tx, me) => acceptReferral(tx, me, { referralId: pending.id }))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.notFound" },
    });
    expect(await as("soz", (tx, me) => listPlan(tx, me, c))).toMatchObject({
      ok: false,
      error: { code: "cases.plans.errors.notAllowed" },
    });
  });

  it("revoking a statutory basis withdraws the pending referral too, whoever revokes", async () => {
    const c = await newClient({}, "2026-02-01");
    const basis = must(
      await as("owner", (tx, me) =>
        requestLegalBasis(tx, me, c, {
          recipientId: inst.jugendamt,
          categories: ["plan"],
          legalBasis: "§ 81 SGB VIII (Zusammenarbeit mit anderen Stellen)",
          validUntil: "2027-12-31",
        }),
      ),
    );
    const r = must(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.jugendamt })),
    );
    expect(must(await as("jug", (tx, me) => listReferralsForMe(tx, me))).map((x) => x.id)).toContain(r.id);
    must(await as("coordinator", (tx, me) => revokeLegalBasis(tx, me, basis.id)));
    const [row] = await system<{ state: string }>(sql`SELECT state FROM case_referrals WHERE id = ${r.id}`);
    expect(row.state).toBe("withdrawn");
  });

  it("the Ausländerbehörde never accepts a referral by consent alone", async () => {
    const c = await newClient({}, "2026-02-01");
    must(await as("owner", (tx, me) => recordConsent(tx, me, c, consentFor([inst.abh]))));
    expect(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.abh })),
    ).toMatchObject({ ok: false, error: { code: "cases.plans.errors.noBasisAbh" } });
    // Even a referral row put there behind the services' back stays invisible and unanswerable.
    const [smuggled] = await system<{ id: string }>(
      sql`INSERT INTO case_referrals (network_id, client_id, from_institution_id, to_institution_id, referred_on, created_by)
        VALUES (${networkId}, ${c}, ${inst.jobcenter}, ${inst.abh}, '2026-05-01', ${staffOf.owner}) RETURNING id`,
    );
    expect(must(await as("abh", (tx, me) => listReferralsForMe(tx, me)))).toEqual([]);
    expect(await as("abh", (tx, me) => acceptReferral(tx, me, { referralId: smuggled.id }))).toMatchObject({
      ok: false,
    });
    expect(
      await as("abh", (tx) =>
        rows(
          tx,
          sql`UPDATE case_referrals SET state = 'accepted', answered_on = '2026-05-02' WHERE id = ${smuggled.id} RETURNING 1`,
        ),
      ),
    ).toEqual([]);
    // A statutory basis counts only once a second person has approved it.
    const basis = must(
      await as("owner", (tx, me) =>
        requestLegalBasis(tx, me, c, {
          recipientId: inst.abh,
          categories: ["plan"],
          legalBasis: "§ 87 Abs. 2 AufenthG (Unterrichtungspflicht öffentlicher Stellen)",
          validUntil: "2027-12-31",
        }),
      ),
    );
    expect(
      await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.abh })),
    ).toMatchObject({ ok: false, error: { code: "cases.plans.errors.noBasisAbh" } });
    must(await as("lead", (tx, me) => approveLegalBasis(tx, me, basis.id)));
    const r = must(await as("owner", (tx, me) => referClient(tx, me, { clientId: c, toInstitutionId: inst.abh })));
    must(await as("abh", (tx, me) => acceptReferral(tx, me, { referralId: r.id })));
  });
});

describe("case conferences and contacts", () => {
  it("turn decisions into plan steps and keep minutes and notes only as ciphertext", async () => {
    const c = await newClient({ nationality: "SY" }, "2016-03-01");
    const held = must(
      await as("owner", (tx, me) =>
        holdConference(tx, me, {
          clientId: c,
          heldOn: "2016-06-01",
          participants: [staffOf.owner, staffOf.soz],
          minutes: "Sentinel-Protokoll-4711: Sprachkurs zuerst, dann Praktikum.",
          decisions: [
            { stepType: "integrationskurs", responsibleInstitutionId: inst.jobcenter, plannedStart: "2016-07-01" },
            { stepType: "asylblg_5a_fim", responsibleInstitutionId: inst.sozialamt },
            { stepType: "praktikum", responsibleInstitutionId: inst.jobcenter },
          ],
        }),
      ),
    );
    // § 5a AsylbLG had no version on 2016-06-01 (from 2016-08-06): that decision fails, the others stand.
    expect(held.steps.map((s) => (s.ok ? "step" : s.error.code))).toEqual([
      "step",
      "cases.eligibility.errors.noVersion",
      "step",
    ]);
    const plan = must(await as("owner", (tx, me) => listPlan(tx, me, c)));
    expect(plan.steps.map((s) => [s.stepType, s.conferenceId])).toEqual([
      ["integrationskurs", held.id],
      ["praktikum", held.id],
    ]);
    const [conf] = must(await as("owner", (tx, me) => listConferences(tx, me, c)));
    expect(conf).toMatchObject({
      minutes: "Sentinel-Protokoll-4711: Sprachkurs zuerst, dann Praktikum.",
      participants: [staffOf.owner, staffOf.soz],
    });
    expect(conf.stepIds).toHaveLength(2);
    expect(
      await as("owner", (tx, me) =>
        holdConference(tx, me, { clientId: c, heldOn: "2016-06-02", participants: [userOf.owner] }),
      ),
    ).toMatchObject({ ok: false, error: { code: "cases.plans.errors.participants" } });

    must(
      await as("owner", (tx, me) =>
        addContact(tx, me, {
          clientId: c,
          kind: "home_visit",
          contactOn: "2016-06-03",
          durationMinutes: 45,
          note: "Sentinel-Hausbesuch-9090",
        }),
      ),
    );
    must(
      await as("owner", (tx, me) =>
        addContact(tx, me, { clientId: c, kind: "phone", contactOn: "2016-06-05", durationMinutes: 10 }),
      ),
    );
    expect(
      must(await as("owner", (tx, me) => listContacts(tx, me, c))).map((k) => [k.kind, k.durationMinutes, k.note]),
    ).toEqual([
      ["phone", 10, null],
      ["home_visit", 45, "Sentinel-Hausbesuch-9090"],
    ]);
    expect(await as("jug", (tx, me) => listContacts(tx, me, c))).toMatchObject({ ok: false });

    // Nowhere in plaintext: not in the tables, the audit log, or the access log.
    const [found] = await system<{ n: number }>(
      sql`SELECT ((SELECT count(*) FROM case_conferences WHERE position(convert_to('Sentinel', 'UTF8') in minutes) > 0)
        + (SELECT count(*) FROM case_contacts WHERE position(convert_to('Sentinel', 'UTF8') in note) > 0)
        + (SELECT count(*) FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%Sentinel%')
        )::int AS n`,
    );
    expect(found.n).toBe(0);
    const [events] = await system<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_access_events WHERE client_id = ${c} AND reason = 'conference'`,
    );
    expect(events.n).toBe(2);
  });
});
