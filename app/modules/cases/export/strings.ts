import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The export slice's own strings (subject-access page and file, consent PDF link): only case pages
// use them, so they stay out of the module's i18n/, which every public page downloads.
addStrings({ de, en });
