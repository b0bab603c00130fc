import { createHash, randomBytes, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, invalid, ok, type Result } from "~/kernel/errors";
import { addCard } from "./service";
import { BOARD_KINDS, CODE_ALPHABET, CONTROLS, MODERATIONS, type BoardKind, type Control } from "./workshops-schema";

/**
 * The live workshop board (issue 12 item 3, decision 0030): plain functions over a tenant transaction.
 * A participant is known only by a random token held in their browser (`participantToken`); its
 * SHA-256 is stored, nothing else. Cards are the process's cards (service.ts addCard) with the board's
 * moderation columns; dots are rows of participation_workshop_votes whose budget the database enforces
 * (migration 0420); every change notifies the channel `participation_board` on commit.
 */

export const WorkshopInput = /* @__PURE__ */ z.object({
  title: z.string().trim().min(1, "participation.errors.required").max(200, "participation.errors.tooLong"),
  dotBudget: z.coerce
    .number("participation.workshopErrors.budget")
    .int("participation.workshopErrors.budget")
    .min(1, "participation.workshopErrors.budget")
    .max(20, "participation.workshopErrors.budget"),
  oneDotPerCard: z.boolean().default(false),
});
export type WorkshopInput = z.input<typeof WorkshopInput>;

export const BoardCardInput = /* @__PURE__ */ z.object({
  kind: z.enum(BOARD_KINDS, "participation.errors.cardKind"),
  body: z.string().trim().min(1, "participation.errors.required").max(1000, "participation.errors.tooLong"),
});
export type BoardCardInput = z.input<typeof BoardCardInput>;

export interface Workshop {
  id: string;
  processId: string;
  processTitle: string;
  title: string;
  code: string;
  status: "open" | "closed";
  phaseId: string | null;
  phaseName: string | null;
  round: number;
  dotBudget: number;
  oneDotPerCard: boolean;
  votingOpen: boolean;
  revealedRound: number;
  paused: boolean;
  onScreenCardId: string | null;
  cardLimit: number;
}

