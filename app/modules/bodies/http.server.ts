import { data, type RouterContextProvider } from "react-router";
import { tFor } from "~/kernel/http/context";

type Ctx = Readonly<RouterContextProvider>;

/** A form field as the services' schemas take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/** The 404 page of an unknown body (or one of another tenant, which row-level security hides). */
export const bodyNotFound = (context: Ctx) =>
  data({ message: tFor(context)("bodies.errors.notFound") }, { status: 404 });
