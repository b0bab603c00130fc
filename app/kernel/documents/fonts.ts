import regular from "~/fonts/pdf/DejaVuSans-subset.ttf?inline";
import bold from "~/fonts/pdf/DejaVuSans-Bold-subset.ttf?inline";

// The PDF's embedded faces (DejaVu Sans subset, app/fonts/pdf/), inlined as data URLs so the server
// build carries them without a file path. Loaded by a dynamic import: the ~470 KB sit in a chunk of
// their own that only making a report reads, not in the bundle every request starts from.
const bytes = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
export const REGULAR = bytes(regular);
export const BOLD = bytes(bold);
