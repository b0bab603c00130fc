import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";

// Strings only the concept staff pages use travel with their route modules rather than in i18n/, which
// every public page fetches.
addStrings({ de, en });
