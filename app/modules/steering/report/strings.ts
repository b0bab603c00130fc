import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The council report's strings (its page and the document itself): only the report uses them, so they
// travel with its code rather than in i18n/, which every public page fetches (architecture.md, page weight).
addStrings({ de, en });