const WORKSHOP = sql`SELECT w.id, w.process_id AS "processId", p.title AS "processTitle", w.title, w.code, w.status,
    w.phase_id AS "phaseId", ph.name AS "phaseName", w.round, w.dot_budget AS "dotBudget",
    w.one_dot_per_card AS "oneDotPerCard", w.voting_open AS "votingOpen", w.revealed_round AS "revealedRound",
    w.paused, w.on_screen_card_id AS "onScreenCardId", w.card_limit AS "cardLimit"
  FROM participation_workshops w
  JOIN participation_processes p ON p.id = w.process_id
  LEFT JOIN participation_phases ph ON ph.id = w.phase_id`;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new participant token (kept in the participant's cookie only). */
export const newParticipantToken = () => randomBytes(24).toString("base64url");

/** A key for one dot form: the same form sent twice is one dot (castDot's idempotency key). */
export const newDotKey = () => randomBytes(12).toString("base64url");

function newCode(): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** A workshop of the process, starting in its first phase; the join code is new within the tenant. */
export async function createWorkshop(
  tx: Tx,
  processId: string,
  input: WorkshopInput,
): Promise<Result<{ id: string; code: string }>> {
  const parsed = WorkshopInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const w = parsed.data;
  const [proc] = await rows<{ id: string }>(tx, sql`SELECT id FROM participation_processes WHERE id = ${processId}`);
  if (!proc) return fail("participation.errors.notFound");
  // 31^6 ≈ 9 · 10^8 codes: a clash is rare, and a few tries make it vanish.
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newCode();
    const [r] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO participation_workshops (tenant_id, process_id, title, code, phase_id, dot_budget, one_dot_per_card)
          SELECT app_tenant_id(), ${processId}, ${w.title}, ${code},
            (SELECT id FROM participation_phases WHERE process_id = ${processId} ORDER BY position LIMIT 1),
            ${w.dotBudget}, ${w.oneDotPerCard}
          WHERE NOT EXISTS (SELECT 1 FROM participation_workshops WHERE tenant_id = app_tenant_id() AND code = ${code})
          RETURNING id`,
    );
    if (r) {
      await audit(tx, {
        action: "create",
        entity: "participation_workshop",
        entityId: r.id,
        after: { processId, code, ...w },
      });
      return ok({ id: r.id, code });
    }
  }
  return fail("participation.workshopErrors.code");
}

export async function getWorkshop(tx: Tx, id: string): Promise<Workshop | undefined> {
  return (await rows<Workshop>(tx, sql`${WORKSHOP} WHERE w.id = ${id}`))[0];
}

/** The workshop a participant joins with its code (any case, spaces ignored). */
export async function workshopByCode(tx: Tx, code: string): Promise<Workshop | undefined> {
  const c = code.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z0-9]{6}$/.test(c)) return undefined;
  return (await rows<Workshop>(tx, sql`${WORKSHOP} WHERE w.code = ${c}`))[0];
}

export async function listWorkshops(tx: Tx, processId: string): Promise<(Workshop & { cards: number })[]> {
  return rows(
    tx,
    sql`SELECT x.*, (SELECT count(*)::int FROM participation_cards c WHERE c.workshop_id = x.id) AS cards
        FROM (${WORKSHOP} WHERE w.process_id = ${processId}) x ORDER BY x.title, x.code`,
  );
}

/**
 * The facilitator's controls. Voting opens and closes per round; "reveal" shows the current round's
 * totals; "nextRound" starts a fresh budget (closed, totals hidden again until revealed).
 */
export async function controlWorkshop(tx: Tx, id: string, control: Control, arg?: string | null): Promise<Result> {
  if (!CONTROLS.includes(control)) return fail("participation.workshopErrors.control");
  const w = await getWorkshop(tx, id);
  if (!w) return fail("participation.workshopErrors.notFound");
  if (w.status === "closed" && control !== "reopen") return fail("participation.workshopErrors.closed");
  let set;
  switch (control) {
    case "phase": {
      const [ph] = await rows(
        tx,
        sql`SELECT 1 FROM participation_phases WHERE id = ${z.uuid().safeParse(arg).data ?? null} AND process_id = ${w.processId}`,
      );
      if (!ph) return fail("participation.errors.phase", "phaseId");
      set = sql`phase_id = ${arg}`;
      break;
    }
    case "openVoting":
      set = sql`voting_open = true`;
      break;
    case "closeVoting":
      set = sql`voting_open = false`;
      break;
    case "reveal":
      set = sql`revealed_round = round, voting_open = false`;
      break;
    case "nextRound":
      if (w.round >= 100) return fail("participation.workshopErrors.rounds");
      set = sql`round = round + 1, voting_open = false`;
      break;
    case "pause":
      set = sql`paused = true`;
      break;
    case "resume":
      set = sql`paused = false`;
      break;
    case "close":
      set = sql`status = 'closed', voting_open = false, paused = false`;
      break;
    case "reopen":
      set = sql`status = 'open'`;
      break;
  }
  await tx.execute(sql`UPDATE participation_workshops SET ${set} WHERE id = ${id}`);
  await audit(tx, {
    action: "update",
    entity: "participation_workshop",
    entityId: id,
    after: { control, arg: arg ?? null },
  });
  return ok(undefined);
}

/** Moderation of one card of the board: hide, show, shortlist, put on the projector, cluster. */
export async function moderateCard(
  tx: Tx,
  workshopId: string,
  cardId: string,
  action: (typeof MODERATIONS)[number],
  cluster?: string | null,
): Promise<Result> {
  if (!MODERATIONS.includes(action)) return fail("participation.workshopErrors.control");
  const [c] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM participation_cards WHERE id = ${z.uuid().safeParse(cardId).data ?? null} AND workshop_id = ${workshopId}`,
  );
  if (!c) return fail("participation.workshopErrors.cardUnknown");
  const label = (cluster ?? "").trim();
  if (action === "cluster" && label.length > 80) return fail("participation.errors.tooLong", "cluster");
  switch (action) {
    case "hide":
      await tx.execute(sql`UPDATE participation_cards SET hidden = true, shortlisted = false WHERE id = ${cardId}`);
      await tx.execute(
        sql`UPDATE participation_workshops SET on_screen_card_id = NULL WHERE id = ${workshopId} AND on_screen_card_id = ${cardId}`,
      );
      break;
    case "show":
      await tx.execute(sql`UPDATE participation_cards SET hidden = false WHERE id = ${cardId}`);
      break;
    case "shortlist":
      await tx.execute(sql`UPDATE participation_cards SET shortlisted = NOT hidden WHERE id = ${cardId}`);
      break;
    case "unshortlist":
      await tx.execute(sql`UPDATE participation_cards SET shortlisted = false WHERE id = ${cardId}`);
      break;
    case "onScreen":
      await tx.execute(
        sql`UPDATE participation_workshops w SET on_screen_card_id = c.id FROM participation_cards c
            WHERE w.id = ${workshopId} AND c.id = ${cardId} AND NOT c.hidden`,
      );
      break;
    case "offScreen":
      await tx.execute(sql`UPDATE participation_workshops SET on_screen_card_id = NULL WHERE id = ${workshopId}`);
      break;
    case "cluster":
      await tx.execute(sql`UPDATE participation_cards SET cluster = ${label || null} WHERE id = ${cardId}`);
      break;
  }
  await audit(tx, {
    action: "update",
    entity: "participation_card",
    entityId: cardId,
    after: { moderation: action, ...(action === "cluster" ? { cluster: label || null } : {}) },
  });
  return ok(undefined);
}

