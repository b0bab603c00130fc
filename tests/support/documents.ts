import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Reading generated reports back in the tests, independently of the code that wrote them: the DOCX's
// XML, Poppler's pdftotext/pdffonts where installed (CI installs them), and pdfjs for the structure tree.

/** Whether Poppler's command line tools are on this machine. */
export const hasPoppler =
  spawnSync("pdftotext", ["-v"]).error === undefined && spawnSync("pdffonts", ["-v"]).error === undefined;

/** The text of a DOCX's body, every tag a line break, entities undone. */
export async function docxText(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file("word/document.xml")!.async("string"))
    .replace(/<[^>]+>/g, "\n")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\n+/g, "\n");
}

/** A DOCX's pictures: each drawing's Alt text and its media (SVG as text, PNG's pixel size from its header). */
export async function docxPictures(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const descriptions = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1].replace(/&quot;/g, '"'));
  const svgs: string[] = [];
  const pngs: { width: number; height: number }[] = [];
  for (const name of Object.keys(zip.files)
    .filter((n) => n.startsWith("word/media/"))
    .sort()) {
    if (name.endsWith(".svg")) svgs.push(await zip.file(name)!.async("string"));
    if (name.endsWith(".png")) {
      const b = Buffer.from(await zip.file(name)!.async("uint8array"));
      pngs.push({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });
    }
  }
  return { descriptions, svgs, pngs };
}

/** pdftotext (UTF-8; `layout` keeps columns apart) or pdffonts of a PDF. */
export function poppler(tool: "pdftotext" | "pdffonts", bytes: Uint8Array, opts: { layout?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bericht-"));
  const f = path.join(dir, "b.pdf");
  fs.writeFileSync(f, bytes);
  try {
    const args = tool === "pdftotext" ? ["-enc", "UTF-8", ...(opts.layout ? ["-layout"] : []), f, "-"] : [f];
    return execFileSync(tool, args).toString("utf8");
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

/** Every page's text (pdfjs), the structure roles, every Figure's Alt text ("" where it has none), marked, language. */
export async function pdfContent(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const roles = new Set<string>();
  const alts: string[] = [];
  let text = "";
  type Node = { role?: string; alt?: string; children?: Node[] };
  const walk = (n: Node) => {
    if (n.role) roles.add(n.role);
    if (n.role === "Figure") alts.push(n.alt ?? "");
    n.children?.forEach(walk);
  };
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const tree = (await page.getStructTree()) as Node | null;
    if (tree) walk(tree);
    const content = await page.getTextContent();
    text += content.items.map((x) => ("str" in x ? x.str : "")).join(" ") + "\n";
  }
  const mark = await pdf.getMarkInfo();
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { roles, alts, text, marked: mark?.Marked ?? false, lang: (meta.info as { Language?: string }).Language };
}
