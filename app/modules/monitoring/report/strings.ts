import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The monitoring report's strings (its page and the document): only the report uses them, so they
// travel with its code rather than in i18n/, which every public page fetches (architecture.md).
addStrings({ de, en });
