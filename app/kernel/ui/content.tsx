import type { ReactNode } from "react";
import { useRoot } from "./hooks";

/**
 * What tenants write – concept texts, measure titles, indicator names, organisations, places – is in
 * German, whatever language the interface is in (issue 18 item 6). On a page in another language such
 * text is marked with its language, so screen readers pronounce it as German (WCAG 3.1.2, language of
 * parts), and isolated with dir="auto", so a German name in an Arabic or Persian page keeps its own
 * direction instead of scrambling the sentence around it. German and Leichte Sprache pages need neither.
 */
export const CONTENT_LANGUAGE = "de";

export function contentAttrs(uiLang: string | undefined): { lang?: string; dir?: "auto" } {
  return !uiLang || uiLang === "de" || uiLang === "ls" ? {} : { lang: CONTENT_LANGUAGE, dir: "auto" };
}

/** Attributes for an element that holds only tenant content (a heading, a paragraph, a table cell). */
export function useContentAttrs() {
  return contentAttrs(useRoot()?.lang);
}

/** Tenant content inside a sentence or a label of the interface: a <bdi> with its language. */
export function Content({ children }: { children: ReactNode }) {
  const attrs = useContentAttrs();
  return attrs.lang ? <bdi {...attrs}>{children}</bdi> : <>{children}</>;
}

/**
 * A source as the line under a view shows it, after its own label ("Quelle:"/"Source:"): a leading
 * label that publishers put into their attribution ("Datenquelle: Stadt Köln, CC BY") is dropped, so
 * the line does not say "Quelle: Datenquelle: …" (issue 18). Exports keep the attribution as given.
 */
export function sourceName(source: string): string {
  return source.replace(/^\s*(daten)?quelle\s*:\s*/i, "").trim() || source;
}

/**
 * A sentence of the interface with tenant content in it: `t(key, vars)` with each value marked as
 * content (<Content>), so "Share (%) of <Einwohner> in <Haushalte>" keeps the German names apart.
 */
export function withContent(
  t: (key: string, vars?: Record<string, unknown>) => string,
  key: string,
  vars: Record<string, string>,
): ReactNode {
  const names = Object.keys(vars);
  // Invisible separators the translations cannot contain: where each value goes in the sentence.
  const marks = Object.fromEntries(names.map((n, i) => [n, `\u2063${i}\u2063`]));
  return t(key, marks)
    .split(/\u2063(\d+)\u2063/)
    .map((part, i) => (i % 2 ? <Content key={i}>{vars[names[Number(part)]]}</Content> : part));
}

/**
 * What a citizen typed (a comment, a card in a workshop): its language is unknown – it may be Arabic on
 * a German page – so it is only isolated (<bdi>, direction from its own first letters), never marked.
 */
export function UserText({ children }: { children: ReactNode }) {
  return <bdi>{children}</bdi>;
}
