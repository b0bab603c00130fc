// What other code (benches, other modules) may use of the module `cases`.
// Eligibility: decide a rule on a date with the version valid then, and what of a decision to store.
export {
  decideEligibility,
  decisionRecord,
  DecisionRecord,
  DecideInput,
  type Decision,
  type RuleVersion,
} from "./eligibility/service";
export { ageOn, Facts, type Outcome, type Reason } from "./eligibility/rules";
export { INSTITUTION_KINDS, STEP_GROUPS, type InstitutionKind, type StepGroup } from "./eligibility/schema";
