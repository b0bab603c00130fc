// The concept module's public API (the only file other modules may import): its Handlungsfelder, for
// the participation module's Fachgespräche; and what participation needs to carry an adopted proposal
// into the concept (decision 0028): the current edition and its goals, a new draft measure, a measure
// by id, the measures of an edition, its status change (with the reason pointing at the process).
export {
  createEdition,
  // Steering's controlling tests build a small goal tree of their own.
  createGoal,
  currentEdition,
  fundingFreshness,
  getAdoptedEdition,
  getEdition,
  getGoal,
  listEditions,
  listHandlungsfelder,
  loadGoals,
  type Edition,
  type Freshness,
  type GoalInfo,
} from "./services/concept";
export { changeMeasureStatus, createMeasure, getMeasureRow, listMeasures, type Measure } from "./services/measures";
// The council report (steering, decision 0034): a measure's milestones, published reports and status
// changes with their reasons, and the status list in its order.
export { measureRecords, type MeasureListItem } from "./services/measures";
export { MEASURE_STATUSES, type MeasureStatus } from "./constants";
export { KOELN_EXAMPLE } from "./data/koeln-example";
export { measureSuccessors } from "./services/carry";
// The measures table, so that another module's Drizzle schema can declare its tenant-safe reference to
// a measure (the opening module's action plan links measures of the concept).
export { measures as conceptMeasures } from "./schema";
// The catalogue download of the measures a filter selects (steering's controlling page offers it for its
// filtered list, decision 0007's German CSV or XLSX, read back by the measure import).
export { catalogueFile, catalogueResponse } from "./services/catalogue";
