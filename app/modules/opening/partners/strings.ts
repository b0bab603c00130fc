import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The partner network's strings (its staff pages and the state report): they travel with its code,
// not in the module's i18n/, which every public page downloads.
addStrings({ de, en });
