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

/** A date field: ISO (an <input type="date">) or German "TT.MM.JJJJ" typed by hand, as ISO. */
export const dateField = (v: FormDataEntryValue | null): string | undefined => {
  const s = optional(v);
  const m = s && /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : s;
};

/** The 404 page of an unknown paper or meeting (or one of another tenant). */
export const notFound = (context: Ctx, key: "bodies.errors.paperNotFound" | "bodies.errors.meetingNotFound") =>
  data({ message: tFor(context)(key) }, { status: 404 });
