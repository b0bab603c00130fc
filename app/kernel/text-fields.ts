import { z } from "zod";

/**
 * An optional text field of a form: trimmed, at most `max` characters (else the error `code`), and
 * empty, missing or null all stored as null.
 */
export const optionalText = (max: number, code: string) =>
  z
    .string()
    .trim()
    .max(max, code)
    .transform((v) => v || null)
    .nullish()
    .transform((v) => v ?? null);
