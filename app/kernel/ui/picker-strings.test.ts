import { describeOwnStrings } from "../../../tests/support/own-strings";
import de from "./picker-strings/de.json";
import en from "./picker-strings/en.json";
import deI18n from "../i18n/de.json";

describeOwnStrings("the choice list's own strings", de, en, deI18n);
