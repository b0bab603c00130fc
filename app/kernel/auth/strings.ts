import { addStrings } from "../i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The second-factor pages' own strings (login code step, re-authentication, account page): they
// travel with these route modules, not in i18n/, which every public page fetches.
addStrings({ de, en });
