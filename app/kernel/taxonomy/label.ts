// How a term is named in a language (shared with the browser: no server imports). German is always
// the tenant's own name; a preset term has translations for every public language
// (taxonomy.term.<presetKey>, decision 0037); a tenant's own term falls back to its German name
// (English: its English name when given).
export interface Labelled {
  name: string;
  nameEn?: string | null;
  presetKey?: string | null;
}

export function termLabel(t: (key: string) => string, lang: string, term: Labelled): string {
  if (lang === "de") return term.name;
  if (lang === "en" && term.nameEn) return term.nameEn;
  return term.presetKey ? t(`taxonomy.term.${term.presetKey}`) : term.name;
}
