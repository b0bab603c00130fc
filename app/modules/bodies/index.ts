// The bodies module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries): a body's composition, and papers (Vorlagen) with their Beratungsfolge
// and the decision that adopted a concept edition (decision 0024); recording an outcome, so the
// concept's tests and loaders can record the decision that adopts an edition (decision 0035). Server-only.
export { composition, findBody, type Seat } from "./service";
// The bodies of the register for a Beratungsfolge (the council report's form, decision 0034).
export { listBodies } from "./service";
export { COMPETENCES } from "./schema";
export {
  adoptingDecision,
  createPaper,
  getPaper,
  listPapers,
  recordOutcome,
  type AdoptingDecision,
  type Paper,
  type PaperHead,
  type PaperInput,
} from "./papers";
export { bodyPapers } from "./schema";
