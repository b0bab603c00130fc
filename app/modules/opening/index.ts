// What other parts of the app (and bench/) use of the module `opening`.

// Survey breakdowns with k and complementary suppression over a unit hierarchy (decision 0041).
export {
  protectBreakdown,
  ROOT as BREAKDOWN_ROOT,
  TOTAL as BREAKDOWN_TOTAL,
  type Breakdown,
  type BreakdownNode,
} from "./surveys/breakdown";
