import { useRouteLoaderData } from "react-router";
import { formatLocale, getT, type UiLanguage } from "../i18n";
import type { Role } from "../roles";
import { formatDate, formatDateTime } from "../dates";

/** What the root route (app/root.tsx) loads for every page; declared here so the kernel needs no import of the app shell. */
export interface RootData {
  lang: UiLanguage;
  allLanguages: boolean;
  csrfToken: string;
  nonce: string;
  user: {
    displayName: string;
    email: string;
    isSuperadmin: boolean;
    memberships: { slug: string; tenantName: string; role: Role }[];
  } | null;
}

export function useRoot(): RootData {
  return useRouteLoaderData("root") as RootData;
}

/** The translation function for the request's UI language (same on server and client). */
export function useT() {
  const root = useRoot();
  return getT(root?.lang ?? "de");
}

/** Formats dates and numbers in a language without depending on the machine's locale data. */
export function formatsFor(lang: string) {
  const locale = formatLocale(lang);
  return {
    date: (d: Date | string | null | undefined) => formatDate(d, locale),
    dateTime: (d: Date | string | null | undefined) => formatDateTime(d, locale),
    number: (n: number | null | undefined, digits = 0) =>
      n == null
        ? "–"
        : new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n),
  };
}

/** The page's formats (formatsFor its language); loaders that format the same way use formatsFor. */
export function useFormat() {
  return formatsFor(useRoot().lang);
}
