import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";

// The participation pages' own strings (kinds, forms, tables): they travel with these route modules
// rather than in i18n/, which every public page fetches. Errors and the menu entry stay in i18n/.
addStrings({ de, en });
