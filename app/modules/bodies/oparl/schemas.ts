import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";

// The OParl 1.1 schemas (shared data, OParl/spec v1.1.1, CC BY-SA 4.0 © the OParl authors) as a
// standard JSON Schema validator can use them. They are not plain JSON Schema: an embedded object
// names its schema with a custom `"schema": "X.json"` key, which becomes a `$ref` (a string with
// such a key is the URL of an external list and keeps only its type); `"format": "url"` becomes
// `uri`; the custom keys `references`, `backreference` and `cardinality` are dropped. The prose
// (spec/4-01) adds what no schema says: every object has `created` and `modified`; and 2-04 says
// no value is `null`.

const CUSTOM = new Set(["references", "backreference", "cardinality", "schema"]);

type Node = Record<string, unknown>;

export function convertSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertSchema);
  if (!node || typeof node !== "object") return node;
  const n = node as Node;
  if (typeof n.schema === "string" && n.type === "object") return { $ref: n.schema };
  const out: Node = {};
  for (const [k, v] of Object.entries(n)) {
    if (CUSTOM.has(k)) continue;
    out[k] = k === "format" && v === "url" ? "uri" : convertSchema(v);
  }
  return out;
}

export const OPARL_TYPES = [
  "AgendaItem",
  "Body",
  "Consultation",
  "File",
  "LegislativeTerm",
  "Location",
  "Meeting",
  "Membership",
  "Organization",
  "Paper",
  "Person",
  "System",
] as const;

export interface OparlValidator {
  /** Problems of one object (its `type` picks the schema), with the prose rules; empty when valid. */
  validate(o: unknown): string[];
}

/** A validator over the schemas in `dir` (by default $SHARED_DATA_DIR/oparl-1.1/schema). */
export function oparlValidator(
  dir = path.join(process.env.SHARED_DATA_DIR ?? "", "oparl-1.1", "schema"),
): OparlValidator {
  const ajv = new Ajv({ allErrors: true, format: "full" });
  for (const t of OPARL_TYPES) {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, `${t}.json`), "utf8")) as Node;
    ajv.addSchema({ ...(convertSchema(raw) as Node), type: "object" }, `${t}.json`);
  }
  return {
    validate(o) {
      const problems: string[] = [];
      const type = (o as Node | null)?.type;
      const name = typeof type === "string" ? type.replace(/^https:\/\/schema\.oparl\.org\/1\.1\//, "") : "";
      if (!(OPARL_TYPES as readonly string[]).includes(name)) return [`unbekannter Typ ${String(type)}`];
      if (!ajv.validate(`${name}.json`, o))
        for (const e of ajv.errors ?? []) problems.push(`${name}${e.dataPath}: ${e.message}`);
      problems.push(...proseProblems(o, name));
      return problems;
    },
  };
}

/** Every object (embedded ones too) has created and modified; no value anywhere is null. */
function proseProblems(o: unknown, at: string): string[] {
  if (o === null) return [`${at}: null`];
  if (Array.isArray(o)) return o.flatMap((x, i) => proseProblems(x, `${at}[${i}]`));
  if (typeof o !== "object") return [];
  const n = o as Node;
  const own =
    typeof n.type === "string" && n.type.startsWith("https://schema.oparl.org/")
      ? (["created", "modified"] as const).filter((k) => typeof n[k] !== "string").map((k) => `${at}: ${k} fehlt`)
      : [];
  return [...own, ...Object.entries(n).flatMap(([k, v]) => proseProblems(v, `${at}.${k}`))];
}
