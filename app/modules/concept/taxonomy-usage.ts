// Tells the kernel's taxonomy how many goals and measures carry each Handlungsfeld (decision 0037),
// so a field in use is not deleted from under them.
import type { Tx } from "~/kernel/db/client";
import { countHandlungsfeldRows, type TermRef, type TermUse } from "~/kernel/taxonomy/usage";

export function usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]> {
  return countHandlungsfeldRows(tx, terms, "concept", {
    measures: "concept_measure_handlungsfelder",
    goals: "concept_goal_handlungsfelder",
  });
}
