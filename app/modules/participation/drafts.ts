import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, invalid, ok, type Result } from "~/kernel/errors";
import { currentEdition } from "~/modules/concept";
import {
  ANSWER_MAX,
  COMMENT_MAX,
  DRAFT_SOURCES,
  NAME_MAX,
  PARAGRAPH_MAX,
  PARAGRAPHS_MAX,
  TEXT_MAX,
  type DraftSource,
  type DraftStatus,
} from "./drafts-schema";

/**
 * Drafts to comment on, paragraph by paragraph (issue 12 item 1, decision 0031): plain functions over a
 * tenant transaction. A draft's text is split into paragraphs once, when it is made; people comment on
 * the stored paragraphs. A public comment has no author, no time and no audit entry (like a workshop
 * card); every staff change is audited.
 */

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((s) => (s ? s : undefined));

export const DraftInput = /* @__PURE__ */ z
  .object({
    source: z.enum(DRAFT_SOURCES, "participation.draftErrors.source"),
    // For the Haltung the edition's Haltung title is taken when this is empty.
    title: optionalText(200, "participation.errors.tooLong"),
    text: optionalText(TEXT_MAX, "participation.draftErrors.textTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.source === "custom" && !v.title)
      ctx.addIssue({ code: "custom", path: ["title"], message: "participation.errors.required" });
    if (v.source === "custom" && !v.text)
      ctx.addIssue({ code: "custom", path: ["text"], message: "participation.errors.required" });
  });
export type DraftInput = z.input<typeof DraftInput>;

export const CommentInput = /* @__PURE__ */ z.object({
  body: z
    .string("participation.errors.required")
    .trim()
    .min(1, "participation.errors.required")
    .max(COMMENT_MAX, "participation.draftErrors.commentTooLong"),
  displayName: optionalText(NAME_MAX, "participation.draftErrors.nameTooLong"),
});
export type CommentInput = z.input<typeof CommentInput>;

export const AnswerInput = /* @__PURE__ */ z.object({
  // Empty removes the answer.
  answer: optionalText(ANSWER_MAX, "participation.draftErrors.answerTooLong"),
});

/** The text split at blank lines; line breaks inside a paragraph stay. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export interface Draft {
  id: string;
  processId: string;
  processTitle: string;
  processStatus: "draft" | "published" | "closed";
  title: string;
  source: DraftSource;
  editionId: string | null;
  editionTitle: string | null;
  status: DraftStatus;
}

const DRAFT = sql`SELECT d.id, d.process_id AS "processId", p.title AS "processTitle", p.status AS "processStatus",
    d.title, d.source, d.edition_id AS "editionId", e.title AS "editionTitle", d.status
  FROM participation_drafts d
  JOIN participation_processes p ON p.id = d.process_id
  LEFT JOIN concept_editions e ON e.id = d.edition_id`;

const uuid = (s: string) => z.uuid().safeParse(s).success;

/**
 * A draft of the process, from the current edition's Haltung or from pasted text, with its paragraphs.
 */
export async function createDraft(tx: Tx, processId: string, input: DraftInput): Promise<Result<{ id: string }>> {
  const parsed = DraftInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const v = parsed.data;
  if (!uuid(processId)) return fail("participation.errors.notFound");
  const [proc] = await rows(tx, sql`SELECT 1 FROM participation_processes WHERE id = ${processId}`);
  if (!proc) return fail("participation.errors.notFound");
  let title = v.title;
  let text = v.text ?? "";
  let editionId: string | null = null;
  if (v.source === "haltung") {
    const edition = await currentEdition(tx);
    if (!edition) return fail("participation.errors.noEdition", "source");
    if (!edition.haltung?.trim()) return fail("participation.draftErrors.noHaltung", "source");
    text = edition.haltung;
    title = title ?? edition.haltungTitle?.trim() ?? undefined;
    if (!title) return fail("participation.errors.required", "title");
    editionId = edition.id;
  }
  const paragraphs = splitParagraphs(text);
  if (paragraphs.length === 0) return fail("participation.errors.required", "text");
  if (paragraphs.length > PARAGRAPHS_MAX)
    return fail("participation.draftErrors.tooManyParagraphs", "text", { max: PARAGRAPHS_MAX });
  if (paragraphs.some((p) => p.length > PARAGRAPH_MAX))
    return fail("participation.draftErrors.paragraphTooLong", "text", { max: PARAGRAPH_MAX });
  const [d] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_drafts (tenant_id, process_id, title, source, edition_id)
        VALUES (app_tenant_id(), ${processId}, ${title}, ${v.source}, ${editionId}) RETURNING id`,
  );
  await tx.execute(
    sql`INSERT INTO participation_draft_paragraphs (tenant_id, process_id, draft_id, position, body)
        SELECT app_tenant_id(), ${processId}, ${d!.id}, x.position::int, x.body
        FROM jsonb_array_elements_text(${JSON.stringify(paragraphs)}::jsonb) WITH ORDINALITY AS x(body, position)`,
  );
  await audit(tx, {
    action: "create",
    entity: "participation_draft",
    entityId: d!.id,
    after: { processId, title, source: v.source, editionId, paragraphs: paragraphs.length },
  });
  return ok({ id: d!.id });
}

export async function getDraft(tx: Tx, id: string): Promise<Draft | undefined> {
  if (!uuid(id)) return undefined;
  return (await rows<Draft>(tx, sql`${DRAFT} WHERE d.id = ${id}`))[0];
}

export interface DraftSummary {
  id: string;
  title: string;
  source: DraftSource;
  status: DraftStatus;
  paragraphs: number;
  /** Comments the public sees. */
  visible: number;
  hidden: number;
  unanswered: number;
}

export async function listDrafts(tx: Tx, processId: string): Promise<DraftSummary[]> {
  if (!uuid(processId)) return [];
  return rows<DraftSummary>(
    tx,
    sql`SELECT d.id, d.title, d.source, d.status,
          (SELECT count(*)::int FROM participation_draft_paragraphs x WHERE x.draft_id = d.id) AS paragraphs,
          k.visible, k.hidden, k.unanswered
        FROM participation_drafts d
        CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE NOT c.hidden)::int AS visible,
            count(*) FILTER (WHERE c.hidden)::int AS hidden,
            count(*) FILTER (WHERE NOT c.hidden AND c.answer IS NULL)::int AS unanswered
          FROM participation_draft_comments c WHERE c.draft_id = d.id) k
        WHERE d.process_id = ${processId} ORDER BY d.title, d.id`,
  );
}

export interface DraftComment {
  id: string;
  seq: number;
  body: string;
  displayName: string | null;
  hidden: boolean;
  answer: string | null;
}

export interface DraftParagraph {
  id: string;
  position: number;
  body: string;
  comments: DraftComment[];
}

/**
 * The paragraphs with their comments in the order written. The public view leaves hidden comments out
 * in the query, so they reach no page and no JSON.
 */
export async function draftParagraphs(tx: Tx, draftId: string, view: "staff" | "public"): Promise<DraftParagraph[]> {
  const [paragraphs, comments] = await Promise.all([
    rows<Omit<DraftParagraph, "comments">>(
      tx,
      sql`SELECT id, position, body FROM participation_draft_paragraphs WHERE draft_id = ${draftId} ORDER BY position`,
    ),
    rows<DraftComment & { paragraphId: string }>(
      tx,
      sql`SELECT id, paragraph_id AS "paragraphId", seq, body, display_name AS "displayName", hidden, answer
          FROM participation_draft_comments
          WHERE draft_id = ${draftId} ${view === "public" ? sql`AND NOT hidden` : sql``} ORDER BY seq`,
    ),
  ]);
  const byParagraph = new Map<string, DraftComment[]>();
  for (const { paragraphId, ...c } of comments) {
    const list = byParagraph.get(paragraphId);
    if (list) list.push(c);
    else byParagraph.set(paragraphId, [c]);
  }
  return paragraphs.map((p) => ({ ...p, comments: byParagraph.get(p.id) ?? [] }));
}

/**
 * A public comment on one paragraph: anonymous unless a name is given, stored without account, address,
 * time or audit entry. Only a draft that is open, of a published process, takes comments.
 */
export async function postComment(
  tx: Tx,
  draftId: string,
  paragraphId: string,
  input: CommentInput,
): Promise<Result<{ id: string; seq: number }>> {
  const parsed = CommentInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  if (!uuid(draftId)) return fail("participation.draftErrors.notFound");
  // The draft row is locked while numbering, so two comments never get the same number.
  const [d] = await rows<{ status: DraftStatus; processStatus: string }>(
    tx,
    sql`SELECT d.status, p.status AS "processStatus" FROM participation_drafts d
        JOIN participation_processes p ON p.id = d.process_id WHERE d.id = ${draftId} FOR UPDATE OF d`,
  );
  if (!d || d.processStatus === "draft") return fail("participation.draftErrors.notFound");
  if (d.status !== "open" || d.processStatus !== "published") return fail("participation.draftErrors.closed");
  if (!uuid(paragraphId)) return fail("participation.draftErrors.paragraphUnknown");
  const [r] = await rows<{ id: string; seq: number }>(
    tx,
    sql`INSERT INTO participation_draft_comments (tenant_id, process_id, draft_id, paragraph_id, seq, body, display_name)
        SELECT app_tenant_id(), x.process_id, x.draft_id, x.id,
          (SELECT coalesce(max(seq), 0) + 1 FROM participation_draft_comments WHERE draft_id = ${draftId}),
          ${parsed.data.body}, ${parsed.data.displayName ?? null}
        FROM participation_draft_paragraphs x WHERE x.id = ${paragraphId} AND x.draft_id = ${draftId}
        RETURNING id, seq`,
  );
  if (!r) return fail("participation.draftErrors.paragraphUnknown");
  return ok(r);
}

/** Opens or closes a draft for comments. */
export async function setDraftStatus(tx: Tx, draftId: string, status: DraftStatus): Promise<Result> {
  if (status !== "open" && status !== "closed") return fail("participation.draftErrors.action");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_drafts SET status = ${status} WHERE id = ${uuid(draftId) ? draftId : null} RETURNING id`,
  );
  if (!r) return fail("participation.draftErrors.notFound");
  await audit(tx, { action: "update", entity: "participation_draft", entityId: draftId, after: { status } });
  return ok(undefined);
}

