// The tenant's Handlungsfelder and target groups as the atlas shows them (decision 0037): codes
// with labels in the page's language, from the kernel's taxonomy. Server only.
import type { Tx } from "~/kernel/db/client";
import { getT } from "~/kernel/i18n";
import { ensureTerms, listTerms } from "~/kernel/taxonomy/service";
import { PRESETS } from "~/kernel/taxonomy/presets";
import { ATLAS_OWN_FIELDS, HANDLUNGSFELDER } from "./taxonomy";
import { termLabel } from "~/kernel/taxonomy/label";

export interface TermOption {
  code: string;
  label: string;
}
export interface AtlasTerms {
  hf: TermOption[];
  tg: TermOption[];
}

export async function atlasTerms(tx: Tx, lang: string): Promise<AtlasTerms> {
  const t = getT(lang);
  const options = async (kind: "handlungsfeld" | "target_group") =>
    (await listTerms(tx, kind)).map((x) => ({ code: x.code, label: termLabel(t, lang, x) }));
  return { hf: await options("handlungsfeld"), tg: await options("target_group") };
}

/**
 * The label of a code: from the tenant's list, else (an entry of a member municipality on a Kreis's
 * page, whose list the Kreis cannot read) the preset translation of that code, else the code itself.
 */
export function labelOf(list: TermOption[], code: string, lang: string): string {
  return list.find((x) => x.code === code)?.label ?? getT(lang)(`taxonomy.term.${code}`, { defaultValue: code });
}

/**
 * Gives the tenant's list the atlas's former fixed codes it lacks (demo data, tests): Aachen's preset
 * terms for the six codes it shares, the atlas's own two, and the target group preset.
 */
export async function ensureAtlasTerms(tx: Tx): Promise<void> {
  const aachen = PRESETS.aachen.terms.filter((t) => (HANDLUNGSFELDER as readonly string[]).includes(t.code));
  await ensureTerms(tx, "handlungsfeld", [...aachen, ...ATLAS_OWN_FIELDS]);
  await ensureTerms(tx, "target_group", PRESETS.zielgruppen.terms);
}
