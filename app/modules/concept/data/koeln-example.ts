/**
 * A small, invented Integrationskonzept for the Köln demo tenant, so that one tenant shows the whole
 * management cycle: data → goal → measure → offer → report. Köln has a real Integrationskonzept of
 * its own; nothing here is taken from it. Goals, measures, statuses, dates, organisations' roles and
 * reports are made up; only the monitoring data the targets point at is real (Offene Daten Köln,
 * population 2005–2012, loaded by the monitoring demo from SHARED_DATA_DIR/koeln).
 *
 * Plain data: demo-koeln.ts seeds it, and the steering reads `targets`, `indicators` and `areas` to
 * link goals and measures to the monitoring. Goals are addressed as the concept's exports address
 * them, "Themenfeld/Nummer" (`1/1` is Leitziel 1 of Themenfeld 1, `1/1.2` its Teilziel 1.2).
 *
 * The expected status beside each target follows this rule, computed from bevoelkerung.csv:
 * baseline = value in baseYear (or the earliest year), latest = last year with data (2012);
 * achieved if latest meets the target; off track if it did not move towards it; else on track if the
 * share of the way covered ≥ the share of the time elapsed (baseYear → year), else at risk.
 */
import type { OrganisationKind } from "~/kernel/roles";
import type { MeasureStatus } from "../constants";

/** "stadtteil:609" or "stadtbezirk:6": a key of Köln's monitoring areas (Stadtteil = raum_id, Stadtbezirk without leading zeros). */
export type AreaRef = `${"stadtteil" | "stadtbezirk"}:${string}`;

export interface ExampleTarget {
  /** Indicator code in Köln's monitoring catalogue. */
  indicator: string;
  /** Omitted: the whole city (area "stadt:0"). */
  area?: AreaRef;
  /** The indicator's group; omitted where it has only one ("gesamt"). */
  group?: string;
  /** value: the indicator reaches `value`; parity: the value of `group` reaches that of `compareGroup` (no `value`). */
  kind: "value" | "parity";
  /** In the indicator's unit (shares in percent, 0–100). */
  value?: number;
  direction: "hoch" | "niedrig";
  /** Target year. */
  year?: number;
  baseYear?: number;
  compareGroup?: string;
}

export interface ExampleGoal {
  number: string;
  /** The goal as a target state. */
  title: string;
  /** Handlungsfelder (names of HANDLUNGSFELDER_AACHEN), tagged on Teilziele. */
  handlungsfelder?: string[];
  targets: ExampleTarget[];
}
export interface ExampleLeitziel extends ExampleGoal {
  teilziele: ExampleGoal[];
}
export interface ExampleThemenfeld {
  number: string;
  title: string;
  leitziele: ExampleLeitziel[];
}

export interface ExampleMeasure {
  code: string;
  title: string;
  description: string;
  targetGroups?: string;
  quantitativeTarget?: string;
  budget?: number;
  /** Goal references "Themenfeld/Nummer". */
  goals: string[];
  handlungsfelder: string[];
  lead: string;
  partners?: string[];
  startsOn: string;
  endsOn: string | null;
  progress: number;
  /** The first entry is the status the measure is created with; the others follow as status changes. */
  steps: { status: MeasureStatus; on: string; reason: string }[];
  milestones: { title: string; dueOn: string; doneOn?: string }[];
  /** Published "Stand der Umsetzung" reports; `by` names the demo account that writes them. */
  updates?: { reportedOn: string; body: string; progress?: number; by: "editor" | "partner" }[];
  /** Indicator codes the measure is meant to move. */
  indicators: string[];
  /** Where it works; empty: the whole city. */
  areas: AreaRef[];
}

export interface KoelnExample {
  edition: {
    title: string;
    status: "beschlossen";
    adoptedOn: string;
    adoptedBy: string;
    haltungTitle: string;
    haltung: string;
    exampleNote: string;
  };
  /** The note every measure carries. */
  measureNote: string;
  organisations: { name: string; shortName?: string; kind: OrganisationKind }[];
  themenfelder: ExampleThemenfeld[];
  measures: ExampleMeasure[];
}

