import { data, type RouterContextProvider } from "react-router";
import { tFor } from "~/kernel/http/context";

type Ctx = Readonly<RouterContextProvider>;

// Small form helpers of the seal, clause and training pages.

/** A form field as the services' schemas take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/** A whole number typed into a form, or NaN (which the schema refuses with its own message). */
export const wholeNumber = (v: FormDataEntryValue | null): number | undefined => {
  const s = optional(v);
  return s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : Number.NaN;
};

/** The 404 answer of an unknown seal case or course (or one of another tenant). */
export const notFound = (context: Ctx, key: string) => data({ message: tFor(context)(key) }, { status: 404 });
