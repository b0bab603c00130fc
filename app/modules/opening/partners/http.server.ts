import { data, type RouterContextProvider } from "react-router";
import { requireRole, tenantContext, tFor } from "~/kernel/http/context";
import type { Role } from "~/kernel/roles";

type Ctx = Readonly<RouterContextProvider>;

/** The partner network is the Land's: other tenants get a 404, as if the page did not exist. */
export function requireLand(context: Ctx, min: Role): Role {
  const role = requireRole(context, min);
  if (context.get(tenantContext).tenant.kind !== "land")
    throw data({ message: tFor(context)("opening.partners.errors.notFound") }, { status: 404 });
  return role;
}

export const notFound = (context: Ctx) =>
  data({ message: tFor(context)("opening.partners.errors.notFound") }, { status: 404 });

/** A form field as the services take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = typeof v === "string" ? v.trim() : "";
  return s === "" ? undefined : s;
};

/** A date field: ISO (an <input type="date">) or German "TT.MM.JJJJ" typed by hand, as ISO. */
export const dateField = (v: FormDataEntryValue | null): string | undefined => {
  const s = optional(v);
  const m = s && /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : s;
};

/** Non-empty lines of a textarea. */
export const linesOf = (v: FormDataEntryValue | null) =>
  (optional(v) ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Label: Wert" lines as figures, or null when a line has no colon. */
export function figuresOf(v: FormDataEntryValue | null): { label: string; value: string }[] | null {
  const out: { label: string; value: string }[] = [];
  for (const line of linesOf(v)) {
    const i = line.indexOf(":");
    if (i <= 0 || i === line.length - 1) return null;
    out.push({ label: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return out;
}
