import type { Client } from "./server";

/**
 * The staff home's "Was heute ansteht" section of a page (React's text separators removed): what a
 * test of a module's attention items looks at, so the menu below it cannot match.
 */
export function attentionSection(page: string): string {
  const html = page.replace(/<!-- -->/g, "");
  const start = html.indexOf('id="h-attention"');
  if (start < 0) throw new Error("Die Seite hat keinen Abschnitt „Was heute ansteht“.");
  return html.slice(start, html.indexOf("</section>", start));
}

/** The attention section of the tenant's staff home as the logged-in client sees it. */
export async function attentionOf(c: Client, slug: string): Promise<string> {
  const res = await c.get(`/t/${slug}/verwaltung`);
  if (res.status !== 200) throw new Error(`Verwaltung von ${slug}: ${res.status}`);
  return attentionSection(await res.text());
}

/** The count an item's sentence ("…: 3") shows in the section, 0 where the item is left out. */
export function shownCount(section: string, sentence: string): number {
  const at = section.indexOf(sentence);
  return at < 0 ? 0 : Number(/^\d+/.exec(section.slice(at + sentence.length))?.[0] ?? NaN);
}
