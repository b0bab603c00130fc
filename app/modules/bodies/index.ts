// The bodies module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries): a body's composition, and papers (Vorlagen) with their Beratungsfolge
// and the decision that adopted a concept edition (decision 0024). Server-only.
export { composition, findBody, type Seat } from "./service";
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
// OParl 1.1 (decision 0026): the read-only endpoint the server mounts at /oparl/v1.
export { oparlRouter } from "./oparl/publish";
