/**
 * The user-facing terms the glossary page (/begriffe) explains, in its order; each is the anchor of
 * its entry and the `id` of `<Term>`. Their words and explanations are `glossary.terms.<id>` in
 * glossary/strings/{de,en}.json. Browser-safe: `<Term>` imports this on every page.
 */
export const GLOSSARY_TERMS = [
  "ags",
  "angebot",
  "beteiligung",
  "einwanderungsgeschichte",
  "fallmanagement",
  "fassung",
  "fortschreibung",
  "geheimhaltung",
  "gremium",
  "handlungsfeld",
  "indikator",
  "integrationsatlas",
  "integrationskonzept",
  "integrationsmonitoring",
  "interkulturelle-oeffnung",
  "kernset",
  "kommune",
  "leitziel",
  "massnahme",
  "sozialraum",
  "sprachmittlung",
  "traeger",
  "vorlage",
  "zielgruppe",
] as const;

export type TermId = (typeof GLOSSARY_TERMS)[number];

/** The glossary page; a term's entry is its anchor there. */
export const GLOSSARY_PATH = "/begriffe";
export const termHref = (id: TermId) => `${GLOSSARY_PATH}#${id}`;
