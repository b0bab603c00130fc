import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";
import ar from "../strings/ar.json";
import fa from "../strings/fa.json";
import tr from "../strings/tr.json";
import uk from "../strings/uk.json";
import ru from "../strings/ru.json";
import ls from "../strings/ls.json";

// The participation pages' own strings (kinds, forms, tables): they travel with these route modules
// rather than in i18n/, which every public page fetches. Errors and the menu entry stay in i18n/.
// The public languages and Leichte Sprache carry only what the public pages show (module.ts publicStrings).
addStrings({ de, en, ar, fa, tr, uk, ru, ls });
