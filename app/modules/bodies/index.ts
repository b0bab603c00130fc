// The bodies module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries): a body's composition, and papers (Vorlagen) with their Beratungsfolge
// and the decision that adopted a concept edition (decision 0024). Server-only.
export { composition, findBody, type Seat } from "./service";
// The bodies of the register for a Beratungsfolge (the council report's form, decision 0034).
export { listBodies } from "./service";
export { COMPETENCES } from "./schema";
export {
  adoptingDecision,
  createPaper,
  getPaper,
  listPapers,
  type AdoptingDecision,
  type Paper,
  type PaperHead,
  type PaperInput,
} from "./papers";
export { bodyPapers } from "./schema";
