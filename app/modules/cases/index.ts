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
// Case work at scale (bench/cases.ts): the services it measures, as the caseworker and the system.
export { withCase } from "./core/context";
export { addInstitution, addSite, addStaff, createNetwork } from "./core/network";
export { caseload, dataKey, intakeClient, logAccess, openClient } from "./core/clients";
export { accessLog } from "./core/views";
export { searchName } from "./search/service";
export { runRetention } from "./retention/service";
