import { addStrings } from "~/kernel/i18n";
import de from "./strings/de.json";
import en from "./strings/en.json";

// The self-assessment pages' strings (and the service's error texts), brought by those pages.
addStrings({ de, en });
