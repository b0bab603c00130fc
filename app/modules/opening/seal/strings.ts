import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The seal and job-ad clause pages' own strings (and the reminder mail's): only these pages and the
// reminder command use them, so they travel with them rather than in i18n/, which every public page fetches.
addStrings({ de, en });
