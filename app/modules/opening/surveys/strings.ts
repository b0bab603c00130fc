import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The survey pages' own strings (staff pages and the respondent's page), not in the module's i18n/
// that every public page fetches; services return keys that the routes translate with these.
addStrings({ de, en });
