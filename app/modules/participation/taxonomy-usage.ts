// Tells the kernel's taxonomy how many processes, cards and competence notes carry each Handlungsfeld
// (decision 0037), so a field a Fachgespräch or a card uses is not deleted from under it.
import type { Tx } from "~/kernel/db/client";
import { countHandlungsfeldRows, type TermRef, type TermUse } from "~/kernel/taxonomy/usage";

export function usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]> {
  return countHandlungsfeldRows(tx, terms, "participation", {
    processes: "participation_processes",
    cards: "participation_cards",
    competences: "participation_handlungsfeld_competences",
  });
}
