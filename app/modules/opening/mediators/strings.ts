import { addStrings } from "~/kernel/i18n";
import "../surveys/strings";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The mediator pool's strings; language names come with the surveys' strings (opening.surveys.languages).
addStrings({ de, en });
