import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The training pages' own strings (staff pages and the public evaluation form).
addStrings({ de, en });
