/**
 * Database errors that bad input causes, as the answer a request should get (decision 0012): the
 * one table pages (http/context.ts tenantTx) and the API (api/endpoint.ts) both use, so an unknown
 * referenced id or a value the database refuses is never a 500. Routes should validate first (ids
 * with z.uuid(), lengths, ranges); this is the net below that.
 */
export interface DbFailure {
  status: 404 | 409 | 422;
  /** i18n key of the message (kernel strings, errors.*). */
  code: string;
}

/** The SQLSTATE of a database error, also when wrapped by Drizzle. */
export function pgErrorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  const code = err?.cause?.code ?? err?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const message = (e: unknown): string => {
  const err = e as { message?: unknown; cause?: { message?: unknown } };
  return String(err?.cause?.message ?? err?.message ?? "");
};

/**
 * The answer to a database error caused by the request's data, or undefined for anything else
 * (a lost connection, a bug), which stays a 500 and is logged. `read` is a request that changes
 * nothing (GET): there a malformed id can only have come from the URL, so the page does not exist.
 */
export function dbFailure(e: unknown, opts: { read?: boolean } = {}): DbFailure | undefined {
  const code = pgErrorCode(e);
  if (!code) return undefined;
  switch (code) {
    case "22P02": // invalid_text_representation: "abc" for a uuid, integer, boolean …
      return opts.read ? { status: 404, code: "errors.notFound" } : { status: 422, code: "errors.db.invalidValue" };
    case "23505": // unique_violation
      return { status: 409, code: "errors.duplicate" };
    case "23P01": // exclusion_violation
      return { status: 409, code: "errors.db.conflict" };
    case "23503": // foreign_key_violation: a missing target on insert/update, dependants on delete
      return /^update or delete on/.test(message(e))
        ? { status: 409, code: "errors.db.inUse" }
        : { status: 422, code: "errors.db.reference" };
    case "23502": // not_null_violation
      return { status: 422, code: "errors.db.required" };
    case "23514": // check_violation
      return { status: 422, code: "errors.db.check" };
    case "22001": // string_data_right_truncation
    case "54000": // program_limit_exceeded: an index row or tsvector too large for a huge text
      return { status: 422, code: "errors.db.tooLong" };
    case "22003": // numeric_value_out_of_range
      return { status: 422, code: "errors.db.outOfRange" };
    case "22007": // invalid_datetime_format
    case "22008": // datetime_field_overflow
      return { status: 422, code: "errors.db.date" };
    case "22021": // character_not_in_repertoire (NUL)
    case "22P05": // untranslatable_character
      return { status: 422, code: "errors.db.characters" };
  }
  // Any other data exception (class 22) or integrity violation (class 23) is the data's fault too.
  if (code.startsWith("22") || code.startsWith("23")) return { status: 422, code: "errors.db.invalidValue" };
  return undefined;
}
