import type { PartnerType } from "./schema";

// What the demo takes from seed 004 (the NRW report 2018) beyond the partner table: the partners'
// types (the table has none; set here from their names), the headings their report sections use
// (aliases), and for three partners short verbatim excerpts as reported modules, each with its source
// lines. The excerpts are the seed's lines joined as the parser joins them (a word broken at a line
// end made whole); demo-data.test.ts compares them with the seed where it is available.

export const DEMO_TYPES: Record<number, PartnerType> = {
  1: "landesbehoerde",
  2: "kreis",
  3: "wohlfahrtsverband",
  4: "kommune",
  5: "kreis",
  6: "verband",
  7: "wohlfahrtsverband",
  8: "unternehmen",
  9: "kommune",
  10: "polizei",
  11: "medien",
  12: "kooperation",
  13: "verband",
  14: "kommune",
  15: "jobcenter",
  16: "kommunalverband",
  17: "jobcenter",
  18: "jobcenter",
  19: "polizei",
  20: "verband",
  21: "landesbehoerde",
  22: "landesbehoerde",
  23: "kommune",
  24: "wohlfahrtsverband",
  25: "verband",
  26: "landesbehoerde",
  27: "verband",
  28: "kreis",
};

/** Notes on what the report's text says otherwise than the table. */
export const DEMO_NOTES: Record<number, string> = {
  3: "Der Bericht nennt als Datum der Partnerschaft den 16.08.2012 (Seed 004, Zeile 780); die Übersicht den 23.08.2012.",
  6: "Der Bericht 2018 enthält keinen Abschnitt dieses Partners.",
};

/** The headings of the report's sections ("Bericht der/des …"), where they name the partner otherwise. */
export const DEMO_HEADINGS: { ordinal: number; line: number; lines: number; heading: string }[] = [
  { ordinal: 1, line: 335, lines: 1, heading: "Bericht der Bezirksregierung Arnsberg" },
  { ordinal: 2, line: 672, lines: 1, heading: "Bericht des Kreises Lippe" },
  {
    ordinal: 3,
    line: 777,
    lines: 2,
    heading: "Bericht des Deutschen Paritätischen Wohlfahrtsverbands – Landesverband Nordrhein-Westfalen e.V.",
  },
  { ordinal: 4, line: 1348, lines: 1, heading: "Bericht der Stadt Duisburg" },
  { ordinal: 5, line: 1537, lines: 1, heading: "Bericht des Kreises Soest" },
  { ordinal: 7, line: 1591, lines: 1, heading: "Bericht des Caritasverbandes für den Kreis Unna e.V." },
  { ordinal: 8, line: 1671, lines: 1, heading: "Bericht der Rheinbahn" },
  { ordinal: 9, line: 1791, lines: 1, heading: "Bericht der Stadt Gelsenkirchen" },
  { ordinal: 10, line: 2115, lines: 1, heading: "Bericht des Polizeipräsidiums Gelsenkirchen" },
  { ordinal: 11, line: 2181, lines: 1, heading: "Bericht des Westdeutschen Rundfunks (WDR)" },
  { ordinal: 12, line: 2499, lines: 1, heading: "Bericht der Städtekooperation Integration.Interkommunal" },
  { ordinal: 13, line: 2644, lines: 1, heading: "Bericht des Multikulturellen Forums e.V." },
  { ordinal: 14, line: 2847, lines: 1, heading: "Bericht der Stadt Solingen" },
  { ordinal: 15, line: 3172, lines: 1, heading: "Bericht des Jobcenters Duisburg" },
  { ordinal: 16, line: 3414, lines: 1, heading: "Bericht des Landschaftsverbandes Rheinland" },
  { ordinal: 17, line: 3725, lines: 1, heading: "Bericht des Jobcenters StädteRegion Aachen" },
  { ordinal: 18, line: 3925, lines: 1, heading: "Bericht des Jobcenters Dortmund" },
  { ordinal: 19, line: 4288, lines: 1, heading: "Bericht des Polizeipräsidiums Dortmund" },
  { ordinal: 20, line: 4348, lines: 1, heading: "Bericht des Landessportbundes Nordrhein-Westfalen" },
  { ordinal: 21, line: 4511, lines: 1, heading: "Bericht der Bezirksregierung Düsseldorf" },
  { ordinal: 22, line: 4771, lines: 1, heading: "Bericht der Bezirksregierung Münster" },
  { ordinal: 23, line: 4907, lines: 1, heading: "Bericht der Stadt Jülich" },
  { ordinal: 24, line: 5130, lines: 2, heading: "Bericht des Arbeiter-Samariter-Bundes Regionalverband Ruhr e.V." },
  { ordinal: 25, line: 5260, lines: 1, heading: "Bericht der IHK NRW" },
  { ordinal: 26, line: 5552, lines: 1, heading: "Bericht der Bezirksregierung Detmold" },
  { ordinal: 27, line: 5650, lines: 1, heading: "Bericht des Westdeutschen Handwerkskammertags" },
  { ordinal: 28, line: 5716, lines: 1, heading: "Bericht des Rhein-Sieg-Kreises" },
];

