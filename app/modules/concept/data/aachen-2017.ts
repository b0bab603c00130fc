/**
 * The goal and measure catalogue of the draft "Integrationskonzept der Stadt Aachen — Aachen, das
 * sind wir alle" (Anlage 1 to Vorlage FB 56/0043/WP17, chapter 7), transcribed by hand from the
 * PDF extract in shared/seeds/000_fdafd9ca69334417.txt (lines 2763–3807). Texts are the seed's,
 * with line breaks joined and obvious extraction artefacts (":" doubled, page footers) removed.
 * `hf` keeps the Handlungsfeld cell as printed, including "dto." (= same as the row above); the
 * resolution into the tenant's taxonomy happens in demo.ts, so the literal stays checkable.
 * Measure titles are short labels we wrote for lists; the measure text is the seed's.
 */

export interface SeedMeasure { title: string; text: string; lead?: string; partners?: string[] }
export interface SeedTeilziel { number: string; text: string; hf: string; measures?: SeedMeasure[] }
export interface SeedLeitziel { number: string; title: string; teilziele: SeedTeilziel[]; measures?: SeedMeasure[]; hf?: string }
export interface SeedThemenfeld { number: string; title: string; leitziele: SeedLeitziel[] }

export const HANDLUNGSFELDER_AACHEN = [
  { name: "Sprache / Bildung", shortName: "Sprache/Bildung" },
  { name: "Arbeit / Weiterbildung", shortName: "Arbeit" },
  { name: "Wohnen / Sozialplanung", shortName: "Wohnen" },
  { name: "Kultur / Religion", shortName: "Kultur" },
  { name: "Sport / Gesundheit", shortName: "Sport" },
  { name: "Sicherheit / Rassismus / Religiöser Extremismus", shortName: "Sicherheit" },
  { name: "Öffentlichkeitsarbeit / Presse", shortName: "Öffentlichkeit" },
] as const;

/** How the catalogue abbreviates the fields in its third column. */
export const HF_LABELS: Record<string, string> = {
  "Sprache / Bildung": "Sprache / Bildung",
  "Arbeit / Weiterbildung": "Arbeit / Weiterbildung",
  "Wohnen / Sozialplanung": "Wohnen / Sozialplanung",
  "Sozialplanung": "Wohnen / Sozialplanung",
  "Kultur / Religion": "Kultur / Religion",
  "Sport": "Sport / Gesundheit",
  "Sicherheit": "Sicherheit / Rassismus / Religiöser Extremismus",
  "Öffentlichkeitsarbeit": "Öffentlichkeitsarbeit / Presse",
};

const AWKS = "Arbeit / Weiterbildung, Wohnen/Sozialplanung, Kultur/Religion, Sport";
const ALL7 = "Sprache / Bildung, Arbeit / Weiterbildung, Wohnen / Sozialplanung, Kultur / Religion, Sport, Sicherheit, Öffentlichkeitsarbeit";
const SB = "Sprache /Bildung";

export const HALTUNG_TITLE = "Aachener Haltung zum Zusammenleben in Vielfalt";
export const HALTUNG = [
  "Aachen, das sind wir! Wir sind die Menschen, die schon lange hier sind, und die, die kommen und bleiben, und auch die, die auf der Durchreise sind. Wir alle, die in dieser Stadt leben.",
  "Denn Aachen ist das Zuhause aller Menschen, die hier leben, gleich wo sie geboren sind.",
  "Aachen ist familienfreundlich. Wir wollen darüber hinaus, dass Menschen aller Generationen und Lebensformen sich in unserer Stadt wohl fühlen. Wir nehmen Unterschiede und Gegensätze wahr und ergreifen Chancen aufeinander zu zugehen. So entwickeln wir uns.",
  "Aachen ist eine soziale Stadt, wir helfen einander professionell und bürgerschaftlich engagiert. Wir begegnen uns gleichberechtigt dort wo wir leben.",
  "Aachen ist eine Stadt der Wissenschaft, der Forschung und Innovation. Hier denken wir frei. Wir blicken zuversichtlich in die Zukunft.",
  "Wir leben im Dreiländereck. In der zurückliegenden Zeit entwickelte sich ein gutes Verhältnis zu unseren Nachbarn. Die Beziehungen sind nun kreativ, kooperativ, europäisch.",
  "Aachen ist international geprägt - von jeher.",
  "Unsere Grundhaltung basiert auf Respekt. Wir gehen wertschätzend miteinander um. Wir erkennen an, dass menschliches Zusammenleben Stress und Chancen beinhaltet. Spannungen, Missverständnisse und Konflikte, aber auch Glück und Verständnis erkennen wir als normalen Ausdruck menschlichen Zusammenlebens an. Wir sprechen direkt miteinander.",
  "Aachen ist eine Stadt mit vielfältigen kulturellen und sportlichen Angeboten. Wir fördern die Teilhabe, um gemeinsames Erleben und persönliche Beziehungen zu ermöglichen.",
  "Aachen steht zusammen gegen feindselige, rassistische, gewalttätige und extremistisch motivierte Handlungen. Wir sind Aachen. Extremisten sind es nicht!",
  "Wir leben den Dialog der Kulturen und der Religionen.",
  "Wir setzen auf Engagement, Verständigung und Zugehörigkeit.",
  "Wir wollen hier sicher und in Frieden zusammen leben.",
].join("\n\n");

