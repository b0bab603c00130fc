import { data, type RouterContextProvider } from "react-router";
import type { TFunction } from "i18next";
import { tFor } from "~/kernel/http/context";
import type { Failure } from "~/kernel/errors";

type Ctx = Readonly<RouterContextProvider>;

/** A form field as the services' schemas take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/** The 404 page of an unknown process (or one of another tenant, which row-level security hides). */
export const processNotFound = (context: Ctx) =>
  data({ message: tFor(context)("participation.errors.notFound") }, { status: 404 });

/**
 * The refusal to publish in words: each missing thing named ("eine Ansprechperson mit Kontakt, der
 * Entscheidungsspielraum und das entscheidende Gremium").
 */
export function publishRefusal(t: TFunction, f: Failure): string {
  const keys = String(f.error.params?.missing ?? "")
    .split(",")
    .filter(Boolean);
  const names = keys.map((k) => t(`participation.missing.${k}`));
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t("participation.missing.and")} ${names.at(-1)}` : names[0];
  return t("participation.errors.publishMissing", { missing: list });
}
