import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The eligibility slice's own strings (rules page, reasons, errors, CLI): only its page, its CLI
// command and the core's case pages use them, so they stay out of the module's i18n/, which every
// public page downloads.
addStrings({ de, en });
