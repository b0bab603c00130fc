import { createHash } from "node:crypto";
import type { Derivation } from "./indicators";

/** What a definition key is computed from: an indicator's unit, declared definition and derivation. */
export interface Definable {
  code: string;
  unit: string;
  definition?: string | null;
  derivation?: unknown;
}

const normal = (s: string) =>
  s
    .normalize("NFC")
    .toLocaleLowerCase("de")
    .replace(/\s+/g, " ")
    .replace(/[\s.;,]+$/, "")
    .trim();

/**
 * The key two municipalities' indicators must share to be compared (decision 0039): a series read as it
 * is keys on its unit and declared definition; a derived one on its operation, its unit and its operands'
 * keys with their groups – never on a code, so "mh_anteil" here and "anteil_mh" there compare when they
 * rest on the same definitions, and the same code over a different definition does not. Null: something
 * in the chain declares no definition (or the chain is broken), so the indicator is not comparable.
 */
export function definitionKeys(indicators: readonly Definable[]): Map<string, string | null> {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const keys = new Map<string, string | null>();
  const keyOf = (code: string, depth: number): string | null => {
    if (keys.has(code)) return keys.get(code)!;
    const i = byCode.get(code);
    // Derivations are checked for cycles when saved; the depth bound only guards against bad rows.
    if (!i || depth > 8) return null;
    const d = i.derivation as Derivation | null | undefined;
    let key: string | null;
    if (d) {
      const a = keyOf(d.a.indicator, depth + 1),
        b = keyOf(d.b.indicator, depth + 1);
      key = a && b ? `${d.op}[${normal(i.unit)}](${a}|${d.a.group ?? "*"} ; ${b}|${d.b.group ?? "*"})` : null;
    } else key = i.definition ? `[${normal(i.unit)}]{${normal(i.definition)}}` : null;
    keys.set(code, key);
    return key;
  };
  for (const i of indicators) keyOf(i.code, 0);
  return keys;
}

/** A definition key as a short stable hash, for the API: equal keys give equal fingerprints. */
export const fingerprint = (key: string | null | undefined): string | null =>
  key ? createHash("sha256").update(key).digest("hex").slice(0, 20) : null;

/** The declared definitions an indicator rests on: its own, or those of the series its derivation reaches. */
export function leafDefinitions(indicators: readonly Definable[], code: string): string[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const out = new Set<string>();
  const visit = (c: string, depth: number) => {
    const i = byCode.get(c);
    if (!i || depth > 8) return;
    const d = i.derivation as Derivation | null | undefined;
    if (d) {
      visit(d.a.indicator, depth + 1);
      visit(d.b.indicator, depth + 1);
    } else if (i.definition) out.add(`${i.code}: ${i.definition}`);
  };
  visit(code, 0);
  return [...out];
}
