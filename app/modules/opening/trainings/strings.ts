import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";
import ar from "./strings/ar.json";
import fa from "./strings/fa.json";
import tr from "./strings/tr.json";
import uk from "./strings/uk.json";
import ru from "./strings/ru.json";
import ls from "./strings/ls.json";

// The training pages' own strings (staff pages and the public evaluation form).
// The other public languages carry only the strings of the public pages (publicStrings in module.ts).
addStrings({ de, en, ar, fa, tr, uk, ru, ls });
