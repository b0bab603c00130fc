// What a view, an export and the API say about a value, and the statistical symbols of the source.
// No imports: the browser's value cells and the import preview read the same list and rule.

/**
 * What a view, an export and the API say about a value. Besides our own states, the symbols of the
 * source (German official statistics, Destatis/GENESIS): "limited" a value of limited reliability
 * "(12,3)"; without a value "secret" ("." geheim – the source's, not our suppression),
 * "not_applicable" ("x"), "not_yet_available" ("…"), "unreliable" ("/").
 */
export const VALUE_STATES = [
  "value",
  "estimate",
  "limited",
  "suppressed",
  "secret",
  "not_applicable",
  "not_yet_available",
  "unreliable",
  "not_collected",
  "no_data",
] as const;
export type ValueState = (typeof VALUE_STATES)[number];

/** The source's symbol of each source state (and "()" for "limited"). */
export const STATE_SYMBOLS: Partial<Record<ValueState, string>> = {
  limited: "()",
  secret: ".",
  not_applicable: "x",
  not_yet_available: "…",
  unreliable: "/",
};
/** The state of each symbol that stands without a value (the inverse of STATE_SYMBOLS). */
const SYMBOL_STATES: Record<string, ValueState> = Object.fromEntries(
  Object.entries(STATE_SYMBOLS)
    .filter(([state]) => state !== "limited")
    .map(([state, symbol]) => [symbol, state as ValueState]),
);

/**
 * The state of a value: "no_data" when there is no observation at all; "suppressed" before anything
 * else a present value could be; a value the source marked with a symbol has that symbol's state;
 * an observation without value and symbol is "not_collected".
 */
export function valueState(
  cell: { value: number | null; suppressed: boolean; isEstimate?: boolean; symbol?: string | null } | null | undefined,
): ValueState {
  if (!cell) return "no_data";
  if (cell.suppressed) return "suppressed";
  if (cell.value === null) return (cell.symbol && SYMBOL_STATES[cell.symbol]) || "not_collected";
  if (cell.symbol === "()") return "limited";
  return cell.isEstimate ? "estimate" : "value";
}
