import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";
import ar from "./strings/ar.json";
import fa from "./strings/fa.json";
import tr from "./strings/tr.json";
import uk from "./strings/uk.json";
import ru from "./strings/ru.json";
import ls from "./strings/ls.json";

// The seal and job-ad clause pages' own strings (and the reminder mail's): only these pages and the
// reminder command use them, so they travel with them rather than in i18n/, which every public page fetches.
// The other public languages carry only the strings of the public pages (publicStrings in module.ts).
addStrings({ de, en, ar, fa, tr, uk, ru, ls });
