import { isFullLanguage } from "../i18n/languages";

/**
 * Words for the audit log's entity types and actions (decision 0055). The kernel names its own in
 * `kernel/audit/labels/{de,en}.json`, each module its own in `modules/<name>/audit/labels/`; found by
 * file name like the i18n bundles, so the kernel imports no module. They are read on the server only
 * and reach the browser as loader data of the audit page: ~250 labels would otherwise weigh on every
 * public page's strings.
 */
type Labels = { entities?: Record<string, string>; actions?: Record<string, string> };

const files = import.meta.glob<Labels>("/app/**/audit/labels/*.json", { eager: true, import: "default" });

const langOf = (path: string) =>
  path
    .split("/")
    .pop()!
    .replace(/\.json$/, "");

/** Every label file with its path, for the tests that check the set. */
export const auditLabelFiles: { path: string; lang: string; labels: Labels }[] = Object.entries(files).map(
  ([path, labels]) => ({ path, lang: langOf(path), labels }),
);

const merged = new Map<string, { entities: Map<string, string>; actions: Map<string, string> }>();
for (const { lang, labels } of auditLabelFiles) {
  let m = merged.get(lang);
  if (!m) merged.set(lang, (m = { entities: new Map(), actions: new Map() }));
  for (const [k, v] of Object.entries(labels.entities ?? {})) m.entities.set(k, v);
  for (const [k, v] of Object.entries(labels.actions ?? {})) m.actions.set(k, v);
}

/** The word for an entity type or action in `lang` (German for any other language); undefined when none is declared. */
export function auditLabel(lang: string, kind: "entities" | "actions", code: string): string | undefined {
  const l = isFullLanguage(lang) ? lang : "de";
  return merged.get(l)?.[kind].get(code) ?? merged.get("de")?.[kind].get(code);
}

const NAME_KEYS = ["name", "title", "label", "displayName"] as const;

function nameIn(data: unknown): string | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const o = data as Record<string, unknown>;
  for (const k of NAME_KEYS) {
    const v = o[k];
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  // Multilingual records (atlas entries) keep their name per content language; German is always there.
  const de = (o.translations as Record<string, unknown> | undefined)?.de;
  return de && de !== data ? nameIn(de) : undefined;
}

/** The record's name if the audit row carries one in its data (after the change, else before). */
export function auditRecordName(after: unknown, before: unknown): string | undefined {
  const name = nameIn(after) ?? nameIn(before);
  return name && name.length > 120 ? `${name.slice(0, 119)}…` : name;
}