export const KI = "Kommunales Integrationszentrum Aachen";
export const BILDUNGSBUERO = "Bildungsbüro der StädteRegion Aachen";
export const EHRENAMT = "Büro für Ehrenamt der Stadt Aachen";
export const PERSONAL = "Fachbereich Personal und Organisation der Stadt Aachen";
export const PRESSE = "Presseamt der Stadt Aachen";
export const STADTSPORTBUND = "Stadtsportbund Aachen e.V.";
export const APM = "Arbeitsplattform Migration";
export const KATHO = "Katholische Hochschule NRW, Abteilung Aachen";
export const AK_SPORT = "Arbeitskreis Integration durch Sport";
export const INTEGRATIONSBEAUFTRAGTE = "Integrationsbeauftragte der Stadt Aachen";
export const CARITAS = "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.";
export const FB56 = "Fachbereich Wohnen, Soziales und Integration";

/** Organisations named in the catalogue or in the Steuerungsgruppe (000: 760–765) beyond the kernel's demo set. */
export const EXTRA_ORGANISATIONS = [
  { name: APM, kind: "wohlfahrtsverband", description: "Zusammenschluss der Integrationsagenturen der Wohlfahrtsverbände; Mitglied der Steuerungsgruppe „Integration im Querschnitt“." },
  { name: "Migrantenorganisationen in Aachen (Vertretung in der Steuerungsgruppe)", kind: "migrantenorganisation", description: "Drei Vertreter/innen der Migrantenorganisationen in der Steuerungsgruppe „Integration im Querschnitt“." },
  { name: BILDUNGSBUERO, kind: "fachbereich" },
  { name: EHRENAMT, kind: "fachbereich" },
  { name: PERSONAL, kind: "fachbereich" },
  { name: PRESSE, kind: "fachbereich" },
  { name: INTEGRATIONSBEAUFTRAGTE, kind: "fachbereich" },
  { name: STADTSPORTBUND, kind: "verein" },
  { name: AK_SPORT, kind: "verein" },
  { name: KATHO, kind: "bildungstraeger" },
] as const;

