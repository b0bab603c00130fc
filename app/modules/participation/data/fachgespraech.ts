// The Fachgespräch template of Aachen's Integrationskonzept 2017 (seed 000:2510–2540). The four
// Themenfelder (seed 000:246–250) and the four guiding questions, one per Themenfeld, worded
// differently each time: kept verbatim with their source lines. `{hf}` marks the slot where a
// Fachgespräch names its Handlungsfeld, right after the words that refer to it.

export const THEMENFELDER = ["interkulturelle_oeffnung", "willkommenskultur", "quartier", "engagement"] as const;
export type Themenfeld = (typeof THEMENFELDER)[number];

export interface GuidingQuestion {
  themenfeld: Themenfeld;
  /** The question as the seed has it, with `{hf}` where the Handlungsfeld's name goes. */
  text: string;
  /** Where it stands in the seed: file and lines. */
  source: string;
}

export const GUIDING_QUESTIONS: readonly GuidingQuestion[] = [
  {
    themenfeld: "interkulturelle_oeffnung",
    text: "Welche Maßnahmen im vorliegenden Handlungsfeld{hf} sind im Themenfeld der Interkulturellen Öffnung noch zu ergänzen?",
    source: "000:2512–2514",
  },
  {
    themenfeld: "willkommenskultur",
    text: "Welche Bedarfe ergeben sich im vorliegenden Handlungsfeld{hf}, um die Anerkennungs- und Willkommenskultur zu stärken?",
    source: "000:2516–2518",
  },
  {
    themenfeld: "quartier",
    text: "Welche Möglichkeiten eröffnen sich auf der Ebene des Quartiers für das vorliegende Handlungsfeld{hf}?",
    source: "000:2520–2522",
  },
  {
    themenfeld: "engagement",
    text: "Gibt es im Rahmen des Ehrenamtes und des bürgerschaftlichen Engagements noch Unterstützungsbedarfe bezüglich des vorliegenden Handlungsfeldes{hf}?",
    source: "000:2524–2526",
  },
];

/** The question word for word as the seed has it (the slot left empty). */
export const verbatim = (q: GuidingQuestion) => q.text.replace("{hf}", "");

/** The question for one Handlungsfeld: its name in the slot, in German quotation marks. */
export const filled = (q: GuidingQuestion, handlungsfeld: string) => q.text.replace("{hf}", ` „${handlungsfeld}“`);
