// Form fields as the services take them.

/** Trimmed text, undefined when empty. */
export const text = (f: FormData, name: string): string | undefined => {
  const s = String(f.get(name) ?? "").trim();
  return s === "" ? undefined : s;
};

/** A number typed the German way ("12,5", "1.234,5"); null when empty, NaN when not a number. */
export function numberField(f: FormData, name: string): number | null {
  const s = text(f, name);
  if (s === undefined) return null;
  if (!/^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(/\./g, "").replace(",", "."));
}
