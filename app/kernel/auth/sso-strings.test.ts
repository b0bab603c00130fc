import { describeOwnStrings } from "../../../tests/support/own-strings";
import de from "./sso-strings/de.json";
import en from "./sso-strings/en.json";
import deI18n from "../i18n/de.json";

describeOwnStrings("single sign-on's own strings", de, en, deI18n);
