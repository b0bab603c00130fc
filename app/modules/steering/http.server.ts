import { parseGermanNumber } from "~/kernel/numbers";
// Form fields as the services take them.

/** Trimmed text, undefined when empty. */
export const text = (f: FormData, name: string): string | undefined => {
  const s = String(f.get(name) ?? "").trim();
  return s === "" ? undefined : s;
};

/** A number typed the German way ("12,5", "1.234,5"); null when empty, NaN when not a number. */
export const numberField = (f: FormData, name: string): number | null => parseGermanNumber(f.get(name));
