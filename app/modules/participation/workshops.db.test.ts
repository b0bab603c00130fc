import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { pgErrorCode } from "~/kernel/db/errors";
import { createProcess, listPhases } from "./service";
import {
  addPaperDots,
  board,
  castDot,
  controlWorkshop,
  createWorkshop,
  getWorkshop,
  moderateCard,
  newParticipantToken,
  postCard,
  workshopByCode,
  workshopResult,
  type Workshop,
} from "./workshops";
import { CODE_ALPHABET } from "./workshops-schema";

// The live workshop board (issue 12 item 3, decision 0030), on the embedded database and, in CI, on a
// PostgreSQL server (vitest.pg.config.ts), where the parallel votes really run in parallel.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
let processId: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
  processId = must(
    await asAachen((tx) =>
      createProcess(tx, { kind: "zukunftswerkstatt", title: "Fachforum Wohnen 2021", startsOn: "2021-06-12" }),
    ),
  ).id;
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
function asAachen<T>(fn: (tx: Tx) => Promise<T>) {
  return inTenant(aachen, fn);
}
const load = (id: string) => asAachen(async (tx) => (await getWorkshop(tx, id))!);
const newWorkshop = async (budget = 3, oneDotPerCard = false) => {
  const w = must(
    await asAachen((tx) => createWorkshop(tx, processId, { title: "Kritikphase", dotBudget: budget, oneDotPerCard })),
  );
  return load(w.id);
};
const post = (
  w: Workshop,
  token: string,
  body: string,
  kind: "critique" | "idea" | "proposal" | "question" = "critique",
) => asAachen((tx) => postCard(tx, w.id, token, { kind, body }));
const control = (w: Workshop, c: Parameters<typeof controlWorkshop>[2], arg?: string) =>
  asAachen((tx) => controlWorkshop(tx, w.id, c, arg));
const key = () => newParticipantToken().slice(0, 16);
const storedDots = async (w: Workshop) =>
  (
    await withSystem(db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT coalesce(sum(dots), 0)::int AS n FROM participation_workshop_votes WHERE workshop_id = ${w.id}`,
      ),
    )
  )[0]!.n;

describe("workshops", () => {
  it("gets a six-character code without look-alikes, unique in the tenant, and starts in the first phase", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const w = await newWorkshop();
      expect(w.code).toMatch(/^[A-Z2-9]{6}$/);
      expect([...w.code].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
      expect(w.code).not.toMatch(/[01ILO]/);
      codes.add(w.code);
      expect(w.phaseName).toBe("Kritikphase");
    }
    expect(codes.size).toBe(5);
    const w = await newWorkshop();
    // Joined by its code in any case and with spaces; another tenant does not find it.
    const lower = `${w.code.slice(0, 3).toLowerCase()} ${w.code.slice(3)}`;
    expect((await asAachen((tx) => workshopByCode(tx, lower)))?.id).toBe(w.id);
    expect(await inTenant(koeln, (tx) => workshopByCode(tx, w.code))).toBeUndefined();
    expect(await inTenant(koeln, (tx) => getWorkshop(tx, w.id))).toBeUndefined();
  });

  it("refuses bad input with a German message and stores nothing", async () => {
    for (const dotBudget of [0, 21, 1.5, "drei"]) {
      const r = await asAachen((tx) => createWorkshop(tx, processId, { title: "X", dotBudget: dotBudget as number }));
      expect(messageOf(r), String(dotBudget)).toBe("Bitte eine Zahl von 1 bis 20 Punkten je Person und Runde angeben.");
    }
    expect(messageOf(await asAachen((tx) => createWorkshop(tx, processId, { title: "  ", dotBudget: 3 })))).toBe(
      "Bitte ausfüllen.",
    );
    const w = await newWorkshop();
    const token = newParticipantToken();
    const post = (kind: string, body: string) =>
      asAachen((tx) => postCard(tx, w.id, token, { kind: kind as "idea", body }));
    expect(messageOf(await post("recommendation", "Staff only"))).toBe("Bitte eine Art des Beitrags wählen.");
    expect(messageOf(await post("idea", " "))).toBe("Bitte ausfüllen.");
    expect(messageOf(await post("idea", "x".repeat(1001)))).toBe("Der Text ist zu lang.");
    const card = must(await post("idea", "Eine gültige Karte"));
    must(await control(w, "openVoting"));
    const dot = (cardId: string, k: string) => asAachen((tx) => castDot(tx, w.id, token, cardId, k));
    expect(messageOf(await dot(card.id, "kurz"))).toBe("Die Anfrage ist unvollständig. Bitte die Seite neu laden.");
    expect(messageOf(await dot(card.id, "<script>alert(1)</script>"))).toBe(
      "Die Anfrage ist unvollständig. Bitte die Seite neu laden.",
    );
    expect(messageOf(await dot("keine-uuid", key()))).toBe("Diese Karte gibt es auf dieser Tafel nicht.");
    expect(messageOf(await control(w, "sprengen" as "pause"))).toBe("Diese Aktion gibt es für die Werkstatt nicht.");
    expect(messageOf(await asAachen((tx) => moderateCard(tx, w.id, card.id, "cluster", "x".repeat(81))))).toBe(
      "Der Text ist zu lang.",
    );
    for (const dots of [0, -1, 1.5, 1001, Number.NaN])
      expect(messageOf(await asAachen((tx) => addPaperDots(tx, w.id, card.id, dots))), String(dots)).toBe(
        "Bitte die Zahl der Papierpunkte als ganze Zahl von 1 bis 1000 angeben.",
      );
    expect(await storedDots(w)).toBe(0);
    const [{ n }] = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM participation_cards WHERE workshop_id = ${w.id}`),
    );
    expect(n).toBe(1);
  });
});