/** Hides a comment from the public, or shows it again. */
export async function moderateComment(tx: Tx, draftId: string, commentId: string, hidden: boolean): Promise<Result> {
  if (!uuid(commentId)) return fail("participation.draftErrors.commentUnknown");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_draft_comments SET hidden = ${hidden}
        WHERE id = ${commentId} AND draft_id = ${uuid(draftId) ? draftId : null} RETURNING id`,
  );
  if (!r) return fail("participation.draftErrors.commentUnknown");
  await audit(tx, { action: "update", entity: "participation_draft_comment", entityId: commentId, after: { hidden } });
  return ok(undefined);
}

/** The administration's answer to a comment (empty removes it); who answered is the audit log's. */
export async function answerComment(
  tx: Tx,
  draftId: string,
  commentId: string,
  input: z.input<typeof AnswerInput>,
): Promise<Result> {
  const parsed = AnswerInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  if (!uuid(commentId)) return fail("participation.draftErrors.commentUnknown");
  const answer = parsed.data.answer ?? null;
  const [r] = await rows<{ id: string; before: string | null }>(
    tx,
    sql`UPDATE participation_draft_comments c SET answer = ${answer}
        FROM (SELECT id, answer FROM participation_draft_comments WHERE id = ${commentId} FOR UPDATE) old
        WHERE c.id = old.id AND c.draft_id = ${uuid(draftId) ? draftId : null}
        RETURNING c.id, old.answer AS before`,
  );
  if (!r) return fail("participation.draftErrors.commentUnknown");
  await audit(tx, {
    action: "update",
    entity: "participation_draft_comment",
    entityId: commentId,
    before: { answer: r.before },
    after: { answer },
  });
  return ok(undefined);
}