export const CATALOGUE: SeedThemenfeld[] = [
  { number: "1", title: "Interkulturelle Öffnung", leitziele: [
    { number: "1", title: "Interkulturelle Öffnung allgemein", teilziele: [
      { number: "1.1", hf: AWKS, text: "Das Integrationsagenturen der Wohlfahrtsverbände, das Kommunale Integrationszentrum der Stadt Aachen und die Integrationsbeauftragte unterstützen die Organisationen, Institutionen, Unternehmen und Verbände bei Bedarf bei ihren Prozessen der interkulturellen Öffnung." },
      { number: "1.2", hf: AWKS, text: "Die für die interkulturelle Öffnung verantwortlichen Personen aus Organisationen, Institutionen, Unternehmen und Verbänden tauschen sich regelmäßig zum Stand der Interkulturellen Öffnung aus. Sie formulieren für sich regelmäßig Ziele zu ihrer Fortschreibung. Experten unterstützen sie in diesem Prozess. Die beteiligten Partner/-innen implementieren die interkulturelle Öffnung als festen Bestandteil ihrer Unternehmenskultur." },
      { number: "1.3", hf: AWKS, text: "Die beteiligten Partner/-innen nutzen interne und externe Veranstaltungen ihrer jeweiligen Organisationseinheit, um die „Interkulturellen Sensibilisierung“ zu thematisieren.", measures: [
        { title: "Bildungstag „Interkulturelle Sensibilisierung“", lead: BILDUNGSBUERO, partners: [KI, STADTSPORTBUND], text: "Ein ganz konkretes Beispiel ist ein Bildungstag unter dem Motto „Interkulturelle Sensibilisierung“. Der Bildungstag richtet sich an Lehrer/innen und andere pädagogische Fachkräfte. Federführung hat das Bildungsbüro. Es kooperiert mit dem Kommunalen Integrationszentrum, dem Stadtsportbund und den Hochschulen." },
        { title: "Interkulturelle Öffnung der Vereine stärken", lead: EHRENAMT, partners: [KI], text: "Das Büro für Ehrenamt und das Kommunale Integrationszentrum arbeiten eng zusammen, um die interkulturelle Öffnung in den Vereinen zu stärken." },
      ] },
      { number: "1.4", hf: AWKS, text: "Die Daueraufgabe der Interkulturellen Öffnung aller Institutionen, Vereine und Verbände wird regelmäßig evaluiert und weiterentwickelt." },
    ] },
    { number: "2", title: "Interkulturelle Öffnung der Stadtverwaltung", teilziele: [
      { number: "2.1", hf: "Arbeit / Weiterbildung", text: "Der Fachbereich Personal und Organisation legt eine Bestandsanalyse zum Ist-Zustand der interkulturellen Öffnung der Stadtverwaltung vor. Der Stand hinsichtlich der interkulturellen Öffnung der Stadtverwaltung wird regelmäßig im Personalbericht mitgeteilt." },
      { number: "2.2", hf: "Arbeit / Weiterbildung", text: "Die Mehrsprachigkeit der Mitarbeiter/innen wird systematisch erhoben. Im Arbeitsalltag und im Kundenkontakt werden Gelegenheiten gesucht und als Standards entwickelt, diese Sprachkompetenzen einzusetzen.", measures: [
        { title: "Angebote zur Förderung der Mehrsprachigkeit der Mitarbeitenden", lead: PERSONAL, text: "Es bestehen Angebote zur Förderung der Mehrsprachigkeit der Mitarbeiter/innen." },
      ] },
      { number: "2.3", hf: "Arbeit / Weiterbildung", text: "Die Entscheidungsträger/innen und Mitarbeiter/innen aus den unterschiedlichen Fachbereichen sind für die Ziele der interkulturellen Öffnung und den Abbau von Zugangsbarrieren im eigenen Organisationsbereich sensibilisiert.", measures: [
        { title: "Imagekampagne „Attraktiver Arbeitgeber Stadtverwaltung“", lead: PERSONAL, partners: [PRESSE], text: "Die Stadtverwaltung präsentiert sich im Rahmen einer „Imagekampagne“ als attraktiver Arbeitgeber, der sich zur interkulturellen Öffnung bekennt. Filme, Veranstaltungen, Plakate und Kampagnen in den Social Media sprechen möglichst viele und möglichst unterschiedliche Menschen an. Sie stellen die Vielfalt der Mitarbeitenden und Aufgabenbereiche dar. Verantwortlich: Die Leitung des Fachbereichs Personal und Organisation und des Presseamtes." },
        { title: "Projekte zur interkulturellen Öffnung in den Fachbereichen", lead: KI, text: "Das Kommunale Integrationszentrum führt in Zusammenarbeit mit den Fachbereichen der Stadtverwaltung Projekte zur interkulturellen Öffnung durch. Die Anregungen dazu können von Mitarbeitenden oder von der Führungsebene kommen. Interkulturelle Öffnung ist eine strategische Aufgabe und damit auch Führungsaufgabe." },
      ] },
      { number: "2.4", hf: "Arbeit / Weiterbildung", text: "Die Stadtverwaltung Aachen führt weiterhin geeignete Angebote zur Förderung der interkulturellen Kompetenz ihrer Beschäftigten durch. Interkulturelle Öffnung als Strategie der Personal- und Organisationsentwicklung richtet sich insbesondere an Führungskräfte.", measures: [
        { title: "Schulungsreihe „Interkulturelle Kompetenz“ für Führungskräfte", lead: PERSONAL, text: "Führungskräfte der Verwaltung nehmen an einer Schulungsreihe „Interkulturelle Kompetenz“ teil. Sie bietet nach dem Baukastenprinzip verschiedene eintägige Module an wie beispielsweise interkulturelle Sensibilisierung, Kommunikation, Knowhow, Konfliktmanagement und Potentialentwicklung. Verschiedene Tandems (verwaltungsintern und verwaltungsextern/ männlich und weiblich/mit und ohne Migrationshintergrund) moderieren die Module. Im Anschluss können die interkulturellen Fähigkeiten in der Praxis vertieft werden. Dafür bieten sich beispielsweise Schnuppertage in internationalen Aachener Unternehmen oder in der Stadtverwaltung einer Partnerstadt Aachens an." },
      ] },
    ] },
    { number: "3", title: "Schärfung des Bewusstseins für interkulturelle Öffnung", teilziele: [
      { number: "3.1", hf: AWKS, text: "Das Kommunale Integrationszentrum und die Integrationsagenturen der Verbände initiieren regelmäßige Treffen zur Evaluation und Weiterentwicklung der Interkulturellen Öffnung der Stadtgesellschaft Aachens. Sie fördern den Erfahrungsaustausch und Wissenstransfer über gelungene oder misslungene Prozesse der interkulturellen Öffnung mit Organisationen, Institutionen, Unternehmen, Vereinen und Verbänden." },
      { number: "3.2", hf: AWKS, text: "In regelmäßigen Abständen wird auf der Grundlage des Integrationskonzeptes ein Integrationsplan erstellt. Er informiert über den Stand der interkulturellen Öffnung der Stadtgesellschaft Aachens." },
      { number: "3.3", hf: AWKS, text: "Die Bevölkerung ist für die Chancen von Vielfalt sensibilisiert.", measures: [
        { title: "Sensibilisierung im Quartier im Sinne der Aachener Haltung", lead: KI, text: "Außerhalb von Institutionen, Vereinen, Verbänden und Unternehmen werden die Menschen in ihrem Quartier für die interkulturelle Öffnung im Sinne der Aachener Haltung sensibilisiert. Konkrete Maßnahmen dazu finden sich im Kapitel 4.4." },
      ] },
    ] },
  ] },
  { number: "2", title: "Anerkennungs- und Willkommenskultur", leitziele: [
    { number: "1", title: "Willkommenskultur wird auf allen Ebenen spürbar gestärkt", teilziele: [
      { number: "1.1", hf: ALL7, text: "Willkommende Lotsen" },
      { number: "1.2", hf: "dto.", text: "Willkommende Organisationen" },
      { number: "1.3", hf: "dto.", text: "Willkommende Stadt und Region Aachen" },
    ] },
    { number: "2", title: "Willkommenskultur in allen Teilbereichen der Gesellschaft", teilziele: [
      { number: "2.1", hf: AWKS, text: "Zugewanderte werden mit einem Gespräch zur Orientierung in Aachen empfangen. Es informiert beispielsweise über Sprache, Begegnungsmöglichkeiten, Kultur und Sport in Aachen. Die bisherige Bildungserstberatung ist entsprechend erweitert und steht dann allen Neubürgern offen. Hierbei ist das Ehrenamt einzubeziehen. Neben einer persönlichen Beratung besteht die Möglichkeit, sich online zu informieren. Angebote liegen nicht nur als schriftliche „Informationsflut“ vor, sondern nutzerorientiert und mit Rücksicht auf sprachliche Barrieren. Sie werden in Beratungsgesprächen, anhand von Bildern und Symbolen, mehrsprachig und in einfacher deutscher Sprache vermittelt. Mitarbeiter/innen verschiedener Einrichtungen erhalten Schulungen zu interkulturell sensibler und bedarfsgerechter Beratung.", measures: [
        { title: "Erweiterung der Bildungserstberatung", lead: KI, partners: [EHRENAMT], text: "Erweiterung der Bildungserstberatung" },
      ] },
      { number: "2.2", hf: "dto.", text: "Bei allen Programmen zu kulturellen, sportlichen und bildenden Angeboten der Stadt und der Wohlfahrtsverbände wird ersichtlich, welche Aktivitäten keine oder wenige Deutschkenntnisse erfordern." },
      { number: "2.3", hf: "dto.", text: "Den Zugewanderten wird zeitnah ein „Willkommenspaket“ mit kleinen Präsenten, Informationen und Gutscheinen etc. überreicht." },
    ] },
    { number: "3", title: "Ankommen in Aachen – Sprache als Wegbereiter", teilziele: [
      { number: "3.1", hf: SB, text: "Es werden individuelle und passgenaue Sprachkurse je nach Sprachniveau angeboten. Aspekte wie Kinderbetreuung, Intensivkurse, begleitende Kurse etc. werden dabei berücksichtigt." },
      { number: "3.2", hf: SB, text: "Es sind spezielle Projekte zur umfassenden und bedarfsgerechten Sprachförderung initiiert." },
      { number: "3.3", hf: SB, text: "Das Angebot der Sprachförderung in Aachen deckt die Sprachenvielfalt in Aachen ab." },
      { number: "3.4", hf: SB, text: "Angelehnt an die Förderung von Gebärdendolmetschern für Gehörlose wird in Ämtern und öffentlichen Einrichtungen ein gewisses Kontingent an Fremdsprachendolmetschern finanziert. Dabei wird die Amtssprache deutsch beibehalten und durch andere Beratungssprachen ergänzt" },
      { number: "3.5", hf: SB, text: "Es gibt einen Dolmetscherpool, der Verwaltungen, Arbeitgebern und Bürger/-innen gegen Entgeld zur Verfügung steht." },
    ] },
    { number: "4", title: "Berufliches Ankommen", teilziele: [
      { number: "4.1", hf: "Arbeit / Weiterbildung", text: "Veranstaltungen wie beispielsweise der Runde Tisch mit dem Integration Point (Jobcenter und Agentur für Arbeit), der Industrie- und Handelskammer (IHK), der Handwerkskammer (HWK), dem Verband mittelständischer Unternehmen (VMU), den Innungen, dem Jugendmigrationsdienst (JMD), den Migrantenorganisationen und weiteren Einrichtungen legen Potenziale dar, identifizieren die individuellen Hürden aus der Betriebsperspektive und stellen Best Practice Beispiele vor." },
      { number: "4.2", hf: "Arbeit / Weiterbildung, Sport", text: "Die ausbildenden Unternehmen kooperieren im Sinne von „Ausbildung Plus“ mit zivilgesellschaftlichen Organisationen, um wechselseitig Zugewanderten den Zugang zu Arbeitsmarkt und Freizeitangeboten zu erleichtern. Die Zugewanderten werden „im Alltag abgeholt“ und können niedrigschwellig in Freizeitaktivitäten einsteigen.", measures: [
        { title: "„Ausbildung Plus“: Vereine und Ausbildungsbetriebe begegnen sich", lead: STADTSPORTBUND, partners: ["IHK Aachen", "Handwerkskammer Aachen"], text: "Vereinsmitglieder stellen Zugewanderte in ihrem Betrieb vor. Ausbildungsbetriebe besuchen gemeinsam Stadtfeste." },
      ] },
      { number: "4.3", hf: "Arbeit / Weiterbildung", text: "Das Bildungsbüro der Städteregion Aachen integriert den Ansatz „Ausbildung Plus“ in ihre Arbeit, hier insbesondere in den Bereich „Keinen Abschluss ohne Anschluss“." },
      { number: "4.4", hf: "Arbeit / Weiterbildung", text: "Sechs- bis zwölfmonatige „Brückenkurse“ bereiten auf Schulabschluss, Ausbildung bzw. Studium und Arbeitsmarkt vor. Diese Kurse bieten im Anschluss an den Besuch von Regelschulen und Integrationskursen einen Übergang zu Lehrgängen des Zweiten Bildungswegs, die das Nachholen von Schulabschlüssen ermöglichen und so eine Perspektive eröffnen." },
    ] },
    // Leitziel 5 has no Teilziel (chapter 4 names none either); its one row is a measure.
    { number: "5", title: "Gegen Extremismus", hf: "Sicherheit", teilziele: [], measures: [
      { title: "Extremismusprävention: „Demokratie leben!“ und „Wegweiser“", lead: KI, text: "Zwei Programme zur Extremismusprävention sind verankert: \"Demokratie Leben\" und \"Wegweiser - gegen den gewaltbereiten Salafismus\"" },
    ] },
    { number: "6", title: "Berücksichtigung von allen Lebensphasen", teilziele: [
      { number: "6.1", hf: ALL7, text: "Bei der Planung von Angeboten für Menschen in verschiedenen Lebensphasen ist stets der migrationsspezifische Aspekt im Sinne kultursensibler oder migrationsspezifischer Bedürfnisse zu berücksichtigen. Das trifft zum Beispiel auf die im Kommunalen Integrationszentrum gebildete Integrationskette im Bereich der vorschulischen und schulischen Bildung zu, die von der frühen Förderung bis zum Übergang Schule/Beruf/Studium reicht. Hierbei sind die unterschiedlichen Auswirkungen auf die Geschlechter und die spezifischen Bedürfnisse von Familien zu beachten. Ein weiteres Beispiel ist der Bereich Pflege im Sinne einer kultursensiblen Pflege. Eine solche Integrationskette ist weiter auszubauen und bezieht nach dem Teilhabe- und Integrationsgesetz NRW sogar Bereiche wie Tod und Bestattung ein" },
      { number: "6.2", hf: ALL7, text: "Die ankommenden Menschen haben ihrerseits die Verpflichtung, sich um Verständigung und Verstehen zu bemühen und sich mit den Rahmenbedingungen dieser Gesellschaft konstruktiv auseinander zu setzen und teilzuhaben." },
    ] },
    { number: "7", title: "Anerkennung von Vielfalt", teilziele: [
      { number: "7.1", hf: ALL7, text: "Es ist eine gemeinsame strategische und konzeptionelle Grundlage zur Gestaltung von nachhaltigen Integrationsprozessen und erfolgreichen Übergängen unter Einbezug von Integrationsrat, Ausländerbehörde, zivilgesellschaftlichen Initiativen, Vereinen und Migrantenorganisationen sowie weiterer Partner/innen - beispielsweise Unternehmen - entwickelt.", measures: [
        { title: "Verwaltungsinterne Arbeitsgruppe zum Abbau von Teilhabehindernissen", lead: FB56, partners: [KI], text: "In der Stadtverwaltung gibt es eine Arbeitsgruppe, die als Querschnittsaufgabe systematisch Hindernisse einer gleichberechtigten Teilhabe erfasst und verwaltungsintern auf einen Abbau hinwirkt" },
      ] },
      { number: "7.2", hf: ALL7, text: "Das Leben in einer multikulturellen Stadtgesellschaft birgt auch Konfliktpotential. Zur Lösung von Konflikten zwischen Bürgern und der Stadtverwaltung wird das Konflikt- und Beschwerdemanagement der Stadtverwaltung Aachens genutzt. Diese Clearingsstelle ist mit der Integrationsbeauftragten vernetzt." },
    ] },
  ] },
  { number: "3", title: "Zusammenleben im Quartier", leitziele: [
    { number: "1", title: "Informationen bereitstellen", teilziele: [
      { number: "1.1", hf: "Sozialplanung", text: "Eine digitale Plattform informiert über die 14 Sozial- und 60 Lebensräume in Aachen." },
    ] },
    { number: "2", title: "Vernetzung und Zusammenarbeit von Akteuren", teilziele: [
      { number: "2.1", hf: ALL7, text: "Die Integrationsarbeit bezieht die vorhandenen Quartiersstrukturen wie beispielsweise Stadtteilkonferenzen oder Bezirksämter vor Ort ein. In möglichst allen 14 Sozialräumen finden Stadtteilkonferenzen statt und sind Quartiersmanagement-Stellen eingerichtet." },
      { number: "2.2", hf: "dto.", text: "Die Zusammensetzung der Stadtteilkonferenzen bildet alle relevanten Bereiche ab." },
      { number: "2.3", hf: "dto.", text: "Integration wird als Querschnittsthema in den Stadtteilkonferenzen verankert. Die Integrationsagenturen, das Kommunale Integrationszentrum Aachen und die Integrationsbeauftragte und sensibilisieren in den Quartieren für Integrationsprozesse." },
      { number: "2.4", hf: "dto.", text: "Alle im Viertel vorhandenen Akteure werden bei der Integrationsarbeit gezielt in den Blick genommen und im Sinne des Integrationskonzeptes einbezogen. Dazu zählen auch die ansässigen Geschäfte und niedergelassenen Ärzte, die Wohnungswirtschaft und die örtliche Polizei." },
      { number: "2.5", hf: "dto.", text: "Die Akteure im Sozialraum kooperieren mit den Migrantenorganisationen und wertschätzen ihre Funktion als „Brückenbauer“. Migrantenorganisationen bieten nach ihren Möglichkeiten Unterstützung und Beratung für Ratsuchende mit und ohne Migrationshintergrund.", measures: [
        { title: "Digitale Orientierung über die Kompetenzen von Migrantenorganisationen", lead: KI, text: "Die Stadt gibt auf einer digitalen Plattform eine Orientierung über die Kompetenzen von Migrantenorganisationen" },
      ] },
    ] },
    { number: "3", title: "Quartiersidentität schaffen", teilziele: [
      { number: "3.1", hf: "Öffentlichkeitsarbeit", text: "Die Stadtverwaltung führt in Kooperation mit Partner/innen vor Ort eine bewusstseinsfördernde Öffentlichkeitsarbeit über die Quartiere in der Stadt Aachen durch." },
      { number: "3.2", hf: ALL7, text: "In jedem Sozialraum sind in einem partizipativen Beteiligungsprozess Standards für ein Zusammenleben in Vielfalt erarbeitet." },
      { number: "3.3", hf: "dto.", text: "Die Expertise der vor Ort lebenden Menschen wird zur Weiterentwicklung der Angebote im Sozialraum genutzt." },
      { number: "3.4", hf: "dto.", text: "Die Expertise von Bewohner/innen mit und ohne Migrationshintergrund wird durch Weiterbildungs- und Qualifizierungsangebote erhalten. Durch Vernetzungsmöglichkeiten und Austausch im Rahmen der Weiterbildung fließen veränderte Perspektiven in die Entwicklung der Quartiere ein.", measures: [
        { title: "Weiterqualifizierung von Lehrer/innen mit und ohne Migrationshintergrund", lead: BILDUNGSBUERO, text: "Lehrer/innen mit und ohne Migrationshintergrund werden weiterqualifiziert und erhalten die Möglichkeit zum methodischen Austausch. Die Teilnehmer/innen und das Quartier(schulen, Kitas, Vereine) profizieren vom erhaltenen Wissen." },
      ] },
      { number: "3.5", hf: "dto.", text: "Es werden leicht zugängliche Angebote, die eine Identifikation der Bürger/innen mit dem eigenen Viertel ermöglichen, entwickelt. Dazu zählen beispielsweise Erkundungen im Stadtteil, Stadtteilfeste, kulturelle oder sportliche Veranstaltungen. Dies sind Angebote, die eine Identifikation der Bürger/innen mit dem eigenen Viertel ermöglichen. Die Menschen im Stadtteil werden gezielt angesprochen und aktiv eingeladen. Orte mit vielen Schnittstellen und Funktionen im Sozialraum, wie dies beispielsweise Wartezimmer oder das Kunstwerkstattmobil darstellen, werden als Informations- und Werbekanal für die angebotenen Veranstaltungen genutzt.", measures: [
        { title: "Öffentliche Bewegungsangebote der Sportvereine im Stadtteil", lead: STADTSPORTBUND, text: "Der ortsansässige Sportverein veranstaltet öffentliche Bewegungsangebote" },
      ] },
    ] },
    { number: "4", title: "Bürgerbeteiligung stärken", teilziele: [
      { number: "4.1", hf: "dto.", text: "Die Zusammenarbeit zwischen den zentralen hauptamtlichen und ehrenamtlichen Akteuren vor Ort ist koordiniert und aufeinander abgestimmt.", measures: [
        { title: "Quartiersmanagement vernetzt Haupt- und Ehrenamt", lead: FB56, text: "Das Quartiersmanagement unterstützt die Zusammenarbeit und Vernetzung von haupt- und ehrenamtlichen Akteuren im Hinblick auf gemeinsame Ziele und relevante Themen. Sie bieten den Rahmen für einen informellen Austausch zwischen diesen beiden Gruppen." },
      ] },
      { number: "4.2", hf: "dto.", text: "Es werden niederschwellige formelle und informelle Netzwerke geschaffen, die auf vorhandene Strukturen aufbauen und die Entwicklung vertrauensvoller Beziehungen ermöglichen." },
      { number: "4.3", hf: "dto.", text: "Die Bewohner/-innen des Quartiers werden barrierefrei über neue Kommunikationswege (neue Medien, Internet und soziale Netzwerke) und niedrigschwellige Zugänge zur Teilhabe am gesellschaftlichen Leben in ihrem Viertel aufmerksam gemacht. Die niedrigschwelligen Angebote und Kommunikationsplattformen ermöglichen, dass sich alle Einwohner/innen beteiligen können." },
      { number: "4.4", hf: "dto.", text: "Die Lebenswirklichkeit der Einwohner/innen fließt durch geeignete Beteiligung von „Türöffnern“ ein. Dies sind aktive Bürger/-innen des Viertels, Paten, Mentoren, Mitglieder von Migrantenorganisationen und/oder Multiplikator/innen mit Migrationshintergrund.", measures: [
        { title: "Bestandsaufnahme der „Türöffner“ im Quartier", lead: FB56, text: "Durch eine Bestandsaufnahme werden diese „Türöffner“ identifiziert." },
      ] },
    ] },
    { number: "5", title: "Angebote und Projekte weiterentwickeln", teilziele: [
      { number: "5.1", hf: "dto.", text: "Die Bedürfnisse und kulturelle Vielfalt der Einwohner/innen sind bei der Gestaltung lokaler Angebote und Dienste berücksichtigt.", measures: [
        { title: "Ideen aus den Stadtteilkonferenzen umsetzen", lead: FB56, text: "Mindestens drei Ideen, die im Rahmen der Stadtteilkonferenzen entstehen, werden in der Umsetzung durch Quartiersmanager/innen unterstützt." },
      ] },
      { number: "5.2", hf: "dto.", text: "Alle interessierten Akteure sind über die Möglichkeit von Projektbeantragungen informiert." },
      { number: "5.3", hf: "dto.", text: "Die Angebote und Projekte werden von verschiedenen gesellschaftlichen Gruppen mit und ohne Migrationshintergrund genutzt." },
    ] },
  ] },
  { number: "4", title: "Gesellschaftliches Engagement und Teilhabe", leitziele: [
    { number: "1", title: "Enge Kooperation", teilziele: [
      { number: "1.1", hf: "Sprache / Bildung, Arbeit / Weiterbildung, Wohnen / Sozialplanung, Kultur / Religion, Sport", text: "Das Büro für Ehrenamt fungiert als „Hauptknotenpunkt“. Netzwerkartig sind weitere beratende, koordinierende und vermittelnde Akteure als „Knotenpunkte“ um diesen „Hauptknotenpunkt“ angeordnet. Das vorliegende Integrationskonzept und die Leitlinien Ehrenamt dienen allen „Knotenpunkten“ als gemeinsame Leitfäden und Handlungsorientierung. Die verschiedenen Möglichkeiten, als engagementinteressierte/r Bürger/in in Kontakt mit den Organisationen zu kommen, sind bekannt und barrierefrei zugänglich.", measures: [
        { title: "Zugang zum Ehrenamt über Ehrenamtsportal und Freiwilligenzentrum bekannt machen", lead: EHRENAMT, partners: [CARITAS], text: "Der Zugang zu einem gewünschten Ehrenamt über das Ehrenamtsportal der Stadt Aachen und das Freiwilligenzentrum der Caritas wird über verschiedene Medien bekannt gemacht, beispielsweise über Presse, Plakate, Infos in Bussen, Postkarten in Gaststätten oder über die Nutzung von Social Media-Plattformen." },
      ] },
      { number: "1.2", hf: "dto.", text: "Bei der Kooperation zwischen Verwaltung und Zivilgesellschaft werden folgende Grundsätze beachtet: Der Dialog erfolgt auf Augenhöhe. Die beteiligten Personen haben eine wertschätzende Haltung gegenüber Menschen mit und ohne Migrationshintergrund. Die Ansprache erfolgt in leichter, motivierender und bürgerfreundlicher Sprache. Es gibt feste Ansprechpersonen, die für die engagierten Bürger/innen gut erreichbar sind." },
      { number: "1.3", hf: "dto.", text: "Durch geeignete Maßnahmen wird das Interesse für ehrenamtliches oder zivilgesellschaftliches Engagement bei Menschen mit und ohne Migrationshintergrund systematisch gefördert.", measures: [
        { title: "Aachener Charta für Vielfalt im bürgerschaftlichen Engagement", lead: EHRENAMT, partners: [KI], text: "In Anlehnung an die „Charta der Vielfalt“ werden die wichtigsten Aussagen der Aachener Haltung im Hinblick auf bürgerschaftliches Engagement formuliert. Mit der Unterschrift verpflichten sich die Teilnehmenden, die dort getroffenen Vereinbarungen umzusetzen. Dies wird zum Markenzeichen für eine interkulturelle Öffnung der Vereine entwickelt." },
      ] },
      { number: "1.4", hf: "dto.", text: "Ein Netzwerk der Migrantenorganisationen ist etabliert. Migrantenorganisationen selbst und ihre Position in der Aachener Engagementlandschaft sind dadurch gestärkt. Durch Projektförderung stehen die notwendigen Ressourcen zur Verfügung Verantwortliche: Migrantenorganisationen, Arbeitsplattform Migration, Kommunales Integrationszentrum." },
      { number: "1.5", hf: "dto.", text: "Unterschiedliche Formen des ehrenamtlichen oder zivilgesellschaftlichen Engagements stehen in Aachen gleichberechtigt nebeneinander." },
      { number: "1.6", hf: "dto.", text: "Es stehen klar definierte Ressourcen (Personal, Budget) für die Engagementförderung zur Verfügung." },
    ] },
    { number: "2", title: "Kontinuierlicher Dialog", teilziele: [
      { number: "2.1", hf: "dto.", text: "Engagementförderung wird von der Politik als wichtiger Standortfaktor und Zukunftsthema betrachtet und unterstützt." },
      { number: "2.2", hf: "dto.", text: "Regelmäßige öffentlichkeitswirksame Veranstaltungen in den Stadtvierteln sensibilisieren für die Bedeutung des bürgerschaftlichen Engagements von Menschen mit und ohne Migrationshintergrund in Aachen." },
    ] },
    { number: "3", title: "Qualifizierung", teilziele: [
      { number: "3.1", hf: "dto.", text: "Es wird regelmäßig eine Bestandsaufnahme bezüglich bestehender Qualifikationsangebote für Ehrenamtliche durchgeführt. Ehrenamtliche wissen, an wen sie sich wenden bzw. an wen sie weitervermitteln können. Ehrenamtliche erhalten Unterstützung darin, sich über aktuelle Gesetzeslagen und über die formalen Zuständigkeiten der Hauptamtlichen zu informieren. Sie wissen um die eigenen Grenzen ihrer Einsatzmöglichkeiten", measures: [
        { title: "Kontinuierliches Qualifizierungsangebot für Ehrenamtliche", lead: EHRENAMT, text: "Es gibt ein kontinuierliches Angebot zu Empowerment / Hilfe zur Selbsthilfe, zu interkulturellen Kommunikation, zum Umgang mit Traumata und auch zu bildungs-, arbeitsmarkt- und sozialrechtlichen Fragen. Dabei wird das bestehende Wissen und die Erfahrungen, die beispielsweise im Rahmen der „Aachener Hände“ entstanden, für die Entwicklung der Angebote genutzt." },
      ] },
      { number: "3.2", hf: "dto.", text: "Es gibt einen kontinuierlichen Austausch zwischen Haupt- und Ehrenamtlichen. Das Spannungsfeld zwischen den unterschiedlichen Handlungslogiken und das Konfliktpotenzial wird anerkannt und produktiv genutzt.", measures: [
        { title: "Interkulturelle Übungsleiter/innen geben Erfahrungen weiter", lead: AK_SPORT, partners: [STADTSPORTBUND], text: "Der Arbeitskreis Integration durch Sport hat insbesondere in diesem Bereich langjährige Erfahrung, Diese wird genutzt, indem die interkulturellen Übungsleiter ihre Erfahrungen in Vereine, Verbände, Verwaltung und Ehrenamt einbringen. Bis 2017 werden 20 – 25 Teilnehmende informiert, qualifiziert und aktiviert. Diese Maßnahme wird von den politisch Verantwortlichen unterstützt." },
        { title: "Ehrenamtliche in Runden Tischen", lead: KI, text: "Ehrenamtlich engagierte Menschen werden in Runde Tische eingebunden, beispielsweise im Runden Tisch Arbeitsmarkt oder im Runden Tisch Flüchtlinge." },
        { title: "Austausch, Intervision und kollegiale Beratung von Haupt- und Ehrenamt", lead: EHRENAMT, partners: [KATHO], text: "Zwischen den haupt- und ehrenamtlich tätigen Menschen finden regelmäßige Treffen zum Austausch, zur Intervision oder zur kollegialen Beratung statt. Dies wird von der Katholischen Hochschule begleitet." },
        { title: "Notfalltelefon für Ehrenamtliche", lead: EHRENAMT, text: "Eine Notfalltelefonnummer für Ehrenamtliche bietet beratende Unterstützung an." },
      ] },
    ] },
    { number: "4", title: "Digitale Plattform", teilziele: [
      { number: "4.1", hf: "dto.", text: "Die „Stellenbörse Ehrenamt“ wird ausgebaut, z.B. durch eine Suchmaske, die Bürger/innen passgenaue Angebote für ehrenamtliches Engagement ermöglicht. Die Verantwortung liegt bei der Stadt Aachen (vgl. auch Vereinsdatenbank)" },
    ] },
    { number: "5", title: "Stärkung der Migrantenorganisationen", teilziele: [
      { number: "5.1", hf: "dto.", text: "Zusammenschlüsse von Migrantenorganisationen und Religionsgemeinschaften mit vergleichbaren Zielen bündeln Ressourcen. Sie erhöhen ihren politischen Einfluss und können öffentlichkeitswirksamer agieren" },
      { number: "5.2", hf: "dto.", text: "Die Migrantenorganisationen haben über Jahrzehnte sie immer wieder gute Projektideen entwickelt, die entsprechend mit Projektmitteln zeitlich begrenzt finanziert wurden. Ihrer stabilisierenden Funktion wird Rechnung getragen, indem tragfähige und gute Projektideen dauerhaft institutionalisiert werden." },
      { number: "5.3", hf: "dto.", text: "Integration wird durch Zusammenarbeit und Freundschaften gefördert. Eine Möglichkeit zur Zusammenarbeit von Menschen mit dem Ziel etwas gemeinsam zu organisieren ist der Tag der Integration, der ursprünglich als Fest der Nationen begann und mittlerweile ein Markenzeichen der Toleranz und Weltoffenheit Aachens geworden ist. Der Tag der Integration ist ein überwiegend ehrenamtlich geplantes Bürgerfest von mehr als 200 Organisationen" },
    ] },
    { number: "6", title: "Soziale Zentren", teilziele: [
      { number: "6.1", hf: "dto.", text: "Die Lotsenfunktion der Migrantenorganisationen für neuankommende Menschen in Aachen ist strukturell eingebunden.", measures: [
        { title: "Migrantenorganisationen beraten in der Bildungserstberatung", lead: "Migrantenorganisationen in Aachen (Vertretung in der Steuerungsgruppe)", partners: [KI], text: "Die Migrantenorganisationen übernehmen eine Beratungsfunktion im Rahmen der ausgeweiteten Bildungserstberatung" },
      ] },
    ] },
    { number: "7", title: "Vernetzung", teilziele: [
      { number: "7.1", hf: "dto.", text: "Die Akteure der Hochschulen, Schulen, Vereine, Staat und Bürgerschaft werden miteinander dauerhaft vernetzt." },
      { number: "7.2", hf: "dto.", text: "Die Anlaufstellen für Einwanderer sind miteinander vernetzt und übersichtlich online dargestellt" },
    ] },
    { number: "8", title: "Öffnung", teilziele: [
      { number: "8.1", hf: "dto.", text: "Die wechselseitige Öffnung der Migrantenorganisationen und der traditionellen Aachener zivilgesellschaftlichen Organisationen trägt zu einem konstruktiven Miteinander bei. Geeignete Maßnahmen bauen gegenseitige Vorurteile und Ängste innerhalb der Bevölkerung ab und sensibilisieren für gemeinsame Ideen und Interessen.", measures: [
        { title: "Vereine für wechselseitige Öffnung sensibilisieren und schulen", lead: EHRENAMT, partners: [CARITAS], text: "Die Vereine werden für dieses Thema öffentlichkeitswirksam sensibilisiert. Interkulturelle Schulungen unterstützen den Prozess der wechselseitigen Öffnung. Die Schulungen werden über das das Ehrenamtsportal angeboten." },
      ] },
    ] },
  ] },
];

