// The seed's catalogues for the self-assessment cycle, verbatim from the Hessen guide (seed 003,
// "Interkulturelle Öffnung" chapter) with the line each item starts on and the lines it spans. Words
// the PDF split at a line end are joined again ("Verwaltungs- strukturen" → "Verwaltungsstrukturen");
// nothing else is changed. catalogues.test.ts compares them with hand-typed fixtures and, where the
// seed file is at hand, with the seed's lines themselves.
//
// Plain data without imports: the staff pages show the texts, and each tenant's copy (seeded on
// first use, assessment/service.ts) keeps the source line so a printed assessment can cite it.

export const SEED_003 = "003_9577f9d74df65916.txt";

export interface CatalogueItem {
  /** Stable code within the catalogue, e.g. "barrier.3" or "question.ziele.2". */
  code: string;
  text: string;
  /** A longer text that belongs to the item (a resistance statement's explanation). */
  detail?: string;
  /** First and last line of the item in the seed file (1-based, inclusive). */
  lines: [number, number];
}

export const CATALOGUE_KINDS = ["criteria", "barriers", "factors", "prompts", "questions"] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const PHASES = ["leitbild", "bestandsaufnahme", "ziele", "massnahmen", "evaluation"] as const;
export type Phase = (typeof PHASES)[number];

export interface Catalogue {
  key: string;
  kind: CatalogueKind;
  title: string;
  /** The heading the seed gives the list, with its line (null where the list has none of its own). */
  heading: { text: string; line: number } | null;
  /** For question sets: the phase of the cycle they open. */
  phase?: Phase;
  items: CatalogueItem[];
}

const item = (code: string, from: number, to: number, text: string, detail?: string): CatalogueItem =>
  detail === undefined ? { code, text, lines: [from, to] } : { code, text, detail, lines: [from, to] };

