// Makes the DejaVu Sans subsets the council report's PDF embeds (run once: node app/fonts/pdf/subset.mjs).
// The full faces are ~750 KB each; the report needs Latin (German, Turkish, Polish …), Cyrillic and
// Arabic names and a few symbols. Layout closure stays on, so the Arabic joining forms that shaping
// substitutes (GSUB) are kept. DejaVu is under the Bitstream Vera licence (LICENSE.txt beside this).
import fs from "node:fs";
import path from "node:path";
import subsetFont from "subset-font";

const src = "/usr/share/fonts/truetype/dejavu";
const out = path.dirname(new URL(import.meta.url).pathname);
const ranges = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1
  [0x0100, 0x024f], // Latin Extended-A and -B (Turkish ğ ş ı İ, Polish, Czech, Romanian …)
  [0x0300, 0x036f], // combining accents
  [0x0370, 0x03ff], // Greek
  [0x0400, 0x052f], // Cyrillic and its supplement
  [0x0600, 0x06ff], // Arabic (Persian and Urdu letters included)
  [0x0750, 0x077f], // Arabic Supplement
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese …)
  [0x2000, 0x206f], // General Punctuation (– — „ “ … • ‹ ›)
  [0x20ac, 0x20ac], // €
  [0x2116, 0x2116], // №
  [0x2190, 0x2193], // arrows
  [0x2212, 0x2212], // minus
  [0x2264, 0x2265], // ≤ ≥
  [0x25a0, 0x25cf], // squares and circles used as chart markers
  [0xfb50, 0xfdff], // Arabic Presentation Forms-A
  [0xfe70, 0xfeff], // Arabic Presentation Forms-B
];
let text = "";
for (const [a, b] of ranges) for (let c = a; c <= b; c++) text += String.fromCodePoint(c);

for (const face of ["DejaVuSans", "DejaVuSans-Bold"]) {
  const buf = await subsetFont(fs.readFileSync(path.join(src, `${face}.ttf`)), text, { targetFormat: "truetype" });
  fs.writeFileSync(path.join(out, `${face}-subset.ttf`), buf);
  console.log(`${face}-subset.ttf: ${buf.length} bytes`);
}
