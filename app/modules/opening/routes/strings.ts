import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";

// The opening pages' own strings: staff pages and the module's few public pages use them, so they
// travel with these route modules rather than in i18n/, which every public page fetches.
addStrings({ de, en });
