/**
 * Exercises (issue 6): pure logic and factories, no React, no app singletons.
 * The app's bound instances (vault + journal) are in ./app.ts.
 */
export { EXERCISES, exerciseById, pacerSeconds, type Exercise } from "@ventwell/shared";
export {
  THOUGHT_RECORD_TAG,
  THOUGHT_RECORD_TITLE,
  checkThoughtRecord,
  emptyThoughtRecord,
  listThoughtRecords,
  normalizeThoughtRecord,
  saveThoughtRecord,
  thoughtRecordFromEntry,
  thoughtRecordMessages,
  thoughtRecordTitle,
  type ThoughtRecord,
  type ThoughtRecordInput,
  type ThoughtRecordJournal,
  type ThoughtRecordProblems,
} from "./thought-record";
export { TRAP_INFO, TRAP_LIST, trapByTitle, type TrapInfo } from "./traps";
export {
  COMPLETIONS_SECRET,
  createExerciseLog,
  type CompletionOutcome,
  type ExerciseCompletion,
  type ExerciseLog,
  type ListCompletionsOptions,
} from "./completions";
export {
  createActivationPlanner,
  checkPlan,
  localDay,
  type ActivationPlan,
  type ActivationPlanner,
} from "./activation";
export {
  cycleMs,
  pacerStateAt,
  phaseAnnouncement,
  type Pacer,
  type PacerPhase,
  type PacerState,
} from "./pacer";
export { exerciseForGuideMessage } from "./guide-link";
export type { SecretStore } from "./secret-list";
