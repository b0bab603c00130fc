import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { attentionOf, shownCount } from "../../../tests/support/attention";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows } from "../../../tests/support/roles";
import { totpCode } from "~/kernel/auth/totp";
import { addDays, todayBerlin } from "~/kernel/dates";
import { withCase } from "./core/context";
import { recordConsent } from "./core/bases";
import { DEMO_NETWORK, demoTotpSecret } from "./demo/demo";
import { addStep, updateStep } from "./plans/steps";
import { referClient } from "./plans/referrals";

// The staff home's "what needs attention today" (kernel/attention.ts) for case work, on the demo
// network: counts only, through the seat and the database's policies. A case worker is told of their
// own cases with steps past their planned start (not another site's, not a started or coming step);
// the Jugendamt of the referrals it can answer (not one whose client it has no basis for); a volunteer
// and a tenant admin without a seat are told nothing of case work, nor a seat without the second factor.

const PW = "Teilhabe-Demo-2026";
const JOBCENTER = "fallarbeit.jobcenter@example.org";
const ALSDORF = "fallarbeit.jobcenter-alsdorf@example.org";
const JUGENDAMT = "fallarbeit.jugendamt@example.org";
const OVERDUE = "Ihre Fälle mit Schritten im Plan, deren geplanter Beginn vorbei ist: ";
const REFERRALS = "Verweisungen an Ihre Stelle, die auf Antwort warten: ";
let s: TestServer;
const q = queryRows(() => s);
const today = todayBerlin();

beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

/** The attention section of the staff home, logged in with password and (for case staff) the code. */
async function home(email: string, slug: string, factor = true) {
  const c = new Client(s.url);
  await c.login(email, PW);
  if (factor) {
    const r = await c.post("/anmelden", { intent: "code", code: totpCode(demoTotpSecret(email), Date.now()) });
    expect(r.status).toBe(302);
    // A second login of the same account within 30 seconds would be refused as a replay.
    await q(
      sql`UPDATE second_factors SET last_step = NULL WHERE user_id = (SELECT id FROM users WHERE email = ${email})`,
    );
  }
  return { c, html: await attentionOf(c, slug) };
}

const userId = async (email: string) =>
  (await q<{ id: string }>(sql`SELECT id::text FROM users WHERE email = ${email}`))[0].id;

