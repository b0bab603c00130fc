import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { createOrganisation } from "~/kernel/organisations/service";
import type { OrganisationKind } from "~/kernel/roles";
import { createEntry, EntryInput, type Actor } from "./service";
import { ensureAtlasTerms } from "./terms";
import { loadTenantAreas } from "./areas";
import { KOELN_ENTRIES, KOELN_PROVIDERS } from "./demo-koeln";
import type { DemoContent } from "./demo-content";
import { importRegister } from "~/kernel/geocoding/address-register";
import { readCsv } from "~/kernel/parsing/csv";
import { uploadLimits } from "~/kernel/upload";

// After the monitoring demo (60): Köln's entries are placed in the Stadtteile it loads.

// Demo content for Aachen, built from the offices, associations and formats that the Aachen
// Integrationskonzept names. Addresses and times are illustrative; every entry is marked is_demo.

const PROVIDERS: { name: string; kind: OrganisationKind; shortName?: string; website?: string }[] = [
  { name: "Fachbereich Wohnen, Soziales und Integration", kind: "fachbereich" },
  { name: "Kommunales Integrationszentrum Aachen", kind: "fachbereich" },
  { name: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.", kind: "wohlfahrtsverband" },
  { name: "Diakonisches Werk im Kirchenkreis Aachen e.V.", kind: "wohlfahrtsverband" },
  { name: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.", kind: "wohlfahrtsverband" },
  { name: "Jobcenter StädteRegion Aachen", kind: "jobcenter" },
  { name: "Agentur für Arbeit Aachen-Düren", kind: "agentur_fuer_arbeit" },
  { name: "Volkshochschule Aachen", shortName: "VHS", kind: "bildungstraeger" },
  { name: "Büro für Ehrenamt der Stadt Aachen", kind: "fachbereich" },
  { name: "Stadtsportbund Aachen e.V.", shortName: "SSB", kind: "verein" },
  { name: "Integration Point Aachen", kind: "jobcenter" },
  { name: "Café Zuflucht e.V.", kind: "verein" },
  { name: "Werkstatt der Kulturen (Diakonie)", kind: "wohlfahrtsverband" },
  { name: "Integrationsrat der Stadt Aachen", kind: "politik" },
  { name: "Stadtbibliothek Aachen", kind: "fachbereich" },
];

/** Approximate centres of Aachen's Stadtbezirke (no polygons for Aachen in the shared data). */
const AREAS: Record<string, [number, number]> = {
  "Aachen-Mitte": [50.7753, 6.0839],
  Brand: [50.7489, 6.165],
  Eilendorf: [50.78, 6.159],
  Haaren: [50.795, 6.128],
  "Kornelimünster/Walheim": [50.73, 6.178],
  Laurensberg: [50.795, 6.06],
  Richterich: [50.815, 6.06],
};

/** Aachen: a hand-entered Stadtbezirk, the point is placed near its centre. */
interface DemoEntry extends DemoContent {
  area: string;
  street: string;
}

const CITY = "Aachen";
const E: DemoEntry[] = [
  {
    org: "Fachbereich Wohnen, Soziales und Integration",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Hackländerstraße 1",
    place: "Verwaltungsgebäude",
    t: {
      de: [
        "Bildungserstberatung für Neuzugewanderte",
        "Persönliche Erstberatung zu Schule, Ausbildung, Studium und Anerkennung von Abschlüssen. Wir klären, welcher Weg zu Ihnen passt, und vermitteln weiter.",
      ],
      en: [
        "Initial education counselling for newcomers",
        "Personal first advice on school, vocational training, university and recognition of qualifications.",
      ],
      ar: [
        "الاستشارة التعليمية الأولى للقادمين الجدد",
        "استشارة شخصية حول المدرسة والتدريب المهني والدراسة الجامعية والاعتراف بالشهادات.",
      ],
      uk: [
        "Перша освітня консультація для новоприбулих",
        "Особиста консультація щодо школи, професійного навчання, навчання в університеті та визнання дипломів.",
      ],
      ls: [
        "Beratung zu Schule und Beruf",
        "Sie sind neu in Aachen. Sie wollen lernen oder arbeiten. Wir beraten Sie. Die Beratung kostet nichts.",
      ],
    },
    hf: ["sprache_bildung", "beratung_orientierung"],
    tg: ["newcomers", "refugees", "youth"],
    langs: ["de", "en", "ar", "uk"],
    gl: "none",
    cost: "free",
    schedule: "Mo–Do 9–12 Uhr, Do 14–17 Uhr und nach Termin",
    access: "Barrierefreier Eingang, Aufzug vorhanden",
    phone: "0241 432-0",
  },
  {
    org: "Fachbereich Wohnen, Soziales und Integration",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Hackländerstraße 1",
    t: {
      de: [
        "Newcomer Service der Stadt Aachen",
        "Erste Anlaufstelle für alle, die neu nach Aachen ziehen: Anmeldung, Orientierung in der Stadt, Lotsinnen und Lotsen begleiten zu Ämtern.",
      ],
      en: [
        "Newcomer Service of the City of Aachen",
        "First point of contact for everyone moving to Aachen: registration, orientation, guides who accompany you to public offices.",
      ],
      tr: [
        "Aachen Şehri Yeni Gelenler Servisi",
        "Aachen'e yeni taşınan herkes için ilk başvuru noktası: kayıt, şehirde yön bulma, resmi dairelere refakat.",
      ],
      ru: [
        "Служба для новоприбывших города Ахен",
        "Первое контактное место для всех, кто переезжает в Ахен: регистрация, ориентация, сопровождение в ведомства.",
      ],
    },
    hf: ["beratung_orientierung"],
    tg: ["newcomers", "eu_citizens", "skilled_workers"],
    langs: ["de", "en", "tr", "ru", "fr"],
    gl: "none",
    cost: "free",
    schedule: "Mo–Fr 8–12 Uhr",
    access: "Stufenloser Zugang",
  },
  {
    org: "Integration Point Aachen",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Roermonder Straße 51",
    t: {
      de: [
        "Integration Point: Arbeit und Ausbildung für Geflüchtete",
        "Gemeinsame Anlaufstelle von Jobcenter, Agentur für Arbeit, Stadt und Kammern: Beratung zu Arbeit, Ausbildung, Sprachkursen und Anerkennung an einem Ort.",
      ],
      en: [
        "Integration Point: work and training for refugees",
        "Joint one-stop service of the job centre, employment agency, city and chambers.",
      ],
      ar: [
        "نقطة الاندماج: العمل والتدريب للاجئين",
        "مكتب مشترك لمركز العمل ووكالة التوظيف والمدينة والغرف: استشارة حول العمل والتدريب ودورات اللغة.",
      ],
      fa: [
        "نقطه ادغام: کار و آموزش برای پناهجویان",
        "مرکز مشترک اداره کار، آژانس کار، شهر و اتاق‌ها: مشاوره درباره کار، آموزش حرفه‌ای و کلاس‌های زبان.",
      ],
    },
    hf: ["arbeit_weiterbildung", "beratung_orientierung"],
    tg: ["refugees", "youth"],
    langs: ["de", "ar", "fa", "en"],
    gl: "little",
    cost: "free",
    schedule: "Mo–Fr 8–12:30 Uhr, Do bis 18 Uhr",
  },
  {
    org: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Reumontstraße 7a",
    t: {
      de: [
        "Integrationsagentur der Caritas",
        "Beratung, Begleitung und Projekte rund um Zusammenleben, Antidiskriminierung und bürgerschaftliches Engagement.",
      ],
      en: [
        "Caritas integration agency",
        "Advice and projects on living together, anti-discrimination and civic engagement.",
      ],
      ar: [
        "وكالة الاندماج التابعة لكاريتاس",
        "استشارة ومرافقة ومشاريع حول العيش المشترك ومكافحة التمييز والعمل التطوعي.",
      ],
    },
    hf: ["beratung_orientierung", "sicherheit_antirassismus", "engagement_teilhabe"],
    tg: ["all"],
    langs: ["de", "ar", "en"],
    gl: "little",
    cost: "free",
    schedule: "Di und Do 10–16 Uhr",
  },
  {
    org: "Diakonisches Werk im Kirchenkreis Aachen e.V.",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Martin-Luther-Straße 12",
    t: {
      de: [
        "Integrationsagentur der Diakonie – Werkstatt der Kulturen",
        "Interkulturelle Treffpunkte, Beratung für Migrantenorganisationen und Projekte gegen Rassismus.",
      ],
      en: [
        "Diakonie integration agency – Werkstatt der Kulturen",
        "Intercultural meeting place, advice for migrant organisations and projects against racism.",
      ],
    },
    hf: ["kultur_religion", "sicherheit_antirassismus"],
    tg: ["all", "volunteers"],
    langs: ["de", "en", "tr"],
    gl: "little",
    cost: "free",
    schedule: "Mo–Fr 9–15 Uhr",
  },
  {
    org: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.",
    kind: "contact_point",
    area: "Haaren",
    street: "Haarener Gracht 14",
    t: {
      de: [
        "Integrationsagentur der AWO im Quartier",
        "Quartiersarbeit, Sprechstunden und Nachbarschaftsprojekte für ein gutes Zusammenleben.",
      ],
      tr: ["AWO Mahalle Entegrasyon Ajansı", "Mahalle çalışmaları, danışma saatleri ve komşuluk projeleri."],
    },
    hf: ["wohnen_sozialplanung", "engagement_teilhabe"],
    tg: ["families", "all"],
    langs: ["de", "tr"],
    gl: "little",
    cost: "free",
    schedule: "Mi 14–17 Uhr",
  },
  {
    org: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Reumontstraße 7a",
    t: {
      de: [
        "Migrationsberatung für Erwachsene (MBE)",
        "Beratung zu Aufenthalt, Integrationskurs, Familie, Wohnen und Arbeit für Zugewanderte über 27 Jahre.",
      ],
      en: [
        "Migration counselling for adults",
        "Advice on residence, integration course, family, housing and work for migrants over 27.",
      ],
      ar: [
        "استشارة الهجرة للبالغين",
        "استشارة حول الإقامة ودورة الاندماج والأسرة والسكن والعمل للمهاجرين فوق 27 عامًا.",
      ],
      ru: [
        "Миграционная консультация для взрослых",
        "Консультации по вопросам проживания, интеграционного курса, семьи, жилья и работы.",
      ],
    },
    hf: ["beratung_orientierung"],
    tg: ["newcomers", "refugees"],
    langs: ["de", "ar", "ru", "en"],
    gl: "none",
    cost: "free",
    schedule: "Nach Terminvereinbarung",
  },
  {
    org: "Diakonisches Werk im Kirchenkreis Aachen e.V.",
    kind: "contact_point",
    area: "Eilendorf",
    street: "Von-Coels-Straße 40",
    t: {
      de: [
        "Jugendmigrationsdienst",
        "Begleitung junger Menschen von 12 bis 27 Jahren bei Schule, Ausbildung und Beruf.",
      ],
      en: ["Youth migration service", "Support for young people aged 12 to 27 with school, training and work."],
      uk: ["Молодіжна міграційна служба", "Супровід молоді від 12 до 27 років у школі, навчанні та професії."],
    },
    hf: ["beratung_orientierung", "arbeit_weiterbildung"],
    tg: ["youth"],
    langs: ["de", "en", "uk"],
    gl: "little",
    cost: "free",
    schedule: "Mo–Do 10–16 Uhr",
  },
  // Language courses
  {
    org: "Volkshochschule Aachen",
    area: "Aachen-Mitte",
    street: "Peterstraße 21–25",
    place: "VHS-Haus",
    t: {
      de: [
        "Deutschkurse am Abend (A1 bis B1)",
        "Integrationskurse und allgemeine Deutschkurse für Berufstätige, zweimal pro Woche abends. Einstufungstest vor Kursbeginn.",
      ],
      en: [
        "German courses in the evening (A1 to B1)",
        "Integration courses and general German courses for working people, twice a week in the evening.",
      ],
      ar: [
        "دورات اللغة الألمانية مساءً (A1 إلى B1)",
        "دورات الاندماج ودورات اللغة الألمانية العامة للعاملين، مرتين في الأسبوع مساءً.",
      ],
    },
    hf: ["sprache_bildung"],
    tg: ["newcomers", "skilled_workers"],
    langs: ["de"],
    gl: "none",
    cost: "reduced",
    costNote: "Integrationskurs: Kostenbefreiung durch das BAMF möglich",
    schedule: "Di und Do 18–21 Uhr",
    access: "Aufzug, barrierefreie Toilette",
  },
  {
    org: "Volkshochschule Aachen",
    area: "Aachen-Mitte",
    street: "Peterstraße 21–25",
    t: {
      de: [
        "Deutschkurse für Frauen mit Kinderbetreuung",
        "Integrationskurs speziell für Frauen; während des Unterrichts werden Kinder im Haus betreut.",
      ],
      en: [
        "German courses for women with childcare",
        "Integration course for women; children are looked after in the building during lessons.",
      ],
      ar: [
        "دورات ألمانية للنساء مع رعاية الأطفال",
        "دورة اندماج خاصة بالنساء؛ تتم رعاية الأطفال في المبنى أثناء الدرس.",
      ],
      fa: [
        "کلاس‌های آلمانی برای زنان با نگهداری از کودکان",
        "دوره ادغام ویژه زنان؛ در طول کلاس از کودکان نگهداری می‌شود.",
      ],
      tr: [
        "Çocuk bakımlı kadınlar için Almanca kursları",
        "Kadınlara özel uyum kursu; ders sırasında çocuklara bakılır.",
      ],
    },
    hf: ["sprache_bildung"],
    tg: ["women", "families"],
    langs: ["de", "ar", "fa"],
    gl: "none",
    cost: "free",
    schedule: "Mo–Fr 8:30–12:30 Uhr",
  },
  {
    org: "Volkshochschule Aachen",
    area: "Brand",
    street: "Paul-Küpper-Platz 1",
    place: "Bezirksamt Brand",
    t: {
      de: [
        "Deutschkurs im Stadtteil Brand",
        "Kleiner Deutschkurs für Anfängerinnen und Anfänger, wohnortnah im Bezirksamt.",
      ],
      en: ["German course in Brand", "Small German course for beginners, close to home in the district office."],
    },
    hf: ["sprache_bildung"],
    tg: ["newcomers", "seniors"],
    langs: ["de"],
    gl: "none",
    cost: "reduced",
    schedule: "Mi 9–11:15 Uhr",
  },
  {
    org: "Volkshochschule Aachen",
    area: "Aachen-Mitte",
    street: "Peterstraße 21–25",
    t: {
      de: [
        "Berufsbezogene Deutschsprachförderung (DeuFöV) B2",
        "Deutsch für den Beruf: Fachsprache, Bewerbung, Kommunikation am Arbeitsplatz.",
      ],
      en: [
        "Job-related German B2",
        "German for work: technical language, applications, communication at the workplace.",
      ],
    },
    hf: ["sprache_bildung", "arbeit_weiterbildung"],
    tg: ["skilled_workers", "newcomers"],
    langs: ["de"],
    gl: "good",
    cost: "free",
    schedule: "Mo–Fr 13–17 Uhr",
  },
  {
    org: "Café Zuflucht e.V.",
    area: "Aachen-Mitte",
    street: "Kurbrunnenstraße 12",
    t: {
      de: ["Sprachcafé im Café Zuflucht", "Deutsch üben in entspannter Runde mit Ehrenamtlichen, ohne Anmeldung."],
      en: ["Language café at Café Zuflucht", "Practise German in a relaxed group with volunteers, no registration."],
      ar: ["مقهى اللغة في كافيه تسوفلوخت", "تدرّب على الألمانية في جو مريح مع متطوعين، بدون تسجيل."],
      fa: ["کافه زبان در کافه تسوفلوخت", "تمرین زبان آلمانی در جمعی راحت با داوطلبان، بدون ثبت‌نام."],
    },
    hf: ["sprache_bildung", "engagement_teilhabe"],
    tg: ["refugees", "newcomers"],
    langs: ["de", "ar", "fa"],
    gl: "little",
    cost: "free",
    schedule: "Mi 16–18 Uhr",
  },
  {
    org: "Stadtbibliothek Aachen",
    area: "Aachen-Mitte",
    street: "Couvenstraße 15",
    t: {
      de: [
        "Lesecafé und Deutsch-Lernecke in der Stadtbibliothek",
        "Lernmaterialien, Tandem-Treffen und Vorlesestunden in vielen Sprachen.",
      ],
      en: [
        "Reading café and German learning corner at the city library",
        "Learning materials, tandem meetings and story time in many languages.",
      ],
      uk: [
        "Читацьке кафе та куточок для вивчення німецької в міській бібліотеці",
        "Навчальні матеріали, тандем-зустрічі та читання вголос багатьма мовами.",
      ],
    },
    hf: ["sprache_bildung", "kultur_religion"],
    tg: ["all", "children", "families"],
    langs: ["de", "uk", "en", "ar"],
    gl: "none",
    cost: "free",
    schedule: "Sa 11–13 Uhr",
    access: "Barrierefrei, Hörschleife im Veranstaltungsraum",
  },
  // Work
  {
    org: "Jobcenter StädteRegion Aachen",
    area: "Aachen-Mitte",
    street: "Lombardenstraße 18",
    t: {
      de: [
        "Anerkennungsberatung für ausländische Berufsabschlüsse",
        "Wir prüfen mit Ihnen, welche Stelle Ihren Abschluss anerkennt, und helfen beim Antrag.",
      ],
      en: [
        "Advice on recognition of foreign qualifications",
        "We check with you which office recognises your qualification and help with the application.",
      ],
      ru: [
        "Консультация по признанию иностранных дипломов",
        "Мы вместе определим, какое ведомство признаёт ваш диплом, и поможем с заявлением.",
      ],
    },
    hf: ["arbeit_weiterbildung", "beratung_orientierung"],
    tg: ["skilled_workers", "newcomers"],
    langs: ["de", "en", "ru"],
    gl: "little",
    cost: "free",
    schedule: "Nach Termin",
  },
  {
    org: "Agentur für Arbeit Aachen-Düren",
    area: "Aachen-Mitte",
    street: "Roermonder Straße 51",
    t: {
      de: [
        "Berufsberatung für junge Zugewanderte",
        "Orientierung zu Ausbildungsberufen, Praktika und Einstiegsqualifizierung.",
      ],
      en: ["Career advice for young migrants", "Orientation on apprenticeships, internships and entry qualification."],
    },
    hf: ["arbeit_weiterbildung"],
    tg: ["youth"],
    langs: ["de", "en"],
    gl: "good",
    cost: "free",
    schedule: "Mo–Fr 8–16 Uhr",
  },
  {
    org: "Integration Point Aachen",
    area: "Aachen-Mitte",
    street: "Roermonder Straße 51",
    t: {
      de: [
        "Bewerbungswerkstatt",
        "Lebenslauf, Anschreiben und Vorstellungsgespräch üben – mit Unterstützung in mehreren Sprachen.",
      ],
      en: ["Job application workshop", "Practise CV, cover letter and interviews – with support in several languages."],
      ar: ["ورشة طلبات العمل", "التدرب على السيرة الذاتية ورسالة التقديم والمقابلة – بدعم بعدة لغات."],
    },
    hf: ["arbeit_weiterbildung"],
    tg: ["refugees", "skilled_workers"],
    langs: ["de", "ar", "en", "ti"],
    gl: "little",
    cost: "free",
    schedule: "Do 13–16 Uhr",
  },
  {
    org: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.",
    area: "Eilendorf",
    street: "Heinrich-Thomas-Platz 1",
    t: {
      de: [
        "Frauen in Arbeit – Orientierungskurs",
        "Kurs für zugewanderte Frauen: Arbeitsmarkt, Kinderbetreuung, erste Schritte in den Beruf.",
      ],
      tr: [
        "Çalışan Kadınlar – Oryantasyon Kursu",
        "Göçmen kadınlar için kurs: iş piyasası, çocuk bakımı, mesleğe ilk adımlar.",
      ],
    },
    hf: ["arbeit_weiterbildung"],
    tg: ["women"],
    langs: ["de", "tr", "ar"],
    gl: "little",
    cost: "free",
    schedule: "Mo und Mi 9–12 Uhr",
  },
  // Volunteering
  {
    org: "Büro für Ehrenamt der Stadt Aachen",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Mozartstraße 2–10",
    t: {
      de: [
        "Büro für Ehrenamt – Vermittlung ins Engagement",
        "Beratung für Menschen, die sich engagieren möchten, und Vermittlung in passende Einsatzstellen – auch für Zugewanderte.",
      ],
      en: [
        "Volunteering office – find your volunteering role",
        "Advice for people who want to volunteer and placement in suitable roles – also for migrants.",
      ],
      ar: ["مكتب العمل التطوعي", "استشارة لمن يرغب في التطوع وتوجيه إلى أماكن مناسبة – للقادمين الجدد أيضًا."],
    },
    hf: ["engagement_teilhabe"],
    tg: ["all", "volunteers"],
    langs: ["de", "en"],
    gl: "little",
    cost: "free",
    schedule: "Di–Do 10–13 Uhr",
  },
  {
    org: "Büro für Ehrenamt der Stadt Aachen",
    kind: "volunteer",
    area: "Aachen-Mitte",
    street: "Mozartstraße 2–10",
    t: {
      de: [
        "Ehrenamtliche Lotsinnen und Lotsen gesucht",
        "Sie begleiten Neuzugewanderte zu Ämtern, Ärztinnen und Schulen. Schulung und Austauschtreffen inklusive.",
      ],
      en: [
        "Volunteer guides wanted",
        "Accompany newcomers to offices, doctors and schools. Training and exchange meetings included.",
      ],
    },
    hf: ["engagement_teilhabe", "beratung_orientierung"],
    tg: ["volunteers"],
    langs: ["de"],
    gl: "good",
    cost: "free",
    schedule: "2–4 Stunden pro Woche, frei einteilbar",
  },
  {
    org: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
    kind: "volunteer",
    area: "Haaren",
    street: "Alt-Haarener Straße 3",
    t: {
      de: [
        "Hausaufgabenhilfe: Ehrenamtliche gesucht",
        "Unterstützen Sie Kinder aus zugewanderten Familien bei den Hausaufgaben, einmal pro Woche.",
      ],
      en: ["Homework help: volunteers wanted", "Support children from migrant families with homework, once a week."],
    },
    hf: ["engagement_teilhabe", "sprache_bildung"],
    tg: ["volunteers", "children"],
    langs: ["de"],
    gl: "good",
    cost: "free",
    schedule: "Mo–Do 14–16 Uhr, ein Nachmittag pro Woche",
  },
  {
    org: "Café Zuflucht e.V.",
    kind: "volunteer",
    area: "Aachen-Mitte",
    street: "Kurbrunnenstraße 12",
    t: {
      de: [
        "Mitmachen im Sprachcafé – auch ohne gute Deutschkenntnisse",
        "Sie sprechen Arabisch, Persisch oder Tigrinya? Helfen Sie beim Übersetzen und Ankommen.",
      ],
      en: [
        "Join the language café – also without good German",
        "You speak Arabic, Persian or Tigrinya? Help with translating and settling in.",
      ],
      ar: [
        "شارك في مقهى اللغة – حتى بدون لغة ألمانية جيدة",
        "تتحدث العربية أو الفارسية أو التغرينية؟ ساعد في الترجمة والاستقرار.",
      ],
    },
    hf: ["engagement_teilhabe"],
    tg: ["volunteers", "refugees"],
    langs: ["ar", "fa", "ti", "de"],
    gl: "little",
    cost: "free",
    schedule: "Mi 16–18 Uhr",
  },
  // Sport and health
  {
    org: "Stadtsportbund Aachen e.V.",
    area: "Aachen-Mitte",
    street: "Hubert-Wienen-Straße 11",
    t: {
      de: [
        "Sport im Verein – Beratung für Neuzugewanderte",
        "Der Stadtsportbund vermittelt in über 300 Aachener Sportvereine und hilft bei Beiträgen über das Bildungs- und Teilhabepaket.",
      ],
      en: [
        "Sports clubs – advice for newcomers",
        "The city sports federation connects you with over 300 clubs and helps with fees via the education and participation package.",
      ],
      ar: [
        "الرياضة في الأندية – استشارة للقادمين الجدد",
        "يساعدك اتحاد الرياضة في المدينة في الانضمام إلى أكثر من 300 نادٍ رياضي.",
      ],
      uk: [
        "Спорт у клубі – консультація для новоприбулих",
        "Міська спортивна спілка допоможе знайти один із понад 300 спортивних клубів.",
      ],
    },
    hf: ["sport_gesundheit"],
    tg: ["all", "youth", "children"],
    langs: ["de", "en", "ar"],
    gl: "none",
    cost: "free",
    schedule: "Mo–Fr 9–15 Uhr",
  },
  {
    org: "Stadtsportbund Aachen e.V.",
    area: "Laurensberg",
    street: "Rathausstraße 12",
    t: {
      de: [
        "Schwimmkurs für Frauen",
        "Schwimmen lernen in geschützter Atmosphäre, nur Frauen, Trainerin spricht Arabisch und Deutsch.",
      ],
      en: [
        "Swimming course for women",
        "Learn to swim in a protected setting, women only, the trainer speaks Arabic and German.",
      ],
      ar: ["دورة سباحة للنساء", "تعلّمي السباحة في جو محمي، للنساء فقط، المدربة تتحدث العربية والألمانية."],
    },
    hf: ["sport_gesundheit"],
    tg: ["women"],
    langs: ["de", "ar"],
    gl: "none",
    cost: "reduced",
    costNote: "5 € pro Termin, mit Aachen-Pass kostenlos",
    schedule: "Sa 10–11:30 Uhr",
  },
  {
    org: "Stadtsportbund Aachen e.V.",
    area: "Richterich",
    street: "Horbacher Straße 5",
    t: {
      de: [
        "Fußball für alle – offenes Training",
        "Offenes Fußballtraining für Jugendliche ab 14, ohne Vereinsmitgliedschaft.",
      ],
      en: [
        "Football for everyone – open training",
        "Open football training for young people from 14, no club membership needed.",
      ],
    },
    hf: ["sport_gesundheit"],
    tg: ["youth"],
    langs: ["de", "en", "ar", "fa"],
    gl: "none",
    cost: "free",
    schedule: "Fr 17–19 Uhr",
  },
  {
    org: "Diakonisches Werk im Kirchenkreis Aachen e.V.",
    area: "Aachen-Mitte",
    street: "Martin-Luther-Straße 12",
    t: {
      de: [
        "Psychosoziale Beratung für Geflüchtete",
        "Gespräche bei Belastung, Trauma und Stress, mit Dolmetscherinnen und Dolmetschern.",
      ],
      en: ["Psychosocial counselling for refugees", "Talks about strain, trauma and stress, with interpreters."],
      fa: ["مشاوره روانی-اجتماعی برای پناهجویان", "گفتگو درباره فشار، آسیب روانی و استرس، با مترجم."],
      ar: ["الاستشارة النفسية الاجتماعية للاجئين", "محادثات حول الضغط النفسي والصدمات والتوتر، مع مترجمين."],
    },
    hf: ["sport_gesundheit", "beratung_orientierung"],
    tg: ["refugees"],
    langs: ["de", "ar", "fa", "en"],
    gl: "none",
    cost: "free",
    schedule: "Nach Termin",
  },
  {
    org: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.",
    area: "Kornelimünster/Walheim",
    street: "Schleckheimer Straße 2",
    t: {
      de: [
        "Gesundheitslotsinnen: Informationen zum Gesundheitssystem",
        "Muttersprachliche Veranstaltungen zu Arztbesuch, Krankenversicherung und Vorsorge.",
      ],
      ru: [
        "Гиды по здоровью: информация о системе здравоохранения",
        "Мероприятия на родном языке о посещении врача, медстраховке и профилактике.",
      ],
      tr: [
        "Sağlık rehberleri: sağlık sistemi hakkında bilgi",
        "Doktor ziyareti, sağlık sigortası ve önleme hakkında anadilde etkinlikler.",
      ],
    },
    hf: ["sport_gesundheit"],
    tg: ["families", "seniors"],
    langs: ["ru", "tr", "de"],
    gl: "none",
    cost: "free",
    schedule: "Monatlich, Termine auf Anfrage",
  },
  // Culture, living together, anti-racism
  {
    org: "Werkstatt der Kulturen (Diakonie)",
    area: "Aachen-Mitte",
    street: "Martin-Luther-Straße 12",
    t: {
      de: ["Interkultureller Frauentreff", "Austausch, Kochen und Ausflüge für Frauen aller Herkunft."],
      en: ["Intercultural women's meeting", "Exchange, cooking and outings for women of all backgrounds."],
      ar: ["لقاء النساء بين الثقافات", "تبادل وطبخ ورحلات للنساء من جميع الخلفيات."],
    },
    hf: ["kultur_religion", "engagement_teilhabe"],
    tg: ["women"],
    langs: ["de", "ar", "tr", "fa"],
    gl: "little",
    cost: "free",
    schedule: "Do 10–12 Uhr",
  },
  {
    org: "Kommunales Integrationszentrum Aachen",
    area: "Aachen-Mitte",
    street: "Bahnhofplatz 3",
    t: {
      de: [
        "Antidiskriminierungsberatung",
        "Vertrauliche Beratung, wenn Sie wegen Herkunft, Religion oder Sprache benachteiligt werden.",
      ],
      en: [
        "Anti-discrimination counselling",
        "Confidential advice if you are treated unfairly because of origin, religion or language.",
      ],
      ar: ["استشارة مكافحة التمييز", "استشارة سرية إذا تعرضت للتمييز بسبب الأصل أو الدين أو اللغة."],
      tr: ["Ayrımcılık karşıtı danışmanlık", "Köken, din veya dil nedeniyle ayrımcılığa uğrarsanız gizli danışmanlık."],
    },
    hf: ["sicherheit_antirassismus", "beratung_orientierung"],
    tg: ["all"],
    langs: ["de", "en", "ar", "tr"],
    gl: "none",
    cost: "free",
    schedule: "Mo 14–16 Uhr und nach Termin",
  },
  {
    org: "Kommunales Integrationszentrum Aachen",
    area: "Aachen-Mitte",
    street: "Bahnhofplatz 3",
    t: {
      de: [
        "Rucksack KiTa – Elternbildung und Sprachförderung",
        "Eltern stärken die Mehrsprachigkeit ihrer Kinder; Treffen in Kitas mit Elternbegleiterinnen.",
      ],
      en: [
        "Rucksack daycare – parent education and language support",
        "Parents support their children's multilingualism; meetings in daycare centres.",
      ],
      tr: [
        "Rucksack KiTa – veli eğitimi ve dil desteği",
        "Veliler çocuklarının çok dilliliğini destekler; kreşlerde buluşmalar.",
      ],
    },
    hf: ["sprache_bildung"],
    tg: ["families", "children"],
    langs: ["de", "tr", "ar", "ru"],
    gl: "little",
    cost: "free",
    schedule: "Wöchentlich in teilnehmenden Kitas",
  },
  {
    org: "Kommunales Integrationszentrum Aachen",
    area: "Aachen-Mitte",
    street: "Bahnhofplatz 3",
    t: {
      de: [
        "Griffbereit – Spielgruppen für Eltern mit Kleinkindern",
        "Spielen, Singen und Sprache fördern für Familien mit Kindern von 1 bis 3 Jahren.",
      ],
      ar: [
        "غريفبرايت – مجموعات لعب للآباء مع الأطفال الصغار",
        "اللعب والغناء وتعزيز اللغة للعائلات مع أطفال من سنة إلى 3 سنوات.",
      ],
    },
    hf: ["sprache_bildung"],
    tg: ["families", "children"],
    langs: ["de", "ar"],
    gl: "none",
    cost: "free",
    schedule: "Di 9:30–11 Uhr",
  },
  {
    org: "Stadtbibliothek Aachen",
    area: "Aachen-Mitte",
    street: "Couvenstraße 15",
    t: {
      de: [
        "Mehrsprachige Vorlesestunde",
        "Bilderbücher auf Deutsch und in Familiensprachen für Kinder von 3 bis 8 Jahren.",
      ],
      en: ["Multilingual story time", "Picture books in German and family languages for children aged 3 to 8."],
      uk: ["Багатомовне читання вголос", "Книжки з картинками німецькою та рідними мовами для дітей від 3 до 8 років."],
    },
    hf: ["kultur_religion", "sprache_bildung"],
    tg: ["children", "families"],
    langs: ["de", "uk", "ar", "tr"],
    gl: "none",
    cost: "free",
    schedule: "Jeden 1. Samstag im Monat, 11 Uhr",
  },
  // Networks and bodies
  {
    org: "Integrationsrat der Stadt Aachen",
    kind: "network",
    area: "Aachen-Mitte",
    street: "Markt 1",
    place: "Rathaus",
    t: {
      de: [
        "Integrationsrat der Stadt Aachen",
        "Gewähltes Gremium, das die Interessen der Menschen mit Einwanderungsgeschichte in der Stadtpolitik vertritt. Sitzungen sind öffentlich.",
      ],
      en: [
        "Integration Council of the City of Aachen",
        "Elected body representing the interests of people with a migration background in city politics. Meetings are public.",
      ],
    },
    hf: ["engagement_teilhabe"],
    tg: ["all"],
    langs: ["de"],
    gl: "good",
    cost: "free",
    members: "Gewählte Mitglieder und vom Rat entsandte Ratsmitglieder",
    coordinator: "Geschäftsstelle im Fachbereich Wohnen, Soziales und Integration",
    rhythm: "etwa sechs Sitzungen pro Jahr",
  },
  {
    org: "Kommunales Integrationszentrum Aachen",
    kind: "network",
    area: "Aachen-Mitte",
    street: "Bahnhofplatz 3",
    t: {
      de: [
        "Netzwerk der Integrationsagenturen",
        "Austausch der Integrationsagenturen von Caritas, Diakonie und AWO mit dem Kommunalen Integrationszentrum.",
      ],
      en: [
        "Network of integration agencies",
        "Exchange of the integration agencies of Caritas, Diakonie and AWO with the municipal integration centre.",
      ],
    },
    hf: ["engagement_teilhabe", "beratung_orientierung"],
    tg: ["all"],
    langs: ["de"],
    gl: "good",
    cost: "free",
    members: "Caritas, Diakonie, AWO, Kommunales Integrationszentrum, Büro für Ehrenamt",
    coordinator: "Kommunales Integrationszentrum Aachen",
    rhythm: "vierteljährlich",
  },
  {
    org: "Kommunales Integrationszentrum Aachen",
    kind: "network",
    area: "Aachen-Mitte",
    street: "Bahnhofplatz 3",
    t: {
      de: [
        "Arbeitskreis Migrantenorganisationen",
        "Offener Arbeitskreis der Aachener Migrantenorganisationen: Qualifizierung, Vernetzung, gemeinsame Projekte.",
      ],
      en: [
        "Working group of migrant organisations",
        "Open working group of Aachen's migrant organisations: training, networking, joint projects.",
      ],
      ar: ["مجموعة عمل منظمات المهاجرين", "مجموعة عمل مفتوحة لمنظمات المهاجرين في آخن: تأهيل وتشبيك ومشاريع مشتركة."],
    },
    hf: ["engagement_teilhabe"],
    tg: ["volunteers"],
    langs: ["de", "ar", "tr"],
    gl: "little",
    cost: "free",
    members: "Über 40 Migrantenorganisationen und Moscheegemeinden",
    coordinator: "Kommunales Integrationszentrum Aachen",
    rhythm: "alle zwei Monate",
  },
  // Housing and social planning
  {
    org: "Fachbereich Wohnen, Soziales und Integration",
    kind: "contact_point",
    area: "Aachen-Mitte",
    street: "Hackländerstraße 1",
    t: {
      de: [
        "Wohnungssuche: Beratung und Wohnberechtigungsschein",
        "Hilfe beim Antrag auf Wohnberechtigungsschein und Tipps zur Wohnungssuche.",
      ],
      en: [
        "Finding a flat: advice and housing entitlement certificate",
        "Help with applying for a housing entitlement certificate and tips for finding a flat.",
      ],
      uk: [
        "Пошук житла: консультація та довідка на соціальне житло",
        "Допомога із заявою на довідку на соціальне житло та поради щодо пошуку квартири.",
      ],
      ar: ["البحث عن سكن: استشارة وشهادة استحقاق السكن", "مساعدة في طلب شهادة استحقاق السكن ونصائح للبحث عن شقة."],
    },
    hf: ["wohnen_sozialplanung"],
    tg: ["families", "refugees", "newcomers"],
    langs: ["de", "uk", "ar"],
    gl: "little",
    cost: "free",
    schedule: "Di 8–12 Uhr",
  },
  {
    org: "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
    area: "Brand",
    street: "Trierer Straße 760",
    t: {
      de: ["Nachbarschaftstreff Brand", "Treffpunkt für alle im Viertel: Frühstück, Beratung, Kinderprogramm."],
      ar: ["ملتقى الجيران في براند", "مكان لقاء للجميع في الحي: فطور واستشارة وبرنامج للأطفال."],
    },
    hf: ["wohnen_sozialplanung", "engagement_teilhabe"],
    tg: ["all", "families"],
    langs: ["de", "ar", "tr"],
    gl: "none",
    cost: "free",
    schedule: "Fr 9–12 Uhr",
  },
  {
    org: "Diakonisches Werk im Kirchenkreis Aachen e.V.",
    area: "Richterich",
    street: "Roder Weg 8",
    t: {
      de: [
        "Seniorentreff international",
        "Begegnung, Gymnastik und Beratung für ältere Menschen mit und ohne Einwanderungsgeschichte.",
      ],
      ru: ["Международный клуб для пожилых", "Встречи, гимнастика и консультации для пожилых людей."],
      tr: [
        "Uluslararası yaşlılar buluşması",
        "Göçmen geçmişi olan ve olmayan yaşlılar için buluşma, jimnastik ve danışma.",
      ],
    },
    hf: ["sport_gesundheit", "engagement_teilhabe"],
    tg: ["seniors"],
    langs: ["de", "ru", "tr"],
    gl: "little",
    cost: "free",
    schedule: "Mo 14:30–16:30 Uhr",
  },
  // Older entry: reminder is due (11 months without confirmation).
  {
    org: "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.",
    area: "Haaren",
    street: "Haarener Gracht 14",
    ageMonths: 11.5,
    t: {
      de: ["Elterncafé Haaren", "Austausch über Schule und Erziehung bei Kaffee, mit Übersetzung nach Bedarf."],
      tr: ["Haaren Veli Kafesi", "Okul ve eğitim hakkında sohbet, gerektiğinde tercüme."],
    },
    hf: ["sprache_bildung", "engagement_teilhabe"],
    tg: ["families"],
    langs: ["de", "tr"],
    gl: "little",
    cost: "free",
    schedule: "Jeden 2. Dienstag, 9 Uhr",
  },
  // Unconfirmed for over a year: hidden from the public, staff are told.
  {
    org: "Café Zuflucht e.V.",
    area: "Aachen-Mitte",
    street: "Kurbrunnenstraße 12",
    ageMonths: 14,
    t: {
      de: ["Fahrradwerkstatt für Geflüchtete", "Gemeinsam Fahrräder reparieren – Werkzeug und Ersatzteile vorhanden."],
    },
    hf: ["engagement_teilhabe", "sport_gesundheit"],
    tg: ["refugees"],
    langs: ["de", "ar"],
    gl: "none",
    cost: "free",
    schedule: "Sa 14–17 Uhr",
  },
];

// Recurring formats in several Stadtbezirke (Sprachcafés, Sport im Quartier, Hausaufgabenhilfe).
const DISTRICTS = [
  "Brand",
  "Eilendorf",
  "Haaren",
  "Kornelimünster/Walheim",
  "Laurensberg",
  "Richterich",
  "Aachen-Mitte",
];
for (const [i, d] of DISTRICTS.entries()) {
  E.push({
    org: [
      "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
      "Diakonisches Werk im Kirchenkreis Aachen e.V.",
      "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V.",
    ][i % 3],
    area: d,
    street: `Quartiersbüro ${d}`,
    t: {
      de: [
        `Sprachcafé ${d}`,
        `Deutsch sprechen üben im Stadtteil ${d}: offene Runde mit Ehrenamtlichen, Kinder sind willkommen.`,
      ],
      en: [`Language café ${d}`, `Practise speaking German in ${d}: open group with volunteers, children welcome.`],
      ...(i % 2 === 0
        ? {
            ar: [
              `مقهى اللغة ${d}`,
              `تدرّب على التحدث بالألمانية في حي ${d}: مجموعة مفتوحة مع متطوعين، الأطفال مرحب بهم.`,
            ] as [string, string],
          }
        : {}),
      ...(i % 3 === 0
        ? {
            uk: [`Мовне кафе ${d}`, `Практика розмовної німецької в районі ${d}: відкрита група з волонтерами.`] as [
              string,
              string,
            ],
          }
        : {}),
    },
    hf: ["sprache_bildung"],
    tg: ["newcomers", "refugees", "all"],
    langs: i % 2 === 0 ? ["de", "ar"] : ["de", "uk"],
    gl: i % 2 === 0 ? "none" : "little",
    cost: "free",
    schedule: `${["Mo", "Di", "Mi", "Do", "Fr", "Sa", "Mo"][i]} 16–18 Uhr`,
  });
  E.push({
    org: "Stadtsportbund Aachen e.V.",
    area: d,
    street: `Sporthalle ${d}`,
    t: {
      de: [
        `Sport im Quartier ${d}`,
        `Bewegungsangebot für Kinder und Jugendliche in ${d}: Ballsport, Tanz und Spiele, ohne Vereinsbeitrag.`,
      ],
      en: [
        `Neighbourhood sports ${d}`,
        `Sports for children and young people in ${d}: ball games, dance and games, no club fee.`,
      ],
    },
    hf: ["sport_gesundheit"],
    tg: ["children", "youth"],
    langs: ["de", "en"],
    gl: "none",
    cost: "free",
    schedule: `${["Di", "Mi", "Do", "Fr", "Mo", "Di", "Sa"][i]} 15–17 Uhr`,
  });
  if (i < 5) {
    E.push({
      org: "Volkshochschule Aachen",
      area: d,
      street: `Grundschule ${d}`,
      t: {
        de: [
          `Deutschkurse für Eltern in ${d}`,
          `Deutsch lernen, während die Kinder in der Schule sind: Elternkurs an der Grundschule in ${d}.`,
        ],
        en: [
          `German courses for parents in ${d}`,
          `Learn German while your children are at school: parents' course at the primary school in ${d}.`,
        ],
        tr: [
          `${d}'de veliler için Almanca kursları`,
          `Çocuklarınız okuldayken Almanca öğrenin: ${d} ilkokulunda veli kursu.`,
        ],
      },
      hf: ["sprache_bildung"],
      tg: ["families", "women"],
      langs: ["de", "tr"],
      gl: "none",
      cost: "reduced",
      costNote: "Kursgebühr 30 €, Ermäßigung mit Aachen-Pass",
      schedule: `${["Mo", "Di", "Mi", "Do", "Fr"][i]} 8:30–10 Uhr`,
    });
  }
}

async function ensureOrganisations(tx: Tx, providers: typeof PROVIDERS): Promise<Map<string, string>> {
  // createOrganisation skips names the tenant already has (e.g. the kernel's demo organisations).
  for (const p of providers)
    await createOrganisation(tx, {
      name: p.name,
      kind: p.kind,
      shortName: p.shortName ?? null,
      website: p.website ?? null,
    });
  const r = await rows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM organisations`);
  return new Map(r.map((x) => [x.name, x.id]));
}

type DemoPlace = EntryInput["places"][number];

/** The demo's mark in each translation's own language, so an English description is English throughout. */
const DEMO_MARK: Record<string, string> = {
  en: "demo entry",
  ar: "إدخال تجريبي",
  fa: "مورد نمایشی",
  tr: "demo kaydı",
  uk: "демонстраційний запис",
  ru: "демонстрационная запись",
};

function demoInput(e: DemoContent, orgId: string | null, place: DemoPlace): EntryInput {
  return EntryInput.parse({
    kind: e.kind ?? "offer",
    organisationId: orgId,
    handlungsfelder: e.hf,
    targetGroups: e.tg,
    languages: e.langs,
    germanLevel: e.gl,
    cost: e.cost,
    costNote: e.costNote ?? null,
    schedule: e.schedule ?? null,
    accessibility: e.access ?? null,
    contactName: e.contact ?? null,
    contactEmail: e.email ?? null,
    contactPhone: e.phone ?? null,
    website: null,
    networkMembers: e.members ?? null,
    coordinator: e.coordinator ?? null,
    meetingRhythm: e.rhythm ?? null,
    validFrom: null,
    validUntil: null,
    translations: Object.fromEntries(
      Object.entries(e.t).map(([l, [title, description]]) => [
        l,
        { title, description: `${description}\n\n(${DEMO_MARK[l] ?? "Demo-Eintrag"})` },
      ]),
    ),
    places: [place],
  });
}

function toInput(e: DemoEntry, orgId: string | null, offset: number): EntryInput {
  const [lat, lon] = AREAS[e.area];
  // Spread the points a little so that entries in the same Stadtbezirk do not sit on one pixel.
  const jitter = (n: number) => (((offset * 7919 + n * 104729) % 1000) / 1000 - 0.5) * 0.012;
  return demoInput(e, orgId, {
    label: e.place ?? null,
    street: e.street,
    postcode: "52062",
    city: CITY,
    lat: +(lat + jitter(1)).toFixed(5),
    lon: +(lon + jitter(2)).toFixed(5),
    areaName: e.area,
  });
}

/** A demo content's confirmation date: spread over the last months, or as old as the entry says. */
const confirmedAt = (e: DemoContent, i: number) => new Date(Date.now() - (e.ageMonths ?? i % 9) * 30.4 * 86400000);

/**
 * The demo's address register (decision 0053), made from the demo offers' own addresses and points, the
 * way a city publishes its register as open data: one row per address, the first point given for it.
 * It goes through the same reader as an uploaded file.
 */
export function demoRegisterCsv(
  places: { street: string | null; postcode: string; city: string; at: [number, number] }[],
) {
  const seen = new Set<string>();
  const lines = ["Straße;PLZ;Ort;Breite;Länge"];
  for (const p of places) {
    if (!p.street || seen.has(`${p.street}|${p.postcode}`)) continue;
    seen.add(`${p.street}|${p.postcode}`);
    lines.push([p.street, p.postcode, p.city, p.at[0].toFixed(5), p.at[1].toFixed(5)].join(";"));
  }
  return lines.join("\n");
}

async function loadDemoRegister(tx: Tx, csv: string) {
  const r = await importRegister(tx, readCsv(new TextEncoder().encode(csv), {}, uploadLimits()), "wgs84");
  if (!r.ok) throw new Error(`Demo-Adressverzeichnis: ${JSON.stringify(r.problems)}`);
}

export async function seedDemo(db: Database, log: (m: string) => void) {
  await seedAachen(db, log);
  await seedKoeln(db, log);
}

const staff: Actor = { role: "admin", organisationId: null, userId: null };

/** Runs fn in the demo tenant with this slug; null when there is no such tenant. */
async function inDemoTenant<T>(db: Database, slug: string, fn: (tx: Tx) => Promise<T>): Promise<T | null> {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, slug));
  return tenant ? withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, fn) : null;
}

async function seedAachen(db: Database, log: (m: string) => void) {
  const n = await inDemoTenant(db, "aachen", async (tx) => {
    await ensureAtlasTerms(tx);
    const orgs = await ensureOrganisations(tx, PROVIDERS);
    const inputs = E.map((e, i) => toInput(e, orgs.get(e.org) ?? null, i));
    const places = inputs.map((x) => x.places[0]);
    await loadDemoRegister(
      tx,
      demoRegisterCsv(
        places.map((p) => ({ street: p.street, postcode: p.postcode!, city: CITY, at: [p.lat!, p.lon!] })),
      ),
    );
    let count = 0;
    const given = new Set<string>();
    for (const [i, e] of E.entries()) {
      // Further offers at an address already given are entered without coordinates: the register
      // places them (the same building, the same point).
      const p = inputs[i].places[0];
      const input = given.has(p.street!) ? { ...inputs[i], places: [{ ...p, lat: null, lon: null }] } : inputs[i];
      given.add(p.street!);
      const r = await createEntry(tx, staff, input, {
        areas: null,
        isDemo: true,
        lastConfirmedAt: confirmedAt(e, i),
      });
      if (r.ok) count++;
    }
    // One submission by the demo partner (Caritas) waits in the moderation queue.
    const caritas = orgs.get("Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.") ?? null;
    const [partner] = await rows<{ id: string }>(
      tx,
      sql`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = app_tenant_id() AND m.role = 'partner' LIMIT 1`,
    );
    const pending = toInput(
      {
        org: "",
        area: "Eilendorf",
        street: "Von-Coels-Straße 120",
        hf: ["sprache_bildung"],
        tg: ["women"],
        langs: ["de", "ar", "uk"],
        gl: "none",
        cost: "free",
        t: {
          de: ["Deutschkurse für Frauen in Eilendorf", "Neuer Kurs mit Kinderbetreuung, ab dem nächsten Quartal."],
          ar: ["دورات ألمانية للنساء في آيلندورف", "دورة جديدة مع رعاية الأطفال."],
        },
      },
      caritas,
      999,
    );
    // Its address is not in the register and it has no point: staff see it flagged.
    const unlocated = { ...pending, places: [{ ...pending.places[0], lat: null, lon: null }] };
    await createEntry(tx, { role: "partner", organisationId: caritas, userId: partner?.id ?? null }, unlocated, {
      areas: null,
      isDemo: true,
    });
    return count;
  });
  if (n !== null) log(`Integrationsatlas: ${n} Demo-Einträge für Aachen`);
}

async function seedKoeln(db: Database, log: (m: string) => void) {
  const n = await inDemoTenant(db, "koeln", async (tx) => {
    await ensureAtlasTerms(tx);
    const orgs = await ensureOrganisations(tx, KOELN_PROVIDERS);
    // Loaded once: without the monitoring demo data the places simply keep no Stadtteil.
    const areas = await loadTenantAreas(tx);
    await loadDemoRegister(tx, demoRegisterCsv(KOELN_ENTRIES.map((e) => ({ ...e, city: "Köln" }))));
    let count = 0;
    for (const [i, e] of KOELN_ENTRIES.entries()) {
      const place = {
        label: e.place ?? null,
        street: e.street,
        postcode: e.postcode,
        city: "Köln",
        lat: e.at[0],
        lon: e.at[1],
        areaName: null,
      };
      const r = await createEntry(tx, staff, demoInput(e, orgs.get(e.org) ?? null, place), {
        areas,
        isDemo: true,
        lastConfirmedAt: confirmedAt(e, i),
      });
      if (r.ok) count++;
    }
    return count;
  });
  if (n !== null) log(`Integrationsatlas: ${n} Demo-Einträge für Köln`);
}

/** For tests and benchmarks: the demo entries' count. */
export const demoEntryCount = () => E.length;
