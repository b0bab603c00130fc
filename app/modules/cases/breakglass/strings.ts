import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The break-glass slice's own strings (page, errors), kept out of the module's i18n/,
// which every public page downloads.
addStrings({ de, en });