describe("staff home: case work, counted through the seat", () => {
  it("tells each seat of its own work only", async () => {
    const [{ networkId }] = await q<{ networkId: string }>(
      sql`SELECT id::text AS "networkId" FROM case_networks WHERE name = ${DEMO_NETWORK}`,
    );
    const clientsAt = async (site: string) =>
      (
        await q<{ id: string }>(sql`SELECT c.id::text FROM case_clients c
          JOIN case_institutions i ON i.id = c.owner_institution_id AND i.kind = 'jobcenter'
          JOIN case_sites st ON st.id = c.site_id AND st.name = ${site}
          WHERE c.network_id = ${networkId} AND c.state = 'active' ORDER BY c.pseudonym`)
      ).map((r) => r.id);
    const inst = async (kind: string) =>
      (
        await q<{ id: string }>(
          sql`SELECT id::text FROM case_institutions WHERE network_id = ${networkId} AND kind = ${kind}`,
        )
      )[0].id;
    const [provider, jugendamt, jobcenter] = [await inst("provider"), await inst("jugendamt"), await inst("jobcenter")];
    const aachen = await clientsAt("Aachen");
    const [alsdorf] = await clientsAt("Alsdorf");
    expect(aachen.length).toBeGreaterThanOrEqual(5);

    const before = {
      jobcenter: shownCount((await home(JOBCENTER, "staedteregion-aachen")).html, OVERDUE),
      alsdorf: shownCount((await home(ALSDORF, "staedteregion-aachen")).html, OVERDUE),
      jugendamt: shownCount((await home(JUGENDAMT, "aachen")).html, REFERRALS),
    };
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    const past = addDays(today, -3);
    const step = (clientId: string, plannedStart: string) => ({
      clientId,
      stepType: "alltagsorientierung",
      responsibleInstitutionId: provider,
      plannedStart,
    });
    const as = async (email: string, fn: Parameters<typeof withCase>[2]) =>
      withCase(s.db, { userId: await userId(email), networkId, label: email }, fn);
    await as(JOBCENTER, async (tx, me) => {
      // Counted: two clients with a step past its planned start (one of them with two).
      must(await addStep(tx, me, step(aachen[0], past)));
      must(await addStep(tx, me, step(aachen[0], addDays(today, -40))));
      must(await addStep(tx, me, step(aachen[1], past)));
      // Not counted: a step planned for later, one past its planned start that has begun.
      must(await addStep(tx, me, step(aachen[2], addDays(today, 3))));
      const begun = must(await addStep(tx, me, step(aachen[3], past)));
      must(await updateStep(tx, me, { stepId: begun.id, state: "running", startDate: past }));
      // A referral to the Jugendamt, with a consent that names it.
      must(
        await recordConsent(tx, me, aachen[4], {
          purpose: "Beratung durch das Jugendamt (Test)",
          categories: ["identity", "plan"],
          recipients: [jugendamt],
          language: "de",
          interpreter: "ohne Sprachmittlung",
          signedBy: "client",
          givenOn: today,
          validUntil: addDays(today, 365),
        }),
      );
      must(await referClient(tx, me, { clientId: aachen[4], toInstitutionId: jugendamt }));
    });
    // Another site's client: its own case worker's work.
    await as(ALSDORF, async (tx, me) => void must(await addStep(tx, me, step(alsdorf, past))));
    // A referral to the Jugendamt of a client without a basis for it (written past the service, which
    // would refuse it): the Jugendamt cannot see it, so it is not counted.
    const [{ staff }] = await q<{ staff: string }>(
      sql`SELECT id::text AS staff FROM case_staff WHERE user_id = ${await userId(JOBCENTER)}::uuid`,
    );
    await q(sql`INSERT INTO case_referrals (network_id, client_id, from_institution_id, to_institution_id, referred_on, created_by)
      VALUES (${networkId}, ${aachen[1]}, ${jobcenter}, ${jugendamt}, ${today}, ${staff})`);

    const jc = await home(JOBCENTER, "staedteregion-aachen");
    expect(shownCount(jc.html, OVERDUE)).toBe(before.jobcenter + 2);
    expect(jc.html).toContain('href="/t/staedteregion-aachen/verwaltung/fallarbeit"');
    expect(jc.html).not.toMatch(/\bIP-[0-9A-Z]{4}-[0-9A-Z]{4}\b/);
    expect(shownCount((await home(ALSDORF, "staedteregion-aachen")).html, OVERDUE)).toBe(before.alsdorf + 1);

    const ja = await home(JUGENDAMT, "aachen");
    expect(shownCount(ja.html, REFERRALS)).toBe(before.jugendamt + 1);
    expect(ja.html).toContain('href="/t/aachen/verwaltung/fallarbeit/verweisungen"');
    expect(ja.html).not.toContain(OVERDUE);
    // The link's page lists the referral (it is the same access path).
    const list = await ja.c.get("/t/aachen/verwaltung/fallarbeit/verweisungen");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("<h1");

    // No seat, no case work: a volunteer of the network is told nothing to answer, a tenant admin nothing.
    const volunteer = await home("fallarbeit.ehrenamt@example.org", "aachen");
    expect(volunteer.html).not.toContain(OVERDUE);
    expect(volunteer.html).not.toContain(REFERRALS);
    const admin = await home("admin.staedteregion-aachen@example.org", "staedteregion-aachen", false);
    expect(admin.html).toContain("Was heute ansteht");
    expect(admin.html).not.toContain(OVERDUE);
    expect(admin.html).not.toContain(REFERRALS);

    // Counts of case work need the second factor, as the case pages do: the same Jugendamt seat,
    // logged in with its password alone (its second factor removed), is told nothing of case work.
    await q(sql`DELETE FROM second_factors WHERE user_id = ${await userId(JUGENDAMT)}::uuid`);
    const passwordOnly = await home(JUGENDAMT, "aachen", false);
    expect(passwordOnly.html).toContain("Was heute ansteht");
    expect(passwordOnly.html).not.toContain(REFERRALS);
    expect(passwordOnly.html).not.toContain(OVERDUE);
  });
});
