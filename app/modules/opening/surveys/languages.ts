// The languages a respondent can tick: ISO 639-1 codes (639-3 for Kurdish varieties and German Sign
// Language), the languages most spoken in German administrations' staff and user surveys. No free
// text: a rare language typed in would identify its speaker. Names are in the slice's strings
// (opening.surveys.languages.<code>). Imported by the respondent page, so no server code here.
export const LANGUAGES = [
  "de",
  "en",
  "tr",
  "ar",
  "ru",
  "pl",
  "uk",
  "it",
  "fr",
  "es",
  "el",
  "ro",
  "bg",
  "hr",
  "sr",
  "bs",
  "sq",
  "ku",
  "fa",
  "ps",
  "ti",
  "so",
  "vi",
  "zh",
  "pt",
  "nl",
  "hu",
  "cs",
  "ur",
  "hi",
  "ta",
  "gsg",
].map((code) => ({ code }));
export type LanguageCode = (typeof LANGUAGES)[number]["code"];