/** Vorlage FB 56/0043/WP17 (000: lines 1–300). */
export const SUBMISSION = {
  number: "FB 56/0043/WP17",
  title: "Neuaufstellung des Integrationskonzeptes der Stadt Aachen - Sachstand",
  submittedOn: "2017-03-10",
  status: "öffentlich" as const,
  leadOffice: "Fachbereich Wohnen, Soziales und Integration",
  proposal: "Der Integrationsrat nimmt die Ausführungen zum Sachstand der Neuaufstellung des Integrationskonzeptes zur Kenntnis.\n\nDer Ausschuss für Soziales, Integration und Demographie nimmt die Ausführungen zum Sachstand […] (im Quelldokument am Seitenumbruch abgeschnitten)",
  financialImpact: "Es ergeben sich keinen finanziellen Auswirkungen.",
  explanation: "Notwendigkeit eines neuen Integrationskonzeptes: Förderrichtlinien für Kommunale Integrationszentren. Das bestehende Integrationskonzept wurde im Jahr 2006 vom Rat der Stadt Aachen verabschiedet. […] Eine wesentliche Voraussetzung für den Abruf der beantragten Fördergelder ist die Vorlage eines aktuellen Integrationskonzeptes. Die Förderrichtlinien schreiben vor, dass das Integrationskonzept nicht älter als drei Jahre sein darf. Daher enthält der Bewilligungsbescheid des Ministeriums vom 23. Juli 2013 eine entsprechende Auflage zur Neuaufstellung.",
  attachments: ["Anlage 1 - Aktueller Entwurf des Integrationskonzeptes"],
  steps: [
    { meetsOn: "2017-03-29", bodyShort: "INT", body: "Integrationsrat", competence: "kenntnisnahme" as const },
    { meetsOn: "2017-04-27", bodyShort: "SGA", body: "Ausschuss für Soziales, Integration und Demographie", competence: "entscheidung" as const },
  ],
};
