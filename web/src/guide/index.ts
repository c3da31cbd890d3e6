/** The guide's seam: what the worker, the CLI and the UI import. Pure TypeScript, no React. */
export {
  analyze,
  topAbove,
  type AnalyzeRequest,
  type Classify,
  type ConversationState,
  type GuideOptions,
  type GuideResult,
  type GuideThresholds,
  type HistoryItem,
} from "./engine.js";
export { crisisGate, lexicalMatch, type CrisisGateResult, type CrisisReason } from "./crisis-gate.js";
export { crisisEventFrom, type CrisisEvent } from "./crisis-log.js";
export {
  CRISIS_RESOURCES,
  resourcesForLocale,
  regionOf,
  type CountryResources,
  type CrisisContact,
  type CrisisLine,
  type LocaleResources,
} from "./crisis-resources.js";
export {
  DEFAULT_POLICY,
  INITIAL_POLICY_STATE,
  detectRequest,
  nextPhase,
  type PolicyOptions,
  type PolicyReason,
  type PolicySignal,
  type PolicyState,
} from "./policy.js";
export {
  SAFETY_PLAN_SECTIONS,
  emptySafetyPlan,
  isSafetyPlanEmpty,
  telHref,
  tidySafetyPlan,
  validateSafetyPlan,
  SAFETY_PLAN_SECRET,
  type SafetyContact,
  type SafetyPlan,
  type SafetyPlanCheck,
} from "./safety-plan.js";
export { LIBRARY } from "./responses/index.js";