describe("cards on the board", () => {
  it("are the process's anonymous cards: no author, no account, no time, no audit entry", async () => {
    const w = await newWorkshop();
    const auditBefore = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'participation_card'`),
    );
    const c = must(await post(w, newParticipantToken(), "Wohnungsbesichtigungen scheitern an der Sprache."));
    const [row] = await withSystem(db, (tx) =>
      rows<Record<string, unknown>>(tx, sql`SELECT * FROM participation_cards WHERE id = ${c.id}`),
    );
    expect(row).toMatchObject({
      workshop_id: w.id,
      anonymous: true,
      author_label: null,
      kind: "critique",
      process_id: processId,
    });
    expect(row!.phase_id).toBe(w.phaseId);
    const auditAfter = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'participation_card'`),
    );
    expect(auditAfter[0]!.n).toBe(auditBefore[0]!.n);
  });

  it("keep no account, address, user agent or time in any of the board's tables (schema)", async () => {
    const cols = await withSystem(db, (tx) =>
      rows<{ table_name: string; column_name: string; data_type: string }>(
        tx,
        sql`SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public'
              AND table_name IN ('participation_cards', 'participation_workshop_participants', 'participation_workshop_votes')`,
      ),
    );
    expect(cols.length).toBeGreaterThan(20);
    const bad = cols.filter(
      (c) =>
        /(^|_)(user|account|ip|address|agent|email|name|created|updated|time|at|seen)($|_)/.test(c.column_name) ||
        /timestamp|inet|date/.test(c.data_type),
    );
    expect(bad).toEqual([]);
  });

  it("refuses a card beyond the participant's limit, and any card once the workshop is closed", async () => {
    const w = await newWorkshop();
    await withSystem(db, (tx) => tx.execute(sql`UPDATE participation_workshops SET card_limit = 2 WHERE id = ${w.id}`));
    const token = newParticipantToken();
    must(await post(w, token, "eins"));
    must(await post(w, token, "zwei"));
    const third = await post(w, token, "drei");
    expect(messageOf(third)).toBe(
      "Sie haben schon 2 Karten geschrieben; mehr sind je Teilnehmerin oder Teilnehmer nicht möglich.",
    );
    // Another participant is not affected.
    must(await post(w, newParticipantToken(), "drei"));
    must(await control(w, "close"));
    expect(messageOf(await post(w, newParticipantToken(), "vier"))).toBe("Diese Werkstatt ist beendet.");
  });

  it("hidden cards are not on the participants' board nor on the projector, and take no dot", async () => {
    const w = await newWorkshop();
    const token = newParticipantToken();
    const spam = must(await post(w, token, "Werbung"));
    const ok1 = must(await post(w, token, "Zu wenige Sprachkurse am Abend"));
    must(await asAachen((tx) => moderateCard(tx, w.id, spam.id, "hide")));
    must(await asAachen((tx) => moderateCard(tx, w.id, ok1.id, "cluster", "Sprache")));
    must(await asAachen((tx) => moderateCard(tx, w.id, ok1.id, "shortlist")));
    const fresh = await load(w.id);
    const forParticipant = await asAachen((tx) => board(tx, fresh, { role: "participant", token }));
    const forScreen = await asAachen((tx) => board(tx, fresh, { role: "screen" }));
    const forFacilitator = await asAachen((tx) => board(tx, fresh, { role: "facilitator" }));
    expect(forParticipant.cards.map((c) => c.body)).toEqual(["Zu wenige Sprachkurse am Abend"]);
    expect(forScreen.cards.map((c) => c.body)).toEqual(["Zu wenige Sprachkurse am Abend"]);
    expect(forFacilitator.cards.map((c) => [c.body, c.hidden, c.cluster, c.shortlisted])).toEqual([
      ["Zu wenige Sprachkurse am Abend", false, "Sprache", true],
      ["Werbung", true, null, false],
    ]);
    must(await control(fresh, "openVoting"));
    expect(messageOf(await asAachen((tx) => castDot(tx, w.id, token, spam.id, key())))).toBe(
      "Diese Karte gibt es auf dieser Tafel nicht.",
    );
    // A card of another workshop cannot be moderated through this one.
    const other = await newWorkshop();
    expect(messageOf(await asAachen((tx) => moderateCard(tx, other.id, ok1.id, "hide")))).toBe(
      "Diese Karte gibt es auf dieser Tafel nicht.",
    );
  });
});

