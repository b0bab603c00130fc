import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";

// The bodies pages' own strings (kinds, forms, tables): only staff pages use them, so they travel
// with these route modules rather than in i18n/, which every public page fetches. Errors and the
// menu entry stay in i18n/: services and the staff menu need them outside these pages.
addStrings({ de, en });