/** The participant row of this token, made on the first write (a visit alone writes nothing). */
async function participant(tx: Tx, workshopId: string, token: string): Promise<string> {
  const h = hashToken(token);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_workshop_participants (tenant_id, workshop_id, token_hash)
        VALUES (app_tenant_id(), ${workshopId}, ${h})
        ON CONFLICT (workshop_id, token_hash) DO UPDATE SET token_hash = EXCLUDED.token_hash
        RETURNING id`,
  );
  return r.id;
}

/**
 * A participant posts a card in the workshop's current phase. Anonymous by construction: the card has
 * no author, no time, no audit entry; only the participant's card count goes up (the limit per token).
 */
export async function postCard(
  tx: Tx,
  workshopId: string,
  token: string,
  input: BoardCardInput,
): Promise<Result<{ id: string; seq: number }>> {
  const parsed = BoardCardInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const w = await getWorkshop(tx, workshopId);
  if (!w) return fail("participation.workshopErrors.notFound");
  if (w.status !== "open") return fail("participation.workshopErrors.closed");
  const pid = await participant(tx, workshopId, token);
  const [counted] = await rows(
    tx,
    sql`UPDATE participation_workshop_participants SET cards_posted = cards_posted + 1
        WHERE id = ${pid} AND cards_posted < ${w.cardLimit} RETURNING id`,
  );
  if (!counted) return fail("participation.workshopErrors.cardLimit", "body", { limit: w.cardLimit });
  return addCard(
    tx,
    w.processId,
    { kind: parsed.data.kind, body: parsed.data.body, phaseId: w.phaseId ?? undefined },
    { workshopId, audited: false },
  );
}

/**
 * One dot on a card. The participant's row is locked first, so parallel dots of one participant are
 * counted one after another; the checks here give the German message, the trigger of migration 0420
 * is the rule itself. A request repeated with the same idempotency key stores nothing new and
 * succeeds (`repeated`).
 */
export async function castDot(
  tx: Tx,
  workshopId: string,
  token: string,
  cardId: string,
  idempotencyKey: string,
): Promise<Result<{ repeated: boolean; used: number; budget: number }>> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(idempotencyKey)) return fail("participation.workshopErrors.key");
  if (!z.uuid().safeParse(cardId).success) return fail("participation.workshopErrors.cardUnknown");
  const w = await getWorkshop(tx, workshopId);
  if (!w) return fail("participation.workshopErrors.notFound");
  if (w.status !== "open" || !w.votingOpen) return fail("participation.workshopErrors.votingClosed");
  const pid = await participant(tx, workshopId, token);
  await tx.execute(sql`SELECT 1 FROM participation_workshop_participants WHERE id = ${pid} FOR UPDATE`);
  const [s] = await rows<{ used: number; same: boolean; onCard: number; visible: boolean }>(
    tx,
    sql`SELECT coalesce((SELECT sum(dots) FROM participation_workshop_votes WHERE participant_id = ${pid} AND round = ${w.round}), 0)::int AS used,
          EXISTS (SELECT 1 FROM participation_workshop_votes WHERE participant_id = ${pid} AND idempotency_key = ${idempotencyKey}) AS same,
          (SELECT count(*) FROM participation_workshop_votes WHERE participant_id = ${pid} AND round = ${w.round} AND card_id = ${cardId})::int AS "onCard",
          EXISTS (SELECT 1 FROM participation_cards WHERE id = ${cardId} AND workshop_id = ${workshopId} AND NOT hidden) AS visible`,
  );
  if (s.same) return ok({ repeated: true, used: s.used, budget: w.dotBudget });
  if (!s.visible) return fail("participation.workshopErrors.cardUnknown");
  if (s.used >= w.dotBudget) return fail("participation.workshopErrors.budgetUsed", undefined, { budget: w.dotBudget });
  if (w.oneDotPerCard && s.onCard > 0) return fail("participation.workshopErrors.onePerCard");
  await tx.execute(
    sql`INSERT INTO participation_workshop_votes (tenant_id, workshop_id, round, card_id, participant_id, idempotency_key)
        VALUES (app_tenant_id(), ${workshopId}, ${w.round}, ${cardId}, ${pid}, ${idempotencyKey})`,
  );
  return ok({ repeated: false, used: s.used + 1, budget: w.dotBudget });
}

/** Dots from the paper board, typed in by staff for the current round (with an audit entry). */
export async function addPaperDots(tx: Tx, workshopId: string, cardId: string, dots: number): Promise<Result> {
  if (!Number.isInteger(dots) || dots < 1 || dots > 1000) return fail("participation.workshopErrors.paperDots", "dots");
  const w = await getWorkshop(tx, workshopId);
  if (!w) return fail("participation.workshopErrors.notFound");
  const [c] = await rows(
    tx,
    sql`SELECT 1 FROM participation_cards WHERE id = ${z.uuid().safeParse(cardId).data ?? null} AND workshop_id = ${workshopId}`,
  );
  if (!c) return fail("participation.workshopErrors.cardUnknown");
  await tx.execute(
    sql`INSERT INTO participation_workshop_votes (tenant_id, workshop_id, round, card_id, dots)
        VALUES (app_tenant_id(), ${workshopId}, ${w.round}, ${cardId}, ${dots})`,
  );
  await audit(tx, {
    action: "create",
    entity: "participation_paper_dots",
    entityId: cardId,
    after: { workshopId, round: w.round, dots },
  });
  return ok(undefined);
}

export interface BoardCard {
  id: string;
  seq: number;
  kind: BoardKind;
  body: string;
  phaseName: string | null;
  cluster: string | null;
  hidden: boolean;
  shortlisted: boolean;
  /** This participant's own dots on the card in the current round. */
  mine: number;
  /** Dots of the current round: only once revealed, else absent. */
  total?: number;
}

export interface Board {
  workshop: Workshop;
  cards: BoardCard[];
  /** The viewer's dots used in this round (participants only). */
  used: number;
  revealed: boolean;
}

/**
 * What a viewer sees. Participants and the projector see no hidden card; the facilitator sees them,
 * marked. Totals are read only when the current round is revealed, so before that they are in no
 * page and no JSON, for anyone.
 */
export async function board(
  tx: Tx,
  w: Workshop,
  viewer: { role: "facilitator" | "screen" } | { role: "participant"; token: string | null },
): Promise<Board> {
  const revealed = w.revealedRound >= w.round;
  // Four small queries, each on its own index, rather than one join: a board grows by hundreds of
  // cards in minutes, faster than the planner's statistics, and a single join planned on stale
  // estimates re-ran the dot count once per card (bench/workshop.ts: 55 s on the embedded database
  // at 691 cards, freezing the server; 12 s on PostgreSQL). Each query here is bounded by its index.
  const h = viewer.role === "participant" && viewer.token ? hashToken(viewer.token) : null;
  const [me] = h
    ? await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM participation_workshop_participants WHERE workshop_id = ${w.id} AND token_hash = ${h}`,
      )
    : [];
  const mine = new Map(
    me
      ? (
          await rows<{ card: string; n: number }>(
            tx,
            sql`SELECT card_id AS card, count(*)::int AS n FROM participation_workshop_votes
                WHERE participant_id = ${me.id} AND round = ${w.round} GROUP BY card_id`,
          )
        ).map((r) => [r.card, r.n])
      : [],
  );
  const totals = new Map(
    revealed
      ? (
          await rows<{ card: string; n: number }>(
            tx,
            sql`SELECT card_id AS card, sum(dots)::int AS n FROM participation_workshop_votes
                WHERE workshop_id = ${w.id} AND round = ${w.round} GROUP BY card_id`,
          )
        ).map((r) => [r.card, r.n])
      : [],
  );
  const cards = await rows<Omit<BoardCard, "mine" | "total">>(
    tx,
    sql`SELECT c.id, c.seq, c.kind, c.body, ph.name AS "phaseName", c.cluster, c.hidden, c.shortlisted
        FROM participation_cards c
        LEFT JOIN participation_phases ph ON ph.id = c.phase_id
        WHERE c.workshop_id = ${w.id} ${viewer.role === "facilitator" ? sql`` : sql`AND NOT c.hidden`}
        ORDER BY c.cluster NULLS LAST, c.seq`,
  );
  const out: BoardCard[] = cards.map((c) =>
    revealed ? { ...c, mine: mine.get(c.id) ?? 0, total: totals.get(c.id) ?? 0 } : { ...c, mine: mine.get(c.id) ?? 0 },
  );
  // Once revealed, the most dots first (a stable sort keeps cluster and number order among equals).
  if (revealed) out.sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  // Dots on a card hidden since still count against the budget.
  return { workshop: w, cards: out, used: [...mine.values()].reduce((s, n) => s + n, 0), revealed };
}