describe("dot voting", () => {
  it("one participant firing 10 parallel dots with budget 3 stores exactly 3", async () => {
    const w = await newWorkshop(3);
    const cards: { id: string }[] = [];
    for (const b of ["a", "b", "c", "d"]) cards.push(must(await post(w, newParticipantToken(), `Karte ${b}`)));
    must(await control(w, "openVoting"));
    const token = newParticipantToken();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => asAachen((tx) => castDot(tx, w.id, token, cards[i % 4]!.id, key()))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.filter((r) => !r.ok).map(messageOf);
    expect(refused).toHaveLength(7);
    expect(new Set(refused)).toEqual(new Set(["Sie haben alle 3 Punkte dieser Runde vergeben."]));
    expect(await storedDots(w)).toBe(3);
  });

  it("a request repeated with the same idempotency key stores one dot, also in parallel", async () => {
    const w = await newWorkshop(3);
    const c = must(await post(w, newParticipantToken(), "Karte"));
    must(await control(w, "openVoting"));
    const token = newParticipantToken();
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => asAachen((tx) => castDot(tx, w.id, token, c.id, k))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.value.repeated)).toHaveLength(1);
    expect(await storedDots(w)).toBe(1);
    // Sequentially again, after the budget is used up: still the same one dot, no error.
    must(await asAachen((tx) => castDot(tx, w.id, token, c.id, key())));
    must(await asAachen((tx) => castDot(tx, w.id, token, c.id, key())));
    const again = must(await asAachen((tx) => castDot(tx, w.id, token, c.id, k)));
    expect(again.repeated).toBe(true);
    expect(await storedDots(w)).toBe(3);
  });

  it("the database itself refuses a dot over budget, a second dot on a card when one is allowed, and a changed dot", async () => {
    const w = await newWorkshop(2, true);
    const a = must(await post(w, newParticipantToken(), "A"));
    const b = must(await post(w, newParticipantToken(), "B"));
    must(await control(w, "openVoting"));
    const token = newParticipantToken();
    must(await asAachen((tx) => castDot(tx, w.id, token, a.id, key())));
    expect(messageOf(await asAachen((tx) => castDot(tx, w.id, token, a.id, key())))).toBe(
      "Auf jede Karte können Sie nur einen Punkt kleben.",
    );
    must(await asAachen((tx) => castDot(tx, w.id, token, b.id, key())));
    // Past the service, straight into the table: the trigger of migration 0420 holds the rule.
    const [p] = await withSystem(db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`SELECT id FROM participation_workshop_participants WHERE workshop_id = ${w.id} AND cards_posted = 0`,
      ),
    );
    const raw = (card: string) =>
      inTenant(aachen, (tx) =>
        tx.execute(
          sql`INSERT INTO participation_workshop_votes (tenant_id, workshop_id, round, card_id, participant_id, idempotency_key)
              VALUES (${aachen}, ${w.id}, 1, ${card}, ${p!.id}, ${key()})`,
        ),
      ).then(
        () => "stored",
        (e: unknown) => `${pgErrorCode(e)} ${String((e as { cause?: { message?: string } }).cause?.message ?? e)}`,
      );
    expect(await raw(a.id)).toMatch(/^23514 .*budget/);
    await withSystem(db, (tx) => tx.execute(sql`UPDATE participation_workshops SET dot_budget = 5 WHERE id = ${w.id}`));
    expect(await raw(a.id)).toMatch(/^23514 one dot per card/);
    expect(
      await inTenant(aachen, (tx) =>
        tx.execute(sql`UPDATE participation_workshop_votes SET dots = 2 WHERE workshop_id = ${w.id}`),
      ).then(
        () => "changed",
        (e: unknown) => pgErrorCode(e),
      ),
    ).toBe("23514");
    expect(await storedDots(w)).toBe(2);
  });

  it("refuses dots while voting is closed", async () => {
    const w = await newWorkshop();
    const c = must(await post(w, newParticipantToken(), "Karte"));
    expect(messageOf(await asAachen((tx) => castDot(tx, w.id, newParticipantToken(), c.id, key())))).toBe(
      "Die Punktabfrage ist gerade nicht geöffnet.",
    );
  });

  it("totals are in no board data before the reveal; after it they count online and paper dots", async () => {
    const w = await newWorkshop(3);
    const a = must(await post(w, newParticipantToken(), "Mehr Beratung im Quartier"));
    const b = must(await post(w, newParticipantToken(), "Patenschaften für Neuzugewanderte"));
    must(await control(w, "openVoting"));
    const t1 = newParticipantToken();
    const t2 = newParticipantToken();
    must(await asAachen((tx) => castDot(tx, w.id, t1, a.id, key())));
    must(await asAachen((tx) => castDot(tx, w.id, t1, a.id, key())));
    must(await asAachen((tx) => castDot(tx, w.id, t2, b.id, key())));
    must(await asAachen((tx) => addPaperDots(tx, w.id, b.id, 4)));
    for (const viewer of [
      { role: "facilitator" as const },
      { role: "screen" as const },
      { role: "participant" as const, token: t1 },
    ]) {
      const view = await asAachen(async (tx) => board(tx, (await getWorkshop(tx, w.id))!, viewer));
      expect(view.revealed).toBe(false);
      const json = JSON.stringify(view);
      expect(json).not.toMatch(/"total"/);
      expect(view.cards.every((c) => !("total" in c))).toBe(true);
    }
    // A participant sees their own dots, and only theirs.
    const mine = await asAachen(async (tx) =>
      board(tx, (await getWorkshop(tx, w.id))!, { role: "participant", token: t1 }),
    );
    expect(mine.used).toBe(2);
    expect(mine.cards.find((c) => c.id === a.id)!.mine).toBe(2);
    expect(mine.cards.find((c) => c.id === b.id)!.mine).toBe(0);
    // The result export before the reveal has no dots either.
    expect(
      (await asAachen(async (tx) => workshopResult(tx, (await getWorkshop(tx, w.id))!))).map((r) => r.dots),
    ).toEqual([0, 0]);

    must(await control(w, "reveal"));
    const shown = await asAachen(async (tx) => board(tx, (await getWorkshop(tx, w.id))!, { role: "screen" }));
    expect(shown.revealed).toBe(true);
    expect(shown.cards.map((c) => [c.body, c.total])).toEqual([
      ["Patenschaften für Neuzugewanderte", 5],
      ["Mehr Beratung im Quartier", 2],
    ]);
    const paper = await withSystem(db, (tx) =>
      rows<{ after: { dots: number } }>(
        tx,
        sql`SELECT after FROM audit_log WHERE entity = 'participation_paper_dots' AND entity_id = ${b.id}`,
      ),
    );
    expect(paper.map((p) => p.after.dots)).toEqual([4]);
    expect(
      (await asAachen(async (tx) => workshopResult(tx, (await getWorkshop(tx, w.id))!))).map((r) => [
        r.dots,
        r.paperDots,
      ]),
    ).toEqual([
      [2, 0],
      [5, 4],
    ]);

    // A new round: a fresh budget, and its totals hidden again until revealed.
    must(await control(w, "nextRound"));
    must(await control(w, "openVoting"));
    const round2 = await load(w.id);
    expect(round2.round).toBe(2);
    must(await asAachen((tx) => castDot(tx, w.id, t1, a.id, key())));
    const view2 = await asAachen((tx) => board(tx, round2, { role: "screen" }));
    expect(view2.revealed).toBe(false);
    expect(JSON.stringify(view2)).not.toMatch(/"total"/);
  });
});

