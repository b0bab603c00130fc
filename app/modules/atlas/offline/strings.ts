import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";
import ar from "./strings/ar.json";
import fa from "./strings/fa.json";
import tr from "./strings/tr.json";
import uk from "./strings/uk.json";
import ru from "./strings/ru.json";
import ls from "./strings/ls.json";

// The installable atlas' strings (decision 0051): they travel with the atlas' public pages, in every
// public language, instead of the i18n/ files every page of every module fetches.
addStrings({ de, en, ar, fa, tr, uk, ru, ls });
