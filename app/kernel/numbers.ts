/**
 * A number as people in Germany type it into a form: "12,5", "1.234,5", "-3", "1 234,5", "2.500 €",
 * "12,5 %". Thousands separators must group by three, so "12.5" is refused instead of read as 125.
 * Null when the field is empty, NaN when it is not a number – the service's Zod schema then refuses it
 * with its German message. One rule for every module's forms (files have their own, per column:
 * the monitoring's tabular reader detects the decimal mark from the data).
 */
export function parseGermanNumber(v: FormDataEntryValue | string | null | undefined): number | null {
  const s = String(v ?? "")
    .replace(/[\s\u00a0\u202f]+/g, "")
    .replace(/(€|%)$/, "");
  if (!s) return null;
  if (!/^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(/\./g, "").replace(",", "."));
}
