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
