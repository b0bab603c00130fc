import { addStrings } from "~/kernel/i18n";
import de from "./import-strings/de.json";
import en from "./import-strings/en.json";

// The import's structure and mapping steps, the profile page and the area list's form: only these staff pages use these
// strings, so they travel with their code rather than in i18n/, which every public page fetches
// (architecture.md).
addStrings({ de, en });
