import { addStrings } from "~/kernel/i18n";
import de from "../strings/de.json";
import en from "../strings/en.json";

// The atlas staff pages' own strings (list, offer form with its map picker, moderation, gap
// analysis): only staff pages use them, so they travel with these route modules rather than in
// i18n/, which every public page – the atlas search first – fetches. The menu entry, errors and
// what the staff home shows stay in i18n/.
addStrings({ de, en });