export const BUILTIN_CATALOGUES: readonly Catalogue[] = [
  {
    key: "ansatzpunkte",
    kind: "criteria",
    title: "Ansatzpunkte für interkulturelle Öffnung",
    heading: { text: "Ansatzpunkte für interkulturelle Öffnung:", line: 2536 },
    items: [
      item("ansatz.1", 2538, 2538, "Leitbild und Grundsätze spiegeln Vielfalt-Politik wider."),
      item("ansatz.2", 2539, 2539, "Interkulturelle Öffnung ist verankert in den Jahreszielen."),
      item("ansatz.3", 2540, 2540, "Schlüsselprozesse werden auf interkulturelle Faktoren geprüft und verändert."),
      item("ansatz.4", 2541, 2541, "Zugangsbarrieren zu den Dienstleistungen werden analysiert."),
      item("ansatz.5", 2542, 2542, "Interkulturelle Seminare zur Personalentwicklung werden angeboten."),
      item("ansatz.6", 2543, 2543, "Anforderungen von Kundinnen und Kunden mit Migrationshintergrund werden erfragt."),
      item("ansatz.7", 2544, 2544, "Mitarbeiterinnen und Mitarbeiter mit Migrationshintergrund werden eingestellt."),
      item("ansatz.8", 2545, 2545, "Eine Analyse der Struktur von Nutzerinnen und Nutzern findet statt."),
      item("ansatz.9", 2546, 2546, "Öffentlichkeitsarbeit und Vernetzung werden ausgebaut."),
      item("ansatz.10", 2547, 2547, "Räumliche Veränderungen insbesondere im Empfangsbereich finden statt."),
    ],
  },
  {
    key: "zugangsbarrieren",
    kind: "barriers",
    title: "Beispiele für Zugangsbarrieren",
    heading: { text: "Beispiele für Zugangsbarrieren:", line: 1905 },
    items: [
      item(
        "barrier.1",
        1907,
        1908,
        "Informationsdefizite auf beiden Seiten (z. B. über Bildungssysteme oder Verwaltungsstrukturen),",
      ),
      item("barrier.2", 1910, 1910, "Vorurteile gegenüber Menschen mit Migrationshintergrund"),
      item("barrier.3", 1911, 1911, "Bürokratische Beratungsstruktur"),
      item("barrier.4", 1912, 1912, "Unterschiedliches Kommunikationsverhalten"),
      item("barrier.5", 1913, 1913, "Ängste vor ausländerrechtlichen Konsequenzen"),
      item("barrier.6", 1914, 1914, "Sprachschwierigkeiten, die die Verständigung behindern"),
      item("barrier.7", 1915, 1915, "Gleichbehandlung von Ungleichem"),
    ],
  },
  {
    key: "erfolgsfaktoren",
    kind: "factors",
    title: "Erfolgsfaktoren",
    // The seed prints the heading in the margin after the list ("Auf einen Blick: Erfolgsfaktoren").
    heading: { text: "Auf einen Blick: Erfolgsfaktoren", line: 2529 },
    items: [
      item(
        "factor.1",
        2510,
        2511,
        "Prozess der interkulturellen Orientierung und Öffnung als Führungsaufgabe wahrnehmen und als längerfristige Strategie planen;",
      ),
      item(
        "factor.2",
        2513,
        2514,
        "alle Bereiche der Organisation in den Öffnungsprozess als Querschnittspolitik einbeziehen;",
      ),
      item(
        "factor.3",
        2516,
        2517,
        "Mitarbeiterinnen und Mitarbeiter in den Prozess einbinden und über den Verlauf informieren;",
      ),
      item("factor.4", 2519, 2519, "ständige Kommunikation und lebendige Diskussion über den Prozess gewährleisten;"),
      item(
        "factor.5",
        2520,
        2522,
        "Ängste vor Veränderung ernst nehmen und dadurch Motivation und Änderungsbereitschaft erhöhen;",
      ),
      item("factor.6", 2523, 2523, "gute Praxis publizieren und würdigen und als Anknüpfungsmöglichkeiten nutzen;"),
      item(
        "factor.7",
        2524,
        2526,
        "unterstützende Strukturen schaffen, Zeit und Ressourcen einplanen sowie Vernetzung nach außen herstellen;",
      ),
      item("factor.8", 2527, 2527, "Tabuthemen (Vorurteile, Diskriminierung) aufgreifen."),
    ],
  },
  {
    key: "widerstaende",
    kind: "prompts",
    title: "Typische Widerstände",
    heading: null,
    items: [
      item(
        "resistance.1",
        2420,
        2423,
        "„Wir behandeln alle gleich.“",
        "Diese Einstellung ist weit verbreitet und besonders gefährlich, weil sie sich angesichts des Gleichheitspostulats moralisch unangreifbar glaubt. Sie übersieht, dass Ungleiches nicht gleich behandelt werden darf und dass damit Machtverhältnisse und Diskriminierungen verschleiert werden.",
      ),
      item(
        "resistance.2",
        2425,
        2431,
        "„Wir wollen nicht ethnisieren.“",
        "Diese Position kann als reflexive Variante der zuvor genannten verstanden werden, nimmt sie doch scheinbar kritisch interkulturelle Aspekte auf. Aus Sorge vor einer ausgrenzenden, auf die Ethnie reduzierenden Wahrnehmung werden Differenz und Diversität einfach geleugnet. In der Alltagspraxis sind dann aber spezifische Unterschiede vorhanden, die unverstanden und unreflektiert häufig kulturalistisch uminterpretiert werden.",
      ),
      item(
        "resistance.3",
        2433,
        2438,
        "„Wir arbeiten problemorientiert.“",
        "Im Vordergrund steht scheinbar ausschließlich ein zu lösendes Problem, das bei Menschen mit und ohne Migrationshintergrund ähnlich erscheint und lediglich problemspezifische Herangehensweisen erfordert. Migrationssensible Gesichtspunkte, die die Identität und die Ressourcen der Zielgruppe angemessen berücksichtigen, bleiben außen vor.",
      ),
      item(
        "resistance.4",
        2440,
        2445,
        "„Wir haben schon immer mit Ausländern gearbeitet.“",
        "Dieser Abwehrreflex gilt einer interkulturellen Qualifizierung als neuer Herausforderung und leugnet den Paradigmenwechsel von der Migrationssozialarbeit zur interkulturellen Arbeit. Die Position ist von der alten Ausländerpädagogik geprägt und geht einher mit einer Defizitorientierung und paternalistischen Haltung gegenüber den Klientinnen und Klienten.",
      ),
      item(
        "resistance.5",
        2447,
        2452,
        "„Instrumente sind farbenblind.“",
        "Die Verfahren und Methoden werden als bloße Instrumente gesehen, um die notwendige und geeignete Hilfe zu finden. Instrumente und Verfahren werden als objektive Möglichkeiten missverstanden, die scheinbar wertfrei und neutral zu Ergebnissen kommen. Interkulturelle und geschlechtsreflexive Fragen ergeben sich aber nicht erst beispielsweise bei der Hilfedurchführung, sondern schon bei der Diagnose und Planung.",
      ),
      item(
        "resistance.6",
        2454,
        2461,
        "„Wir sind ohnehin überbelastet.“",
        "Personalabbau und Sparmaßnahmen haben in der öffentlichen Verwaltung dazu geführt, dass die Mitarbeiterinnen und Mitarbeiter mit einer großen Arbeitsverdichtung zu kämpfen haben. In dieser Situation entsteht die Furcht vor Mehrbelastung durch eine besonders „schwierige und belastete“ Klientel bzw. Kundschaft. Die Delegation solcher Menschen an bestehende Sonderdienste kommt damit gelegen. Die Vorteile und Arbeitsentlastung durch interkulturelle Qualifizierung und Öffnung müssen offensiver deutlich gemacht werden.",
      ),
    ],
  },
  {
    key: "fragen.leitbild",
    kind: "questions",
    phase: "leitbild",
    title: "Orientierende Einstiegsfragen",
    heading: { text: "Orientierende Einstiegsfragen können sein:", line: 2080 },
    items: [
      item("question.leitbild.1", 2080, 2081, "Haben wir in unserer Organisation jemals eine Vision kommuniziert?"),
      item(
        "question.leitbild.2",
        2081,
        2081,
        "Gibt es in unserer Kommune, in unserer Organisation bereits ein Leitbild?",
      ),
      item("question.leitbild.3", 2081, 2082, "Macht das Leitbild Aussagen zur interkulturellen Öffnung?"),
      item(
        "question.leitbild.4",
        2082,
        2083,
        "Wie steigen wir in den Prozess der (Weiter-)Entwicklung des Leitbildes ein?",
      ),
    ],
  },
  {
    key: "fragen.bestandsaufnahme",
    kind: "questions",
    phase: "bestandsaufnahme",
    title: "Fragen für den Einstieg",
    heading: { text: "Stellen Sie sich für den Einstieg die Fragen:", line: 2223 },
    items: [
      item(
        "question.bestandsaufnahme.1",
        2224,
        2226,
        "Wo bin ich persönlich als Führungskraft, als Mitarbeiterin und Mitarbeiter in meinem Verantwortungsbereich gut?",
      ),
      item(
        "question.bestandsaufnahme.2",
        2227,
        2227,
        "Welche Erfahrungen und Kenntnisse bringen wir als Team, als Organisation schon mit?",
      ),
      item(
        "question.bestandsaufnahme.3",
        2228,
        2228,
        "Haben wir bereits Mitarbeitende mit Migrationserfahrung, welcher Art auch immer?",
      ),
      item(
        "question.bestandsaufnahme.4",
        2229,
        2231,
        "Haben wir in unseren Netzwerken Kontakte zu Organisationen der Migrationsarbeit, vielleicht sogar zu Migrantenorganisationen und Selbsthilfeinitiativen?",
      ),
      item("question.bestandsaufnahme.5", 2232, 2232, "Welche Zugangshindernisse fallen besonders auf?"),
    ],
  },
  {
    key: "fragen.ziele",
    kind: "questions",
    phase: "ziele",
    title: "Ziele als Fragen",
    heading: {
      text: "Es ist hilfreich, als Fragen zu formulieren, was in Zielen umgesetzt werden soll. Also:",
      line: 2240,
    },
    items: [
      item(
        "question.ziele.1",
        2241,
        2243,
        "Wie sichern wir einen wertschätzenden Umgang mit Menschen mit Migrationshintergrund in unserer Kommune?",
      ),
      item("question.ziele.2", 2244, 2244, "Wie erhöhen wir deren Anteil an unseren Nutzerinnen und Nutzern?"),
      item(
        "question.ziele.3",
        2245,
        2247,
        "Wie fördern wir die Sensibilität der Mitarbeiterschaft, wie deren kulturelle und interkulturelle Kompetenz?",
      ),
      item(
        "question.ziele.4",
        2248,
        2250,
        "Welche Instrumente der Evaluation und der Nutzerbefragung sind für unsere Einrichtungen geeignet?",
      ),
    ],
  },
  {
    key: "fragen.prozessauswahl",
    kind: "questions",
    phase: "massnahmen",
    title: "Fragen für die Auswahl eines geeigneten Prozesses",
    heading: { text: "Hilfreiche Fragen für die Auswahl eines geeigneten Prozesses können sein:", line: 2326 },
    items: [
      item("question.prozessauswahl.1", 2327, 2327, "Welche Ressourcen bringen wir mit? (Wo sind wir gut?)"),
      item("question.prozessauswahl.2", 2328, 2328, "Welche Hindernisse sehen wir? (Wo wollen wir uns verbessern?)"),
      item("question.prozessauswahl.3", 2329, 2329, "Welche relevanten Arbeitsprozesse wollen wir bearbeiten?"),
    ],
  },
  {
    key: "fragen.prozessanalyse",
    kind: "questions",
    phase: "massnahmen",
    title: "Fragen bei der Analyse des Prozesses",
    heading: { text: "Fragen bei der Analyse des Prozesses sind beispielsweise:", line: 2331 },
    items: [
      item("question.prozessanalyse.1", 2332, 2332, "Welche Bedürfnisse haben Nutzer/innen?"),
      item("question.prozessanalyse.2", 2333, 2333, "Unterstützt der Prozess wirklich das Ziel?"),
      item("question.prozessanalyse.3", 2334, 2334, "Kann der Prozess verbessert werden?"),
      item("question.prozessanalyse.4", 2335, 2335, "Wie ist der Prozess derzeit geregelt?"),
      item(
        "question.prozessanalyse.5",
        2336,
        2338,
        "Wie soll der Prozess künftig gestaltet sein (z. B.: Entscheidungskompetenzen, Schnittstellen, Ablauf, Querschnittsfragen)?",
      ),
    ],
  },
  {
    key: "fragen.evaluation",
    kind: "questions",
    phase: "evaluation",
    title: "Evaluation",
    heading: null,
    items: [item("question.evaluation.1", 2532, 2532, "Haben wir unsere Ziele erreicht?")],
  },
];

export const builtinCatalogue = (key: string) => BUILTIN_CATALOGUES.find((c) => c.key === key);
