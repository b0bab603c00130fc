import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The demo slice's own strings (the start's login list and log line): kept out of the module's i18n/,
// which every public page downloads.
addStrings({ de, en });
