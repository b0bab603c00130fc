import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The plans slice's own strings (states, outcomes, referral and contact codes, errors): only the case
// pages use them, so they stay out of the module's i18n/, which every public page downloads.
addStrings({ de, en });
