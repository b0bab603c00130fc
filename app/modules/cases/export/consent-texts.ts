import type { Category } from "../core/schema";

// The fixed texts of the printed consent form, per language: short and plain (Leichte Sprache in
// spirit), always German first and then the consent's language. Only languages the PDF renderer sets
// correctly are here: the embedded DejaVu subset has Latin and Cyrillic, and pdfkit has no bidi
// algorithm, so right-to-left paragraphs (Arabic, Persian …) would come out in the wrong line order.
// For those, and for languages without a text yet, the form is German and English with a visible note.

export interface ConsentTexts {
  title: string;
  pseudonym: string;
  version: string;
  purpose: string;
  categories: string;
  recipients: string;
  validity: string;
  range: (from: string, to: string) => string;
  signer: string;
  signers: { client: string; guardian: string };
  statement: string;
  voluntary: string;
  revoke: string;
  effect: string;
  placeDate: string;
  signature: string;
  staffSignature: string;
  interpreter: string;
  categoryNames: Record<Category, string>;
}

export const CONSENT_TEXTS = {
  de: {
    title: "Einwilligung zur Weitergabe von Daten",
    pseudonym: "Fallnummer",
    version: "Fassung",
    purpose: "Zweck",
    categories: "Welche Daten",
    recipients: "An wen",
    validity: "Wie lange",
    range: (from, to) => `vom ${from} bis ${to}`,
    signer: "Wer unterschreibt",
    signers: { client: "Sie selbst", guardian: "Ihre gesetzliche Vertretung (zum Beispiel Eltern oder Vormund)" },
    statement: "Ich bin einverstanden: Diese Daten dürfen für diesen Zweck an diese Stellen gehen.",
    voluntary: "Sie müssen nicht einwilligen. Die Einwilligung ist freiwillig.",
    revoke:
      "Sie können die Einwilligung jederzeit widerrufen. Sie müssen keinen Grund nennen. Sagen Sie es uns oder schreiben Sie uns.",
    effect:
      "Nach dem Widerruf geben wir Ihre Daten nicht mehr weiter. Was wir vorher weitergegeben haben, bleibt erlaubt.",
    placeDate: "Ort, Datum",
    signature: "Unterschrift",
    staffSignature: "Unterschrift der Mitarbeiterin oder des Mitarbeiters",
    interpreter: "Übersetzt von",
    categoryNames: {
      identity: "Identität und Kontakt",
      residence: "Aufenthalt",
      education: "Sprachen und Bildung",
      competence: "Kompetenzfeststellung",
      health: "Gesundheit",
      family: "Familie",
      plan: "Förderplan",
      notes: "Notizen",
      attachments: "Anlagen",
    },
  },
  en: {
    title: "Consent to share data",
    pseudonym: "Case number",
    version: "Version",
    purpose: "Purpose",
    categories: "Which data",
    recipients: "To whom",
    validity: "How long",
    range: (from, to) => `from ${from} to ${to}`,
    signer: "Who signs",
    signers: { client: "You yourself", guardian: "Your legal representative (for example parents or guardian)" },
    statement: "I agree: these data may go to these bodies for this purpose.",
    voluntary: "You do not have to agree. Consent is voluntary.",
    revoke: "You can withdraw your consent at any time. You do not have to give a reason. Tell us or write to us.",
    effect: "After you withdraw, we no longer share your data. What we shared before stays lawful.",
    placeDate: "Place, date",
    signature: "Signature",
    staffSignature: "Signature of the staff member",
    interpreter: "Interpreted by",
    categoryNames: {
      identity: "Identity and contact",
      residence: "Residence status",
      education: "Languages and education",
      competence: "Skills assessment",
      health: "Health",
      family: "Family",
      plan: "Support plan",
      notes: "Notes",
      attachments: "Attachments",
    },
  },
  tr: {
    title: "Verilerin paylaşılmasına onay",
    pseudonym: "Dosya numarası",
    version: "Sürüm",
    purpose: "Amaç",
    categories: "Hangi veriler",
    recipients: "Kime",
    validity: "Ne kadar süre",
    range: (from, to) => `${from} – ${to}`,
    signer: "Kim imzalıyor",
    signers: { client: "Kendiniz", guardian: "Yasal temsilciniz (örneğin anne baba veya vasi)" },
    statement: "Kabul ediyorum: Bu veriler bu amaçla bu kurumlara gidebilir.",
    voluntary: "Onay vermek zorunda değilsiniz. Onay gönüllüdür.",
    revoke:
      "Onayınızı istediğiniz zaman geri alabilirsiniz. Bir neden söylemek zorunda değilsiniz. Bize söyleyin veya yazın.",
    effect: "Geri aldıktan sonra verilerinizi artık paylaşmayız. Daha önce paylaşılanlar hukuka uygun kalır.",
    placeDate: "Yer, tarih",
    signature: "İmza",
    staffSignature: "Çalışanın imzası",
    interpreter: "Tercüme eden",
    categoryNames: {
      identity: "Kimlik ve iletişim",
      residence: "Oturum durumu",
      education: "Diller ve eğitim",
      competence: "Yetkinlik değerlendirmesi",
      health: "Sağlık",
      family: "Aile",
      plan: "Destek planı",
      notes: "Notlar",
      attachments: "Ekler",
    },
  },
  ru: {
    title: "Согласие на передачу данных",
    pseudonym: "Номер дела",
    version: "Версия",
    purpose: "Цель",
    categories: "Какие данные",
    recipients: "Кому",
    validity: "Срок",
    range: (from, to) => `с ${from} по ${to}`,
    signer: "Кто подписывает",
    signers: { client: "Вы сами", guardian: "Ваш законный представитель (например, родители или опекун)" },
    statement: "Я согласен (согласна): эти данные можно передать этим организациям для этой цели.",
    voluntary: "Вы не обязаны давать согласие. Согласие добровольное.",
    revoke: "Вы можете отозвать согласие в любое время. Причину называть не нужно. Скажите нам или напишите нам.",
    effect: "После отзыва мы больше не передаём ваши данные. То, что было передано раньше, остаётся законным.",
    placeDate: "Место, дата",
    signature: "Подпись",
    staffSignature: "Подпись сотрудника",
    interpreter: "Перевод выполнил(а)",
    categoryNames: {
      identity: "Личные данные и контакты",
      residence: "Статус пребывания",
      education: "Языки и образование",
      competence: "Оценка компетенций",
      health: "Здоровье",
      family: "Семья",
      plan: "План поддержки",
      notes: "Заметки",
      attachments: "Приложения",
    },
  },
  uk: {
    title: "Згода на передачу даних",
    pseudonym: "Номер справи",
    version: "Версія",
    purpose: "Мета",
    categories: "Які дані",
    recipients: "Кому",
    validity: "Строк",
    range: (from, to) => `з ${from} до ${to}`,
    signer: "Хто підписує",
    signers: { client: "Ви самі", guardian: "Ваш законний представник (наприклад, батьки або опікун)" },
    statement: "Я згоден (згодна): ці дані можна передати цим установам для цієї мети.",
    voluntary: "Ви не зобов’язані давати згоду. Згода добровільна.",
    revoke: "Ви можете відкликати згоду будь-коли. Причину називати не потрібно. Скажіть нам або напишіть нам.",
    effect: "Після відкликання ми більше не передаємо ваші дані. Те, що було передано раніше, залишається законним.",
    placeDate: "Місце, дата",
    signature: "Підпис",
    staffSignature: "Підпис працівника",
    interpreter: "Переклад виконав(ла)",
    categoryNames: {
      identity: "Особові дані та контакти",
      residence: "Статус перебування",
      education: "Мови та освіта",
      competence: "Оцінка компетенцій",
      health: "Здоров’я",
      family: "Сім’я",
      plan: "План підтримки",
      notes: "Нотатки",
      attachments: "Додатки",
    },
  },
  fr: {
    title: "Consentement au partage de données",
    pseudonym: "Numéro de dossier",
    version: "Version",
    purpose: "But",
    categories: "Quelles données",
    recipients: "À qui",
    validity: "Durée",
    range: (from, to) => `du ${from} au ${to}`,
    signer: "Qui signe",
    signers: { client: "Vous-même", guardian: "Votre représentant légal (par exemple les parents ou le tuteur)" },
    statement: "J’accepte : ces données peuvent être transmises à ces organismes dans ce but.",
    voluntary: "Vous n’êtes pas obligé(e) de donner votre accord. Le consentement est volontaire.",
    revoke:
      "Vous pouvez retirer votre consentement à tout moment. Vous n’avez pas à donner de raison. Dites-le-nous ou écrivez-nous.",
    effect: "Après le retrait, nous ne transmettons plus vos données. Ce qui a été transmis avant reste licite.",
    placeDate: "Lieu, date",
    signature: "Signature",
    staffSignature: "Signature de l’employé(e)",
    interpreter: "Traduit par",
    categoryNames: {
      identity: "Identité et contact",
      residence: "Titre de séjour",
      education: "Langues et formation",
      competence: "Bilan de compétences",
      health: "Santé",
      family: "Famille",
      plan: "Plan d’accompagnement",
      notes: "Notes",
      attachments: "Pièces jointes",
    },
  },
} satisfies Record<string, ConsentTexts>;

