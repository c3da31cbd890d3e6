/**
 * Exercise completions: which exercise, when, for how long, finished or stopped. Stored
 * encrypted (vault secret "exercise-completions"); insights read them with `list`.
 */
import { z } from "zod";
import { randomId } from "../crypto";
import { secretList, type SecretStore } from "./secret-list";

export const COMPLETIONS_SECRET = "exercise-completions";
/** Oldest rows are dropped beyond this; years of daily use fit. */
export const MAX_COMPLETIONS = 5_000;

export type CompletionOutcome = "completed" | "stopped";

export interface ExerciseCompletion {
  id: string;
  exerciseId: string;
  /** ms since epoch */
  startedAt: number;
  endedAt: number;
  /** endedAt − startedAt, in ms (kept so readers need no arithmetic). */
  durationMs: number;
  outcome: CompletionOutcome;
}

const CompletionSchema = z.object({
  id: z.string().min(1).max(100),
  exerciseId: z.string().min(1).max(100),
  startedAt: z.number().finite(),
  endedAt: z.number().finite(),
  durationMs: z.number().finite().min(0),
  outcome: z.enum(["completed", "stopped"]),
});

export interface ListCompletionsOptions {
  /** Inclusive bounds on `endedAt`, ms since epoch. */
  from?: number;
  to?: number;
  exerciseId?: string;
  outcome?: CompletionOutcome;
}

export interface ExerciseLog {
  record(c: {
    exerciseId: string;
    startedAt: number;
    endedAt?: number;
    outcome: CompletionOutcome;
  }): Promise<ExerciseCompletion>;
  /** Oldest first. */
  list(opts?: ListCompletionsOptions): Promise<ExerciseCompletion[]>;
}

export function createExerciseLog(secrets: SecretStore, now: () => number = Date.now): ExerciseLog {
  const rows = secretList(secrets, COMPLETIONS_SECRET, CompletionSchema, MAX_COMPLETIONS);
  return {
    async record({ exerciseId, startedAt, endedAt = now(), outcome }) {
      if (!exerciseId) throw new Error("A completion needs the exercise it belongs to.");
      if (!Number.isFinite(startedAt) || !Number.isFinite(endedAt) || endedAt < startedAt)
        throw new Error("A completion ends after it starts.");
      const c: ExerciseCompletion = {
        id: randomId(),
        exerciseId,
        startedAt,
        endedAt,
        durationMs: endedAt - startedAt,
        outcome,
      };
      await rows.update((all) => [...all, c]);
      return c;
    },
    async list(opts = {}) {
      return (await rows.all()).filter(
        (c) =>
          (opts.from === undefined || c.endedAt >= opts.from) &&
          (opts.to === undefined || c.endedAt <= opts.to) &&
          (opts.exerciseId === undefined || c.exerciseId === opts.exerciseId) &&
          (opts.outcome === undefined || c.outcome === opts.outcome),
      );
    },
  };
}
