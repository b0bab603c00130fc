import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The case pages' strings: only staff pages with case work use them, so they stay out of the
// module's i18n/, which every public page downloads.
addStrings({ de, en });
