import { addStrings } from "../i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The legal pages' own strings travel with their routes, not in i18n/ (which every public page
// fetches); only the three footer links are in i18n/.
addStrings({ de, en });
