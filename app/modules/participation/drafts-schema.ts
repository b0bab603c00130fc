// Drafts to comment on (decision 0031): the constants the pages share with drafts.ts, without zod, so
// the public page's browser bundle stays small.

/** Where a draft's text came from: the Haltung of a concept edition, or text pasted by staff. */
export const DRAFT_SOURCES = ["haltung", "custom"] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

/** A draft is open for comments or closed. */
export const DRAFT_STATUSES = ["open", "closed"] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** Limits, as in migration 0430. */
export const COMMENT_MAX = 2000;
export const NAME_MAX = 80;
export const ANSWER_MAX = 4000;
export const PARAGRAPHS_MAX = 500;
export const PARAGRAPH_MAX = 20000;
/** Pasted text as a whole (the concept's Haltung may have up to 20,000 characters). */
export const TEXT_MAX = 100000;
