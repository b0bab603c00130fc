import { addStrings } from "../i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The address register page's own strings travel with the staff pages, not in i18n/ (which every
// public page fetches).
addStrings({ de, en });
