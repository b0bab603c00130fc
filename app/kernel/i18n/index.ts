import i18next, { type TFunction } from "i18next";
import { isFullLanguage, isUiLanguage, type UiLanguage } from "./languages";

export * from "./languages";
type Json = Record<string, unknown>;

// Latin digits and the Gregorian calendar everywhere: dates, addresses and phone numbers must match
// what people read on German letters (Persian would otherwise default to the Solar Hijri calendar).
const FORMAT_LOCALES: Record<UiLanguage, string> = {
  de: "de-DE",
  en: "en-GB",
  ar: "ar-u-ca-gregory-nu-latn",
  fa: "fa-u-ca-gregory-nu-latn",
  tr: "tr-TR",
  uk: "uk-UA",
  ru: "ru-RU",
  ls: "de-DE",
};
/** The Intl locale for dates and numbers on a page in `lang`. */
export const formatLocale = (lang: string) => (isUiLanguage(lang) ? FORMAT_LOCALES[lang] : "de-DE");

// Every module keeps its strings in its own i18n/{lang}.json under a top-level key named after the
// module; they are merged into one namespace. The server holds all of them; the browser loads only
// the page's language and German (see loadLanguage), which keeps every page's JavaScript small.
const serverFiles: Record<string, Json> = import.meta.env.SSR
  ? import.meta.glob("/app/**/i18n/*.json", { eager: true, import: "default" })
  : {};
const clientFiles = import.meta.glob<Json>("/app/**/i18n/*.json", { import: "default" });
const langOf = (path: string) =>
  path
    .split("/")
    .pop()!
    .replace(/\.json$/, "");

function merge(target: Json, src: Json) {
  for (const [k, v] of Object.entries(src)) {
    if (v && typeof v === "object" && !Array.isArray(v)) merge((target[k] ??= {}) as Json, v as Json);
    else target[k] = v;
  }
}

const resources: Record<string, { translation: Json }> = {};
function add(lang: string, json: Json) {
  merge((resources[lang] ??= { translation: {} }).translation, json);
}
for (const [p, json] of Object.entries(serverFiles)) add(langOf(p), json);

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: "de",
  fallbackLng: "de",
  initAsync: false,
  // React escapes output itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No advertising line in server logs and browser consoles.
  showSupportNotice: false,
});

// Leichte Sprache follows German plural rules. i18next would ask Intl for "ls", which no runtime
// knows, and get the browser's own locale instead: Russian rules in a Russian browser, with forms
// (few, many) that ls.json does not have. Its resolver caches rules by this key; seed it.
type PluralRulesCache = { pluralRulesCache?: Record<string, Intl.PluralRules> };
const pluralCache = (instance.services.pluralResolver as unknown as PluralRulesCache).pluralRulesCache;
if (pluralCache)
  for (const type of ["cardinal", "ordinal"] as const)
    pluralCache[JSON.stringify({ cleanedCode: "ls", type })] = new Intl.PluralRules("de", { type });

/** For tests: the locale whose plural rules a language's strings follow. */
export const pluralLocale = (lang: string) =>
  (instance.services.pluralResolver as unknown as { getRule(c: string): Intl.PluralRules })
    .getRule(lang)
    .resolvedOptions().locale;

/** In the browser, before hydration: fetches the strings of `lang` and of the German fallback. */
export async function loadLanguage(lang: string): Promise<void> {
  const wanted = new Set(["de", isUiLanguage(lang) ? lang : "de"]);
  const loaded = await Promise.all(
    Object.entries(clientFiles)
      .filter(([p]) => wanted.has(langOf(p)))
      .map(async ([p, load]) => [langOf(p), await load()] as const),
  );
  for (const [l, json] of loaded) instance.addResourceBundle(l, "translation", json, true, true);
}

/**
 * Strings that only a module's own pages use, brought by those pages' code instead of the
 * i18n/{lang}.json every page fetches (a staff-only module would otherwise weigh on every public
 * page). A route module calls this when it loads, which is before it renders, in the server and
 * in the browser alike.
 */
export function addStrings(bundles: Record<string, Json>): void {
  for (const [lang, json] of Object.entries(bundles)) instance.addResourceBundle(lang, "translation", json, true, true);
}

// getFixedT builds a new function on each call, and every component of every page asks for one:
// one per language, made once, serves them all (the resources never change at run time).
const fixedTs = new Map<string, TFunction>();
export function getT(lang: string): TFunction {
  const l = isUiLanguage(lang) ? lang : "de";
  let t = fixedTs.get(l);
  if (!t) fixedTs.set(l, (t = instance.getFixedT(l)));
  return t;
}

/** For tests: the key paths of one language (plural suffixes removed). */
export function translationKeys(lang: string): string[] {
  const out: string[] = [];
  const walk = (o: Json, pre: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === "object") walk(v as Json, `${pre}${k}.`);
      else out.push(pre + k.replace(/_(one|other|zero|few|many|two)$/, ""));
    }
  };
  // The instance's bundle: the i18n/*.json files and every addStrings() bundle loaded so far.
  walk((instance.getResourceBundle(lang, "translation") as Json | undefined) ?? {}, "");
  return [...new Set(out)].sort();
}

/** Picks the UI language from ?lang=, the cookie, then Accept-Language. */
export function negotiateLanguage(
  param: string | null,
  cookie: string | undefined,
  acceptLanguage: string | null,
): UiLanguage {
  if (isUiLanguage(param)) return param;
  if (isUiLanguage(cookie)) return cookie;
  const first = acceptLanguage
    ?.split(",")
    .map((p) => p.trim().slice(0, 2).toLowerCase())
    .find(isUiLanguage);
  return first ?? "de";
}

/**
 * The language a page is shown in: a partial language only where its strings exist (the public
 * paths), German everywhere else, so that no page mixes a right-to-left frame with German forms.
 */
export function effectiveLanguage(lang: UiLanguage, pageInAllLanguages: boolean): UiLanguage {
  return isFullLanguage(lang) || pageInAllLanguages ? lang : "de";
}
