/**
 * The response library: curated, reviewed text the guide composes its replies from.
 * The words live in the JSON files beside this module (data, not code); this module types
 * and validates them once at load, so a malformed edit fails loudly in tests and at start-up.
 */
import { z } from "zod";
import { EMOTIONS, PHASES, TRAPS } from "@ventwell/shared";
import phasesJson from "./phases.json";
import reflectionsJson from "./reflections.json";
import trapsJson from "./traps.json";
import checkInsJson from "./check-ins.json";

const Id = z.string().regex(/^[a-z]{3}-[a-z0-9-]+$/);
const Text = z.string().min(10).max(240);
const ResponseSchema = z.object({ id: Id, text: Text });
const ActionSchema = ResponseSchema.extend({ exercise: z.string().optional() });
const TrapQuestionSchema = ResponseSchema.extend({
  kind: z.enum(["evidence", "friend", "alternative", "outcomes"]),
});

const record = <K extends string, V extends z.ZodType>(keys: readonly [K, ...K[]], value: V) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>);

export const LibrarySchema = z.object({
  phases: z.object({
    validation: z.array(ResponseSchema).min(20),
    expression: z.array(ResponseSchema).min(20),
    reframing: z.array(ResponseSchema).min(20),
    action: z.array(ActionSchema).min(20),
  }),
  bridges: z.array(ResponseSchema).min(5),
  reflections: record(EMOTIONS, z.array(ResponseSchema).min(3)),
  traps: record(TRAPS, z.array(TrapQuestionSchema).min(4)),
  checkIns: z.array(ResponseSchema).min(5),
});

export type Response = z.infer<typeof ResponseSchema>;
export type ActionResponse = z.infer<typeof ActionSchema>;
export type TrapQuestion = z.infer<typeof TrapQuestionSchema>;
export type Library = z.infer<typeof LibrarySchema>;

/** Validates a library and checks ids are unique across it (ids are what conversations store). */
export function parseLibrary(value: unknown): Library {
  const r = LibrarySchema.safeParse(value);
  if (!r.success) throw new Error(`response library is invalid: ${z.prettifyError(r.error)}`);
  const ids = allResponses(r.data).map((x) => x.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`response library is invalid: duplicate id ${dup}`);
  return r.data;
}

export function allResponses(lib: Library): Response[] {
  return [
    ...PHASES.flatMap((p) => lib.phases[p]),
    ...lib.bridges,
    ...EMOTIONS.flatMap((e) => lib.reflections[e]),
    ...TRAPS.flatMap((t) => lib.traps[t]),
    ...lib.checkIns,
  ];
}

export const LIBRARY: Library = parseLibrary({
  phases: phasesJson.phases,
  bridges: phasesJson.bridges,
  reflections: reflectionsJson.reflections,
  traps: trapsJson.traps,
  checkIns: checkInsJson.checkIns,
});
