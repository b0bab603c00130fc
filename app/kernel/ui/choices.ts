// The pure part of the kernel's long choice lists (picker.tsx): matching a search against option
// names, and which options and groups a search leaves visible. No DOM, so it is tested on its own.

/** One check box of a choice list. */
export interface Choice {
  value: string;
  label: string;
  /** The label is the tenant's text (an organisation, an area), marked German on other pages. */
  content?: boolean;
  /** The label's own language (a language's name in its script). */
  lang?: string;
  /** How the choice is named out of its group (the summary): "Chorweiler (Stadtteil)". */
  fullLabel?: string;
}

/** Choices under a heading that names them together: the Stadtteile of one Stadtbezirk. */
export interface ChoiceGroup {
  label: string;
  content?: boolean;
  options: Choice[];
}

/**
 * What a name is compared by: lower case, without diacritics ("Köln" → "koln", "İ" → "i"), ß as ss,
 * spaces collapsed. Both the typed search and the names go through it, so "koln" and "KÖLN" find Köln.
 */
export function searchKey(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/\s+/g, " ").trim();
}

/** German names typed the ASCII way: "Koeln" finds Köln, "Muelheim" Mülheim. */
function spelledOut(s: string): string {
  return s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
}

/**
 * Whether a name matches what was typed: every word typed occurs somewhere in the name (or in one of
 * the further names given, such as its group's), in any order. An empty search matches everything.
 */
export function matchesSearch(query: string, ...names: string[]): boolean {
  const words = searchKey(query).split(" ").filter(Boolean);
  if (!words.length) return true;
  const keys = names.flatMap((n) => [searchKey(n), searchKey(spelledOut(n))]);
  return words.every((w) => keys.some((k) => k.includes(w)));
}

/**
 * The options a search leaves visible, by value, and how many they are. A group whose own name
 * matches keeps all its options (searching for a Stadtbezirk shows its Stadtteile); a group without
 * a visible option is hidden. Nothing is ever unchecked by this: it only decides what is shown.
 */
export function filterChoices(groups: ChoiceGroup[], query: string): { visible: Set<string>; count: number } {
  const visible = new Set<string>();
  for (const g of groups) {
    for (const o of g.options) {
      if (matchesSearch(query, o.label, o.fullLabel ?? "", g.label)) visible.add(o.value);
    }
  }
  return { visible, count: visible.size };
}

/** The names of the chosen options for the summary above the list: the first `max`, and how many more. */
export function chosenNames(
  groups: ChoiceGroup[],
  chosen: ReadonlySet<string>,
  max = 5,
): { names: { name: string; content?: boolean }[]; more: number; count: number } {
  const all = groups.flatMap((g) =>
    g.options.filter((o) => chosen.has(o.value)).map((o) => ({ name: o.fullLabel ?? o.label, content: o.content })),
  );
  return { names: all.slice(0, max), more: Math.max(0, all.length - max), count: all.length };
}
