import { describeOwnStrings } from "../../../tests/support/own-strings";
import de from "./strings/de.json";
import en from "./strings/en.json";
import deI18n from "./i18n/de.json";

describeOwnStrings("the steering staff pages' own strings", de, en, deI18n);
