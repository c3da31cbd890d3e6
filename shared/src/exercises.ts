/**
 * The exercise catalogue, shipped with the app for offline use and served by the relay at
 * GET /v1/exercises. The data lives in exercises.json; this module validates it once at load.
 *
 * @remarks The guide's Action turns refer to exercises by `id`, so ids are stable API.
 */
import { z } from "zod";
import raw from "./exercises.json";
import { EMOTIONS, PHASES, TRAPS } from "./labels.js";

const ExerciseStepSchema = z.object({
  text: z.string().min(1).max(300),
  /** Suggested duration of this step, for timed steps. */
  seconds: z.number().int().positive().max(600).optional(),
});

const PacerPhaseSchema = z.object({
  action: z.enum(["inhale", "hold", "exhale"]),
  label: z.string().min(1).max(40),
  seconds: z.number().int().min(1).max(20),
});

export const ExerciseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by dashes"),
    title: z.string().min(1).max(80),
    summary: z.string().min(1).max(300),
    minutes: z.number().int().min(1).max(60),
    kind: z.enum(["breathing", "grounding", "worksheet", "relaxation", "compassion", "activity"]),
    steps: z.array(ExerciseStepSchema).min(1),
    /** Timings for the animated breathing pacer; required for breathing exercises. */
    pacer: z
      .object({ cycles: z.number().int().min(1).max(50), phases: z.array(PacerPhaseSchema).min(2) })
      .optional(),
    phases: z.array(z.enum(PHASES)).min(1),
    emotions: z.array(z.enum(EMOTIONS)),
    traps: z.array(z.enum(TRAPS)),
  })
  .refine((e) => e.kind !== "breathing" || e.pacer !== undefined, {
    message: "breathing exercises need pacer timings",
    path: ["pacer"],
  });

export const ExerciseCatalogueSchema = z
  .object({ version: z.literal(1), exercises: z.array(ExerciseSchema).min(1) })
  .refine((c) => new Set(c.exercises.map((e) => e.id)).size === c.exercises.length, {
    message: "exercise ids must be unique",
  });

export type Exercise = z.infer<typeof ExerciseSchema>;
export type ExerciseCatalogue = z.infer<typeof ExerciseCatalogueSchema>;

/** Parses a catalogue; throws with every problem listed if it does not match the schema. */
export function parseExerciseCatalogue(value: unknown): ExerciseCatalogue {
  const r = ExerciseCatalogueSchema.safeParse(value);
  if (!r.success) throw new Error(`exercise catalogue is invalid: ${z.prettifyError(r.error)}`);
  return r.data;
}

export const EXERCISE_CATALOGUE: ExerciseCatalogue = parseExerciseCatalogue(raw);
export const EXERCISES: readonly Exercise[] = EXERCISE_CATALOGUE.exercises;

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

/** Total pacer length in seconds (one full run), or 0 when the exercise has no pacer. */
export function pacerSeconds(e: Exercise): number {
  if (!e.pacer) return 0;
  return e.pacer.cycles * e.pacer.phases.reduce((s, p) => s + p.seconds, 0);
}
