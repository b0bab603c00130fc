import { addStrings } from "../i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The glossary's explanations travel with its page, not in i18n/ (which every public page fetches);
// only the footer's link is in i18n/. German and English only: other languages read the German
// page (it is not among the all-language paths, so effectiveLanguage serves it in German).
addStrings({ de, en });
