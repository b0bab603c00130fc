import { addStrings } from "../i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The platform page's own strings (/plattform/aufgaben) travel with it, not in i18n/.
addStrings({ de, en });