/** The result for export: every card of the workshop with its dots of the revealed rounds. */
export async function workshopResult(tx: Tx, w: Workshop) {
  // As in board(): the dots are summed once, by card, and joined here, not counted per card.
  const dots = new Map(
    (
      await rows<{ card: string; all: number; paper: number }>(
        tx,
        sql`SELECT card_id AS card, sum(dots)::int AS all, (sum(dots) FILTER (WHERE participant_id IS NULL))::int AS paper
            FROM participation_workshop_votes WHERE workshop_id = ${w.id} AND round <= ${w.revealedRound} GROUP BY card_id`,
      )
    ).map((r) => [r.card, r]),
  );
  const cards = await rows<{
    id: string;
    seq: number;
    kind: BoardKind;
    phase: string | null;
    body: string;
    cluster: string | null;
    hidden: boolean;
    shortlisted: boolean;
  }>(
    tx,
    sql`SELECT c.id, c.seq, c.kind, ph.name AS phase, c.body, c.cluster, c.hidden, c.shortlisted
        FROM participation_cards c LEFT JOIN participation_phases ph ON ph.id = c.phase_id
        WHERE c.workshop_id = ${w.id} ORDER BY c.seq`,
  );
  return cards.map(({ id, ...c }) => ({ ...c, dots: dots.get(id)?.all ?? 0, paperDots: dots.get(id)?.paper ?? 0 }));
}
