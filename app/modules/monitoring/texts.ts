import { termLabel } from "~/kernel/taxonomy/label";
import { landPresetKey } from "~/kernel/taxonomy/presets";
import { CONTENT_LANGUAGE } from "~/kernel/ui/content";
import { CORE_SET } from "./catalogue";
import { CATALOGUE_LAND_FIELDS } from "./shared";

// Indicator names are tenant data, but the core set's are Teilhabe's own texts copied into every
// tenant (catalogue.ts), so Teilhabe can translate them (issue 18 item 6): names and fields in every
// public language, descriptions and sources in English (monitoring.coreSet.* in the i18n bundles).
// A tenant that changed such a text has written its own, which stays German and is marked as content.
// Shared with the browser: no server imports.

type T = (key: string) => string;

export type TextPart = "name" | "description" | "source";

/** What the texts of an indicator are looked up by: its code and core-set flag beside the stored texts. */
export interface IndicatorTexts {
  code: string;
  coreSet: boolean;
  name?: string | null;
  description?: string | null;
  source?: string | null;
}

/** A text with its language: the page's where translated, the tenant's German (content) otherwise. */
export interface LangText {
  text: string;
  lang: string;
}

const CATALOGUE = new Map(CORE_SET.map((i) => [i.code, i]));
const PART_KEYS = { name: "names", description: "descriptions", source: "sources" } as const;
/** The parts translated into every public language; descriptions and sources are in English only. */
const ALL_LANGUAGES: ReadonlySet<TextPart> = new Set(["name"]);

const own = (text: string): LangText => ({ text, lang: CONTENT_LANGUAGE });

/**
 * An indicator's name, description or source in the page's language `lang`: translated only when the
 * indicator is of the core set and its stored text is still the catalogue's; else the stored text as
 * German content. Null when the indicator has no such text. For a source read from the values (an
 * import's), pass it as `source`: it is translated only when it is the catalogue's source.
 */
export function indicatorText(t: T, lang: string, indicator: IndicatorTexts, part: TextPart): LangText | null {
  const text = indicator[part];
  if (!text) return null;
  if (lang === CONTENT_LANGUAGE || !indicator.coreSet) return own(text);
  if (lang !== "en" && !ALL_LANGUAGES.has(part)) return own(text);
  if (CATALOGUE.get(indicator.code)?.[part] !== text) return own(text);
  return { text: t(`monitoring.coreSet.${PART_KEYS[part]}.${indicator.code}`), lang };
}

/** An indicator's Handlungsfeld: the tenant's term with its English name and preset key, if any. */
export interface FieldTexts {
  field: string;
  fieldEn?: string | null;
  fieldPreset?: string | null;
}

/**
 * An indicator's Handlungsfeld in the page's language: a preset term (or one named in English) as the
 * taxonomy names it (kernel/taxonomy/label.ts); a field the catalogue made ("Demografie") from the
 * catalogue's translations; any other the tenant's own German.
 */
export function fieldText(t: T, lang: string, f: FieldTexts): LangText {
  if (lang === CONTENT_LANGUAGE) return own(f.field);
  if (f.fieldPreset || (lang === "en" && f.fieldEn))
    return { text: termLabel(t, lang, { name: f.field, nameEn: f.fieldEn, presetKey: f.fieldPreset }), lang };
  const land = Object.hasOwn(CATALOGUE_LAND_FIELDS, f.field) ? CATALOGUE_LAND_FIELDS[f.field] : null;
  return land ? { text: t(`taxonomy.term.${landPresetKey(land)}`), lang } : own(f.field);
}
