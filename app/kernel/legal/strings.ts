import { addStrings } from "../i18n";
import ar from "./strings/ar.json";
import de from "./strings/de.json";
import en from "./strings/en.json";
import fa from "./strings/fa.json";
import ls from "./strings/ls.json";
import ru from "./strings/ru.json";
import tr from "./strings/tr.json";
import uk from "./strings/uk.json";

// The legal pages' own strings travel with their routes, not in i18n/ (which every public page
// fetches); only the three footer links are in i18n/. The public languages have the public keys
// only (not legal.edit, the staff form), which fall back to German.
addStrings({ de, en, ar, fa, tr, uk, ru, ls });