const NOTE =
  "Beispielkonzept für die Demonstration – Köln hat ein eigenes Integrationskonzept; Ziele, Maßnahmen und Status hier sind erfunden, die Daten im Monitoring sind echte Daten der Stadt Köln.";

const AMT = "Amt für Integration und Vielfalt";
const INTEGRATIONSRAT = "Integrationsrat der Stadt Köln";
const FLUECHTLINGSRAT = "Kölner Flüchtlingsrat e.V.";
const VHS = "Volkshochschule Köln";
const CARITAS = "Caritasverband für die Stadt Köln e.V.";
const SPORTBUND = "Stadtsportbund Köln e.V.";

const SPRACHE = "Sprache / Bildung";
const ARBEIT = "Arbeit / Weiterbildung";
const WOHNEN = "Wohnen / Sozialplanung";
const SPORT = "Sport / Gesundheit";
const PRESSE = "Öffentlichkeitsarbeit / Presse";

export const KOELN_EXAMPLE: KoelnExample = {
  edition: {
    title: "Integrationskonzept Köln – Beispielfassung für die Demonstration",
    status: "beschlossen",
    adoptedOn: "2010-06-01",
    adoptedBy: "Rat der Stadt Köln (Beispiel)",
    haltungTitle: "Kölner Haltung (Beispieltext)",
    haltung: [
      "Beispieltext, für die Demonstration erfunden:",
      "Köln ist seit jeher eine Stadt der Zuwanderung. Alle, die hier leben, gehören dazu – gleich, wo sie geboren sind.",
      "Wer auf Dauer in Köln lebt, soll auch mitentscheiden können. Wir werben für die Einbürgerung und machen den Weg dorthin leicht.",
      "Integration geschieht im Veedel. Wir setzen dort an, wo viele Menschen mit Einwanderungsgeschichte wohnen, und arbeiten mit den Trägern vor Ort.",
      "Wir messen uns an Daten: Jedes Ziel sagt, woran wir erkennen, ob wir vorankommen.",
    ].join("\n\n"),
    exampleNote: `${NOTE} Auch Beschlussdatum (1. Juni 2010) und Beschlussgremium sind erfunden.`,
  },
  measureNote: NOTE,
  /**
   * Organisations the measures name beyond the kernel's Köln demo set (Amt für Integration und Vielfalt,
   * Kölner Flüchtlingsrat, Integrationsrat). The same providers as the atlas's Köln offers, so a
   * measure and the offers in its Stadtteil share their organisation; their roles here are invented.
   */
  organisations: [
    { name: VHS, shortName: "VHS", kind: "bildungstraeger" },
    { name: CARITAS, kind: "wohlfahrtsverband" },
    { name: SPORTBUND, kind: "verein" },
  ],
  themenfelder: [
    {
      number: "1",
      title: "Einbürgerung und gleiche Rechte",
      leitziele: [
        {
          number: "1",
          title:
            "Kölnerinnen und Kölner mit Einwanderungsgeschichte, die die Voraussetzungen erfüllen, lassen sich einbürgern: Der Anteil der Eingebürgerten an der Bevölkerung steigt bis 2020 auf 12 %.",
          targets: [
            // on track: 9.50 (2010) → 10.23 (2012), 29 % of the way after 20 % of the time
            { indicator: "eingebuergerte_anteil", kind: "value", value: 12, direction: "hoch", year: 2020, baseYear: 2010 },
          ],
          teilziele: [
            {
              number: "1.1",
              title:
                "Alle, die sich einbürgern lassen könnten, kennen den Weg dorthin: Stadtweit steigt der Anteil der Eingebürgerten bis 2015 auf 11 %.",
              handlungsfelder: [PRESSE],
              targets: [
                // on track: 9.50 (2010) → 10.23 (2012), 49 % of the way after 40 % of the time
                { indicator: "eingebuergerte_anteil", kind: "value", value: 11, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
            {
              number: "1.2",
              title:
                "In Chorweiler, wo besonders viele Menschen ohne deutschen Pass leben, steigt der Anteil der Eingebürgerten bis 2015 auf 22 %.",
              handlungsfelder: [PRESSE, WOHNEN],
              targets: [
                // at risk: 18.22 (2010) → 19.04 (2012), 22 % of the way after 40 % of the time
                { indicator: "eingebuergerte_anteil", area: "stadtteil:609", kind: "value", value: 22, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
          ],
        },
        {
          number: "2",
          title:
            "Mehr Kölnerinnen und Kölner haben die vollen politischen Rechte: Der Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit sinkt bis 2020 auf 16 %.",
          targets: [
            // off track: 17.00 (2010) → 17.27 (2012), moved away from the target
            { indicator: "auslaender_anteil", kind: "value", value: 16, direction: "niedrig", year: 2020, baseYear: 2010 },
          ],
          teilziele: [
            {
              number: "2.1",
              title:
                "In Kalk sinkt der Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit bis 2015 auf 36,5 %, weil sich mehr Menschen einbürgern lassen.",
              handlungsfelder: [WOHNEN],
              targets: [
                // achieved: 37.08 (2010) → 36.17 (2012) ≤ 36.5
                { indicator: "auslaender_anteil", area: "stadtteil:802", kind: "value", value: 36.5, direction: "niedrig", year: 2015, baseYear: 2010 },
              ],
            },
            {
              number: "2.2",
              title:
                "In Mülheim sinkt der Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit bis 2015 auf 28 %, weil sich mehr Menschen einbürgern lassen.",
              handlungsfelder: [WOHNEN],
              targets: [
                // off track: 30.45 (2010) → 30.62 (2012), moved away from the target
                { indicator: "auslaender_anteil", area: "stadtteil:901", kind: "value", value: 28, direction: "niedrig", year: 2015, baseYear: 2010 },
              ],
            },
          ],
        },
      ],
    },
    {
      number: "2",
      title: "Aufwachsen und Zusammenleben im Veedel",
      leitziele: [
        {
          number: "1",
          title:
            "Kinder aus Einwanderungsfamilien besuchen so selbstverständlich eine Kita wie alle anderen: Bis 2015 ist die Betreuungsquote der 3- bis 6-Jährigen mit Migrationshintergrund so hoch wie die der Kinder ohne.",
          targets: [
            // no data: Köln's open data has no Kita figures
            { indicator: "kita_quote", group: "mit_mh", compareGroup: "ohne_mh", kind: "parity", direction: "hoch", year: 2015, baseYear: 2010 },
          ],
          teilziele: [
            {
              number: "1.1",
              title:
                "Bis 2015 besuchen 95 % der Kinder mit Migrationshintergrund von 3 bis unter 6 Jahren eine Kindertageseinrichtung.",
              handlungsfelder: [SPRACHE],
              targets: [
                // no data: Köln's open data has no Kita figures
                { indicator: "kita_quote", group: "mit_mh", kind: "value", value: 95, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
            {
              number: "1.2",
              title:
                "Familien mit kleinen Kindern finden in Finkenberg ein gutes Umfeld und bleiben im Stadtteil: Der Anteil der Kinder unter drei Jahren steigt bis 2015 auf 3,5 %.",
              handlungsfelder: [SPRACHE, WOHNEN],
              targets: [
                // achieved: 3.08 (2010) → 3.72 (2012) ≥ 3.5
                { indicator: "altersgruppen_anteil", area: "stadtteil:716", group: "00-03", kind: "value", value: 3.5, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
          ],
        },
        {
          number: "2",
          title:
            "Junge Menschen sehen im Stadtbezirk Chorweiler eine Zukunft und bleiben: Der Anteil der 18- bis unter 25-Jährigen steigt bis 2020 auf 9,5 %.",
          targets: [
            // off track: 9.16 (2010) → 8.88 (2012), moved away from the target
            { indicator: "altersgruppen_anteil", area: "stadtbezirk:6", group: "18-25", kind: "value", value: 9.5, direction: "hoch", year: 2020, baseYear: 2010 },
          ],
          teilziele: [
            {
              number: "2.1",
              title:
                "Junge Erwachsene mit Einwanderungsgeschichte finden in Mülheim Ausbildung und Arbeit und bleiben im Stadtteil: Der Anteil der 18- bis unter 25-Jährigen steigt bis 2015 auf 10 %.",
              handlungsfelder: [ARBEIT, SPRACHE],
              targets: [
                // on track: 9.36 (2010) → 9.73 (2012), 58 % of the way after 40 % of the time
                { indicator: "altersgruppen_anteil", area: "stadtteil:901", group: "18-25", kind: "value", value: 10, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
            {
              number: "2.2",
              title:
                "Junge Menschen in Meschenich haben Orte für Sport und Freizeit und bleiben im Stadtteil: Der Anteil der 18- bis unter 25-Jährigen steigt bis 2015 auf 9,5 %.",
              handlungsfelder: [SPORT],
              targets: [
                // at risk: 8.84 (2010) → 9.04 (2012), 30 % of the way after 40 % of the time
                { indicator: "altersgruppen_anteil", area: "stadtteil:213", group: "18-25", kind: "value", value: 9.5, direction: "hoch", year: 2015, baseYear: 2010 },
              ],
            },
          ],
        },
      ],
    },
  ],
  measures: [
    {
      code: "M 1.1.1",
      title: "Stadtweite Einbürgerungskampagne",
      description:
        "Plakate, Anzeigen und Informationsabende in zehn Sprachen werben für die Einbürgerung und erklären die Voraussetzungen; Migrantenorganisationen laden zu den Abenden ein.",
      targetGroups: "Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit, die seit mindestens acht Jahren in Köln leben",
      budget: 60000,
      goals: ["1/1.1"],
      handlungsfelder: [PRESSE],
      lead: AMT,
      partners: [INTEGRATIONSRAT],
      startsOn: "2010-09-01",
      endsOn: "2013-06-30",
      progress: 0,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2010-09-01", reason: "Kampagne gestartet (Beispiel)" },
        { status: "umgesetzt", on: "2012-12-10", reason: "Kampagne abgeschlossen und ausgewertet (Beispiel)" },
        { status: "verstetigt", on: "2013-06-30", reason: "Informationsabende gehören jetzt zum Regelangebot des Amtes (Beispiel)" },
      ],
      milestones: [
        { title: "Kampagnenmaterial in zehn Sprachen gedruckt (Beispiel)", dueOn: "2011-03-31", doneOn: "2011-03-15" },
        { title: "Auswertung im Integrationsrat vorgestellt (Beispiel)", dueOn: "2012-12-31", doneOn: "2012-12-10" },
      ],
      updates: [
        {
          by: "editor",
          reportedOn: "2012-12-10",
          body: "Beispielbericht: Die Kampagne lief zwei Jahre in Bahnen, Bürgerämtern und Vereinsräumen; 38 Informationsabende mit zusammen rund 1.500 Gästen. Der Integrationsrat empfiehlt, die Abende dauerhaft anzubieten.",
        },
      ],
      indicators: ["eingebuergerte_anteil"],
      areas: [],
    },
    {
      code: "M 1.1.2-1",
      title: "Einbürgerungslotsinnen und -lotsen in Chorweiler",
      description:
        "Eingebürgerte Nachbarinnen und Nachbarn begleiten Interessierte durch das Verfahren: Unterlagen, Sprachnachweis, Einbürgerungstest, Termin bei der Behörde.",
      targetGroups: "Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit in Chorweiler",
      quantitativeTarget: "Mindestens 20 aktive Lotsinnen und Lotsen; Sprechstunde an zwei Tagen pro Woche",
      budget: 45000,
      goals: ["1/1.2"],
      handlungsfelder: [PRESSE, WOHNEN],
      lead: CARITAS,
      partners: [AMT],
      startsOn: "2011-01-01",
      endsOn: "2027-12-31",
      progress: 40,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2011-01-15", reason: "Erste Schulung der Lotsinnen und Lotsen (Beispiel)" },
      ],
      milestones: [
        { title: "20 Lotsinnen und Lotsen geschult (Beispiel)", dueOn: "2011-12-31", doneOn: "2012-02-15" },
        { title: "Sprechstunde im Bürgerzentrum Chorweiler an zwei Tagen pro Woche (Beispiel)", dueOn: "2025-06-30" },
      ],
      updates: [
        {
          by: "editor",
          reportedOn: "2026-10-01",
          progress: 60,
          body: "Beispielbericht: 24 Lotsinnen und Lotsen sind aktiv. Die Sprechstunde im Bürgerzentrum Chorweiler findet bisher an einem Tag pro Woche statt; für den zweiten Tag fehlt noch ein Raum.",
        },
      ],
      indicators: ["eingebuergerte_anteil"],
      areas: ["stadtteil:609"],
    },
    {
      code: "M 1.1.2-2",
      title: "Einbürgerungsberatung im Bezirksrathaus Chorweiler",
      description:
        "Eine feste Sprechstunde der Einbürgerungsbehörde im Bezirksrathaus, damit niemand aus Chorweiler und Seeberg für die Beratung in die Innenstadt fahren muss.",
      goals: ["1/1.2"],
      handlungsfelder: [WOHNEN],
      lead: AMT,
      startsOn: "2027-01-01",
      endsOn: "2029-12-31",
      progress: 0,
      steps: [
        {
          status: "beschlossen",
          on: "2010-06-01",
          reason: "Mit dem Beispielkonzept beschlossen; Beginn, sobald die Stelle besetzt ist (Beispiel)",
        },
      ],
      milestones: [{ title: "Räume im Bezirksrathaus vereinbart (Beispiel)", dueOn: "2027-03-31" }],
      indicators: ["eingebuergerte_anteil"],
      areas: ["stadtteil:609", "stadtteil:603"],
    },
    {
      code: "M 1.2.1",
      title: "Rechtsberatung zu Aufenthalt und Einbürgerung in Kalk und Vingst",
      description:
        "Offene Beratung zu Aufenthaltsrecht und Einbürgerung, mit Dolmetscherinnen und Dolmetschern, in Kalk und an einem Nachmittag pro Woche in Vingst.",
      targetGroups: "Geflüchtete und andere Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit",
      budget: 120000,
      goals: ["1/2.1"],
      handlungsfelder: [WOHNEN],
      lead: FLUECHTLINGSRAT,
      partners: [CARITAS],
      startsOn: "2010-11-01",
      endsOn: "2014-12-31",
      progress: 0,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2010-11-01", reason: "Beratungsstelle eröffnet (Beispiel)" },
        { status: "umgesetzt", on: "2014-12-31", reason: "Projektzeit beendet, Abschlussbericht liegt vor (Beispiel)" },
      ],
      milestones: [
        { title: "Beratungsstelle in Kalk eröffnet (Beispiel)", dueOn: "2011-01-31", doneOn: "2010-11-01" },
        { title: "Sprechzeit in Vingst eingerichtet (Beispiel)", dueOn: "2012-06-30", doneOn: "2012-05-02" },
        { title: "Abschlussbericht vorgelegt (Beispiel)", dueOn: "2014-12-31", doneOn: "2014-12-15" },
      ],
      updates: [
        {
          by: "partner",
          reportedOn: "2013-05-15",
          body: "Beispielbericht: 2012 rund 400 Beratungsgespräche, davon ein Drittel zur Einbürgerung. Seit Mai 2012 gibt es eine Sprechzeit in Vingst.",
        },
      ],
      indicators: ["auslaender_anteil", "eingebuergerte_anteil"],
      areas: ["stadtteil:802", "stadtteil:803"],
    },
    {
      code: "M 1.2.2",
      title: "Einbürgerungssprechstunde im Bezirksrathaus Mülheim",
      description: "Wöchentliche Sprechstunde zur Einbürgerung im Bezirksrathaus Mülheim, mit Terminvergabe auch am Telefon.",
      goals: ["1/2.2"],
      handlungsfelder: [WOHNEN],
      lead: AMT,
      startsOn: "2011-03-01",
      endsOn: "2015-12-31",
      progress: 30,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2011-06-01", reason: "Sprechstunde eröffnet (Beispiel)" },
        {
          status: "zurueckgestellt",
          on: "2013-09-30",
          reason: "Die Stelle ist unbesetzt; die Sprechstunde ruht, bis sie wieder besetzt ist (Beispiel)",
        },
      ],
      milestones: [{ title: "Sprechstunde eröffnet (Beispiel)", dueOn: "2011-06-30", doneOn: "2011-06-01" }],
      indicators: ["auslaender_anteil"],
      areas: ["stadtteil:901"],
    },
    {
      code: "M 2.1.1",
      title: "Elternbegleitung beim Kita-Einstieg in Porz und Finkenberg",
      description:
        "Mehrsprachige Elternbegleiterinnen erklären Familien die Anmeldung im Kita-Portal, begleiten zum ersten Gespräch und vermitteln bei Fragen.",
      targetGroups: "Eltern mit Einwanderungsgeschichte und Kindern unter sechs Jahren",
      budget: 80000,
      goals: ["2/1.1"],
      handlungsfelder: [SPRACHE],
      lead: AMT,
      partners: [CARITAS],
      startsOn: "2011-08-01",
      endsOn: "2027-07-31",
      progress: 50,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2011-08-01", reason: "Erste Elternbegleiterinnen eingestellt (Beispiel)" },
      ],
      milestones: [
        { title: "Elternbegleiterinnen für Porz und Finkenberg geschult (Beispiel)", dueOn: "2012-06-30", doneOn: "2012-06-20" },
        { title: "Jede Kita in Finkenberg hat eine feste Elternbegleiterin (Beispiel)", dueOn: "2027-06-30" },
      ],
      indicators: ["kita_quote"],
      areas: ["stadtteil:716", "stadtteil:706"],
    },
    {
      code: "M 2.1.2",
      title: "Deutsch für Eltern mit Kinderbetreuung in Finkenberg",
      description:
        "Deutschkurs am Vormittag im Stadtteilbüro Finkenberg, während die Kinder in Kita und Schule sind; für die Jüngsten gibt es eine Betreuung im Haus.",
      targetGroups: "Mütter und Väter mit kleinen Kindern",
      goals: ["2/1.2"],
      handlungsfelder: [SPRACHE, WOHNEN],
      lead: VHS,
      startsOn: "2010-09-01",
      endsOn: "2013-08-31",
      progress: 0,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2010-10-04", reason: "Erster Kurs gestartet (Beispiel)" },
        { status: "umgesetzt", on: "2013-07-15", reason: "Modellphase abgeschlossen (Beispiel)" },
        { status: "verstetigt", on: "2013-08-31", reason: "Die VHS übernimmt den Kurs in ihr Regelangebot (Beispiel)" },
      ],
      milestones: [
        { title: "Erster Kurs mit Kinderbetreuung gestartet (Beispiel)", dueOn: "2010-10-31", doneOn: "2010-10-04" },
        { title: "Kurs in das Regelangebot der VHS übernommen (Beispiel)", dueOn: "2013-08-31", doneOn: "2013-08-15" },
      ],
      indicators: ["altersgruppen_anteil"],
      areas: ["stadtteil:716"],
    },
    {
      code: "M 2.2.1",
      title: "Berufsbezogenes Deutsch und Ausbildungsbegleitung für junge Erwachsene in Mülheim",
      description:
        "Deutschkurse B1/B2 für den Beruf, verbunden mit Begleitung in Ausbildung und erste Arbeit durch Betriebe aus Mülheim.",
      targetGroups: "Junge Erwachsene von 18 bis 25 Jahren mit Einwanderungsgeschichte",
      quantitativeTarget: "100 junge Erwachsene begleitet, davon die Hälfte in Ausbildung oder Arbeit",
      budget: 150000,
      goals: ["2/2.1"],
      handlungsfelder: [ARBEIT, SPRACHE],
      lead: VHS,
      partners: [AMT],
      startsOn: "2012-02-01",
      endsOn: "2028-12-31",
      progress: 45,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        { status: "in_umsetzung", on: "2012-02-01", reason: "Erster Kurs gestartet (Beispiel)" },
      ],
      milestones: [
        { title: "Kooperationsvereinbarung mit Betrieben in Mülheim (Beispiel)", dueOn: "2012-09-30", doneOn: "2012-10-10" },
        { title: "Zwischenbilanz: 100 junge Erwachsene begleitet (Beispiel)", dueOn: "2027-06-30" },
      ],
      indicators: ["altersgruppen_anteil"],
      areas: ["stadtteil:901"],
    },
    {
      code: "M 2.2.2",
      title: "Sport im Veedel: offene Abendangebote für Jugendliche in Meschenich",
      description: "Offene Sporthalle an zwei Abenden pro Woche, betreut von Übungsleiterinnen und Übungsleitern aus dem Stadtteil.",
      targetGroups: "Jugendliche und junge Erwachsene von 14 bis 25 Jahren",
      goals: ["2/2.2"],
      handlungsfelder: [SPORT],
      lead: SPORTBUND,
      startsOn: "2027-04-01",
      endsOn: "2028-10-31",
      progress: 0,
      steps: [
        {
          status: "vorgeschlagen",
          on: "2014-03-01",
          reason: "Vorschlag des Integrationsrats zur Fortschreibung des Konzepts (Beispiel)",
        },
      ],
      milestones: [],
      indicators: ["altersgruppen_anteil"],
      areas: ["stadtteil:213"],
    },
    {
      code: "M 2.2",
      title: "Jugendbüro Chorweiler: Übergang Schule – Beruf",
      description:
        "Ein Büro im Stadtbezirk, das Schulabgängerinnen und Schulabgänger zu Ausbildung, Studium und Arbeit berät.",
      goals: ["2/2"],
      handlungsfelder: [ARBEIT],
      lead: AMT,
      startsOn: "2010-09-01",
      endsOn: "2013-12-31",
      progress: 0,
      steps: [
        { status: "beschlossen", on: "2010-06-01", reason: "Mit dem Beispielkonzept beschlossen (Beispiel)" },
        {
          status: "verworfen",
          on: "2011-11-30",
          reason: "Die Beratung übernimmt die Jugendberufsagentur; ein eigenes Büro wäre doppelt (Beispiel)",
        },
      ],
      milestones: [],
      indicators: ["altersgruppen_anteil"],
      areas: ["stadtbezirk:6"],
    },
  ],
};

/** "Themenfeld/Nummer" of every Leitziel and Teilziel, in tree order, with its targets. */
export function exampleGoals(): { ref: string; kind: "leitziel" | "teilziel"; goal: ExampleGoal }[] {
  return KOELN_EXAMPLE.themenfelder.flatMap((tf) =>
    tf.leitziele.flatMap((lz) => [
      { ref: `${tf.number}/${lz.number}`, kind: "leitziel" as const, goal: lz },
      ...lz.teilziele.map((tz) => ({ ref: `${tf.number}/${tz.number}`, kind: "teilziel" as const, goal: tz })),
    ]),
  );
}