/** The name a heading gives the partner: the heading without "Bericht der/des". */
export const headingName = (heading: string) => heading.replace(/^Bericht (der|des)\s+/, "").trim();

export interface DemoExcerpt {
  /** Source lines (inclusive) of the text, joined. */
  from: number;
  to: number;
  text: string;
}

export interface DemoReport {
  ordinal: number;
  period: { startsOn: string; endsOn: string; dueOn: string; source?: DemoExcerpt };
  status: "draft" | "submitted" | "reviewed";
  reviewComment?: string;
  agreement?: DemoExcerpt;
  modules: { title: DemoExcerpt; recurring: boolean; progress: DemoExcerpt }[];
}

export const DEMO_REPORTS: DemoReport[] = [
  {
    ordinal: 1,
    period: {
      startsOn: "2017-11-01",
      endsOn: "2018-10-31",
      dueOn: "2018-11-30",
      source: { from: 378, to: 379, text: "Maßnahmen im Zeitraum November 2017 bis Oktober 2018." },
    },
    status: "reviewed",
    reviewComment: "Beispiel: Bericht geprüft und in den Landesbericht übernommen.",
    agreement: {
      from: 336,
      to: 340,
      text: "Mit der Unterzeichnung der Partnerschaftsvereinbarung haben sich das NRW-Integrationsministerium und die Bezirksregierung Arnsberg 2012 verpflichtet, die kulturelle Vielfalt in der nordrhein-westfälischen Arbeitswelt zu fördern.",
    },
    modules: [
      {
        title: { from: 386, to: 386, text: "Informationsveranstaltungen" },
        recurring: true,
        progress: {
          from: 387,
          to: 395,
          text: "Im Personalentwicklungskonzept der Bezirksregierung ist die „Interkulturelle Öffnung“ fester Bestandteil. Das Dezernat 11.5 (Aus- und Fortbildung) bietet z.B. weiterhin Einführungsveranstaltungen für neue Beschäftigte an.",
        },
      },
      {
        title: { from: 442, to: 442, text: "Beiträge im Behördenintranet" },
        recurring: true,
        progress: {
          from: 443,
          to: 453,
          text: "Im Berichtszeitraum wurden in der Reihe „Zuwanderung in Zahlen“ fünf migrationsgeschichtliche Kurzbeiträge mit dem Fokus auf NRW und den Regierungsbezirk Arnsberg veröffentlicht.",
        },
      },
      {
        title: { from: 455, to: 455, text: "Fortbildungsmaßnahmen" },
        recurring: false,
        progress: {
          from: 456,
          to: 463,
          text: "Zur „Interkulturellen Verständigung“ hat das Dezernat 36 (KfI) ein praxisnahes Fortbildungskonzept für die Beschäftigten der Bezirksregierung entwickelt.",
        },
      },
    ],
  },
  {
    ordinal: 26,
    period: { startsOn: "2017-12-01", endsOn: "2018-09-30", dueOn: "2018-10-31" },
    status: "submitted",
    modules: [
      {
        title: { from: 5559, to: 5560, text: "Handlungsfeld 1: Personalgewinnung und Personalentwicklung" },
        recurring: false,
        progress: {
          from: 5562,
          to: 5567,
          text: "Die Bezirksregierung Detmold hat ihre Stellenausschreibungen neu gestaltet und das Erscheinungsbild aktualisiert.",
        },
      },
    ],
  },
  {
    ordinal: 28,
    period: { startsOn: "2018-09-13", endsOn: "2019-09-30", dueOn: "2019-10-31" },
    status: "submitted",
    modules: [
      {
        title: {
          from: 5735,
          to: 5736,
          text: "Implementierung von Interkulturellen Trainings als fester Bestandteil der Ausbildung (ab 2018)",
        },
        recurring: false,
        progress: {
          from: 5737,
          to: 5742,
          text: "Diese Maßnahme soll beginnend in 2018 zukünftig ein fester Bestandteil der Ausbildung werden.",
        },
      },
      {
        title: {
          from: 5744,
          to: 5745,
          text: "Implementierung von Interkulturellen Trainings in die Schulung für Nachwuchsführungskräfte (ab 2018)",
        },
        recurring: false,
        progress: {
          from: 5746,
          to: 5751,
          text: "Diese Maßnahme soll beginnend in 2018 ebenfalls zukünftig ein fester Bestandteil der Ausbildung werden.",
        },
      },
      {
        title: {
          from: 5753,
          to: 5756,
          text: "Implementierung von Interkulturellen Trainings als fester Bestandteil im hausinternen Fortbildungsprogramm zur sukzessiven Schulung aller Mitarbeiterinnen und Mitarbeiter.",
        },
        recurring: true,
        progress: {
          from: 5757,
          to: 5759,
          text: "Es handelt sich hierbei um einen langfristigen Prozess, der gemeinsam von den beiden oben genannten Fachbereichen organisiert und umgesetzt wird.",
        },
      },
    ],
  },
  // A period with a report begun but not submitted: the state report says "Bericht liegt nicht vor".
  {
    ordinal: 2,
    period: { startsOn: "2017-10-01", endsOn: "2018-09-30", dueOn: "2018-10-31" },
    status: "draft",
    modules: [],
  },
];