export type ConsentLanguage = keyof typeof CONSENT_TEXTS;
export const CONSENT_LANGUAGES = Object.keys(CONSENT_TEXTS) as ConsentLanguage[];

/** Languages written right to left: the renderer cannot set their paragraphs (see above). */
export const RTL_LANGUAGES: readonly string[] = ["ar", "fa", "ps", "ur", "ckb", "he", "dv", "ku"];

/** The visible note on a form that is not in the consent's language: German, then English. */
export const FALLBACK_NOTE = {
  rtl: (lang: string) => [
    `Hinweis: Die Einwilligung wurde in der Sprache „${lang}“ erklärt. Diese Schrift läuft von rechts nach links; das PDF kann sie noch nicht richtig setzen. Das Formular steht deshalb auf Deutsch und Englisch. Bitte lassen Sie es mündlich übersetzen.`,
    `Note: the consent was explained in the language "${lang}". This script runs right to left, which the PDF cannot set correctly yet. The form is therefore in German and English. Please have it interpreted orally.`,
  ],
  missing: (lang: string) => [
    `Hinweis: Für die Sprache „${lang}“ gibt es dieses Formular noch nicht. Es steht deshalb auf Deutsch und Englisch. Bitte lassen Sie es mündlich übersetzen.`,
    `Note: this form does not exist in the language "${lang}" yet. It is therefore in German and English. Please have it interpreted orally.`,
  ],
};

/** The second language of the form and, where it is not the consent's own, why. */
export function formLanguage(lang: string): { second: ConsentLanguage | null; note: string[] | null } {
  if (lang === "de") return { second: null, note: null };
  if ((CONSENT_LANGUAGES as string[]).includes(lang)) return { second: lang as ConsentLanguage, note: null };
  return { second: "en", note: RTL_LANGUAGES.includes(lang) ? FALLBACK_NOTE.rtl(lang) : FALLBACK_NOTE.missing(lang) };
}
