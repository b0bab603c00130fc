// What other code (benches, other modules) may use of the module `opening`.
// partners/: the services the state-report benchmark fills the network with, and the report itself.
export { addModule, addPeriod, listPartners, reportForPeriod, saveEntry, submitReport } from "./partners/service";
export { stateReportData, stateReportDocument } from "./partners/state-report";

// Survey breakdowns with k and complementary suppression over a unit hierarchy (decision 0041).
export {
  protectBreakdown,
  ROOT as BREAKDOWN_ROOT,
  TOTAL as BREAKDOWN_TOTAL,
  type Breakdown,
  type BreakdownNode,
} from "./surveys/breakdown";

// The language-mediator pool, for participation events and case work (issue 15 item 5): who can be
// asked for a language, and a request for a date, place and language with an opaque reference.
export { listMediators, requestMediation, type MediatorListItem, type RequestInput } from "./mediators/service";
