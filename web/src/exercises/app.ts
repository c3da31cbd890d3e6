/**
 * The app's exercise services, bound to its vault and journal (app-services.ts). Tests build
 * their own with the factories in index.ts.
 */
import { journal, vault } from "../app-services";
import { createActivationPlanner } from "./activation";
import { createExerciseLog, type ExerciseCompletion, type ListCompletionsOptions } from "./completions";
import { z } from "zod";
import {
  listThoughtRecords as listRecords,
  saveThoughtRecord as saveRecord,
  type ThoughtRecord,
  type ThoughtRecordInput,
} from "./thought-record";

export const exerciseLog = createExerciseLog(vault);
export const activationPlanner = createActivationPlanner(vault);

/** Completions (oldest first), for insights; throws LockedError while locked. */
export function listExerciseCompletions(opts?: ListCompletionsOptions): Promise<ExerciseCompletion[]> {
  return exerciseLog.list(opts);
}

export function saveThoughtRecord(input: ThoughtRecordInput): Promise<string> {
  return saveRecord(journal, input);
}

/** Saved thought records, newest first, for insights and the therapist summary. */
export function listThoughtRecords(): Promise<ThoughtRecord[]> {
  return listRecords(journal);
}

/** Exercise preferences (device-local, encrypted). Haptics are off until the person turns them on. */
export interface ExercisePrefs {
  haptics: boolean;
}
const PrefsSchema = z.object({ haptics: z.boolean() });
const PREFS_SECRET = "exercise-prefs";

export async function readExercisePrefs(): Promise<ExercisePrefs> {
  const r = PrefsSchema.safeParse(await vault.readSecret(PREFS_SECRET).catch(() => undefined));
  return r.success ? r.data : { haptics: false };
}

export function writeExercisePrefs(p: ExercisePrefs): Promise<void> {
  return vault.writeSecret(PREFS_SECRET, p);
}
