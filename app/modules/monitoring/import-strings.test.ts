import { describeOwnStrings } from "../../../tests/support/own-strings";
import de from "./import-strings/de.json";
import en from "./import-strings/en.json";
import deI18n from "./i18n/de.json";

describeOwnStrings("the import mapping's strings", de, en, deI18n);
