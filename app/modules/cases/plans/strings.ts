import { addStrings } from "~/kernel/i18n";
// A refused step names the eligibility reasons: their texts come with the plan strings.
import "../eligibility/strings";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The plans slice's own strings (states, outcomes, referral and contact codes, errors): only the case
// pages use them, so they stay out of the module's i18n/, which every public page downloads.
addStrings({ de, en });
