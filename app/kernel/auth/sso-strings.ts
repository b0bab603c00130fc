import { addStrings } from "../i18n";
import de from "./sso-strings/de.json";
import en from "./sso-strings/en.json";

// Single sign-on's own strings (login buttons, callback errors, the tenant's settings page): they
// travel with these route modules, not in i18n/, which every public page fetches.
addStrings({ de, en });
