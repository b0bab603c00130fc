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

/** The fields of a term that say how it is named; what a loader passes to a page that shows terms. */
export const labelled = <T extends Labelled & { id: string }>(term: T) => ({
  id: term.id,
  name: term.name,
  nameEn: term.nameEn ?? null,
  presetKey: term.presetKey ?? null,
});

/**
 * A term as a page in `lang` shows it: termLabel's text, and whether that is the tenant's German name
 * on a page in another language (then marked as content, kernel/ui/content.tsx).
 */
export function termText(t: (key: string) => string, lang: string, term: Labelled): { text: string; content: boolean } {
  const translated = lang === "de" || lang === "ls" || !!term.presetKey || (lang === "en" && !!term.nameEn);
  return { text: termLabel(t, lang, term), content: !translated };
}
