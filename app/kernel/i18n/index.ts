import i18next, { type TFunction } from "i18next";

// Every module keeps its strings in its own i18n/{de,en}.json under a top-level key named after
// the module; they are merged here into one namespace.
const files = import.meta.glob("/app/**/i18n/*.json", { eager: true, import: "default" }) as Record<string, Record<string, unknown>>;

export const UI_LANGUAGES = ["de", "en"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const isUiLanguage = (v: unknown): v is UiLanguage => UI_LANGUAGES.includes(v as UiLanguage);

function merge(target: Record<string, unknown>, src: Record<string, unknown>) {
  for (const [k, v] of Object.entries(src)) {
    if (v && typeof v === "object" && !Array.isArray(v)) merge((target[k] ??= {}) as Record<string, unknown>, v as Record<string, unknown>);
    else target[k] = v;
  }
}

const resources: Record<string, { translation: Record<string, unknown> }> = {};
for (const [p, json] of Object.entries(files)) {
  const lang = p.split("/").pop()!.replace(/\.json$/, "");
  merge((resources[lang] ??= { translation: {} }).translation, json);
}

const instance = i18next.createInstance();
void instance.init({
  resources, lng: "de", fallbackLng: "de", initAsync: false,
  // React escapes output itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No advertising line in server logs and browser consoles.
  showSupportNotice: false,
});

export function getT(lang: string): TFunction {
  return instance.getFixedT(isUiLanguage(lang) ? lang : "de");
}

/** For tests: every key present in one UI language must exist in the others. */
export function translationKeys(lang: string): string[] {
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, pre: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === "object") walk(v as Record<string, unknown>, `${pre}${k}.`);
      else out.push(pre + k.replace(/_(one|other|zero|few|many|two)$/, ""));
    }
  };
  walk(resources[lang]?.translation ?? {}, "");
  return [...new Set(out)].sort();
}

/** Picks the UI language from ?lang=, the cookie, then Accept-Language. */
export function negotiateLanguage(param: string | null, cookie: string | undefined, acceptLanguage: string | null): UiLanguage {
  if (isUiLanguage(param)) return param;
  if (isUiLanguage(cookie)) return cookie;
  const first = acceptLanguage?.split(",").map((p) => p.trim().slice(0, 2).toLowerCase()).find(isUiLanguage);
  return first ?? "de";
}