describe("controls and notifications", () => {
  it("switches phase only to a phase of the process, and says so in German otherwise", async () => {
    const w = await newWorkshop();
    const phases = await asAachen((tx) => listPhases(tx, processId));
    must(await control(w, "phase", phases[1]!.id));
    expect((await load(w.id)).phaseName).toBe("Phantasiephase");
    const idea = must(await post(await load(w.id), newParticipantToken(), "Ein Sprachcafé in jedem Quartier", "idea"));
    const [row] = await withSystem(db, (tx) =>
      rows<{ phase_id: string }>(tx, sql`SELECT phase_id FROM participation_cards WHERE id = ${idea.id}`),
    );
    expect(row!.phase_id).toBe(phases[1]!.id);
    expect(messageOf(await control(w, "phase", "00000000-0000-4000-8000-000000000000"))).toBe(
      "Diese Phase gehört nicht zu diesem Verfahren.",
    );
  });

  it("notifies the board channel on commit, naming the workshop and what changed, never a card", async () => {
    const heard: string[] = [];
    await db.listen("participation_board", (p) => heard.push(p));
    const w = await newWorkshop();
    await post(w, newParticipantToken(), "Karte für die Tafel");
    must(await control(w, "pause"));
    // PGlite runs the callbacks before the commit returns; a server delivers them a moment later.
    await expect
      .poll(() => heard.filter((h) => h.startsWith(w.id)), { timeout: 60_000 })
      .toEqual(expect.arrayContaining([`${w.id} cards`, `${w.id} control`]));
    expect(heard.every((h) => /^[0-9a-f-]{36} (cards|control)$/.test(h))).toBe(true);
    // A rolled-back card is never announced.
    const before = heard.length;
    await asAachen(async (tx) => {
      await postCard(tx, w.id, newParticipantToken(), { kind: "idea", body: "verworfen" });
      throw new Error("rollback");
    }).catch(() => {});
    must(await control(w, "resume"));
    await expect.poll(() => heard.slice(before), { timeout: 60_000 }).toEqual([`${w.id} control`]);
  });
});
