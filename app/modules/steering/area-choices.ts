import type { ChoiceGroup } from "~/kernel/ui/picker";

// The areas a measure can work in, as the kernel's choice list shows them: each Stadtbezirk a group
// with itself and its Stadtteile (and whatever lies below them), so the Stadtbezirk Chorweiler and
// the Stadtteil Chorweiler are told apart by words. Browser-safe: no server imports.

export interface AreaOption {
  id: string;
  parentId: string | null;
  /** The submitted value: `level:key`. */
  ref: string;
  level: string;
  name: string;
}

export interface AreaWords {
  /** A level's name in the singular: "Stadtbezirk". */
  level: (level: string) => string;
  /** A level's name in the plural, for areas without parent or parts: "Stadtteile". */
  levels: (level: string) => string;
  /** The option that is the group's area itself: "Stadtbezirk Chorweiler insgesamt". */
  whole: (area: string) => string;
}

/**
 * Groups in the order of the areas given (the register's: level, then key). An area heads a group when
 * it has parts in the list; its parts follow in their order, each named plainly – with its level when
 * the group holds parts of more than one level. An area with neither parent nor parts in the list goes
 * into a group of its level.
 */
export function areaChoiceGroups(areas: AreaOption[], words: AreaWords): ChoiceGroup[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const topOf = (a: AreaOption): AreaOption => {
    const seen = new Set<string>();
    let at = a;
    // A cycle in the register would not end the walk; the set stops it.
    while (at.parentId && byId.has(at.parentId) && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.parentId)!;
    }
    return at;
  };
  const parts = new Map<string, AreaOption[]>();
  for (const a of areas) {
    const top = topOf(a);
    if (top !== a) parts.set(top.id, [...(parts.get(top.id) ?? []), a]);
  }
  const named = (a: AreaOption) => `${words.level(a.level)} ${a.name}`;
  const groups: ChoiceGroup[] = [];
  const byLevel = new Map<string, ChoiceGroup>();
  for (const a of areas) {
    const own = parts.get(a.id);
    if (own) {
      const mixed = new Set(own.map((p) => p.level)).size > 1;
      groups.push({
        label: named(a),
        options: [
          { value: a.ref, label: words.whole(named(a)), fullLabel: named(a) },
          ...own.map((p) => ({
            value: p.ref,
            label: mixed ? `${p.name} (${words.level(p.level)})` : p.name,
            content: !mixed,
            fullLabel: named(p),
          })),
        ],
      });
    } else if (topOf(a) === a) {
      let g = byLevel.get(a.level);
      if (!g) {
        g = { label: words.levels(a.level), options: [] };
        byLevel.set(a.level, g);
        groups.push(g);
      }
      g.options.push({ value: a.ref, label: a.name, content: true, fullLabel: named(a) });
    }
  }
  return groups;
}
