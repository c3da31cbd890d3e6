/**
 * Picking and composing reply text from the response library: a seeded PRNG (same entry and
 * turn → same choice), no repeats within a conversation, and a length budget of three
 * sentences and about 300 characters.
 */
import type { Emotion, Phase, Trap } from "@ventwell/shared";
import { LIBRARY, type Library, type Response } from "./responses/index.js";

export const MAX_SENTENCES = 3;
export const MAX_CHARS = 300;

/** mulberry32 over an FNV-1a hash of the seed string. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function countSentences(text: string): number {
  return text.split(/[.!?]+(?=\s|$)/).filter((s) => s.trim().length > 0).length;
}

/** A random unused item, or null when every item in the pool has been used. */
function pickUnused<T extends Response>(
  pool: readonly T[],
  used: ReadonlySet<string>,
  rand: () => number,
): T | null {
  const fresh = pool.filter((r) => !used.has(r.id));
  return fresh.length ? fresh[Math.floor(rand() * fresh.length)]! : null;
}

/** When a pool is exhausted, reuse the item used longest ago (deterministic). */
function pickLeastRecent<T extends Response>(pool: readonly T[], usedInOrder: readonly string[]): T {
  let best = pool[0]!;
  let bestAt = Infinity;
  for (const r of pool) {
    const at = usedInOrder.lastIndexOf(r.id);
    if (at < bestAt) [best, bestAt] = [r, at];
  }
  return best;
}

export interface ComposeInput {
  phase: Phase;
  /** First turn after a crisis screen: a validating check-in and nothing else. */
  resumeAfterCrisis: boolean;
  emotion: Emotion | null;
  trap: Trap | null;
  usedResponses: readonly string[];
  seed: string;
  library?: Library;
}

export interface Composition {
  text: string;
  /** Ids of the pieces used, in order; appended to the conversation's usedResponses. */
  ids: string[];
  /** Catalogue id when the Action turn invites an exercise. */
  exercise?: string;
}

export function composeReply(input: ComposeInput): Composition {
  const lib = input.library ?? LIBRARY;
  const used = new Set(input.usedResponses);
  const rand = seededRandom(input.seed);
  const pick = <T extends Response>(pool: readonly T[]) => pickUnused(pool, used, rand);
  const must = <T extends Response>(pool: readonly T[]) =>
    pick(pool) ?? pickLeastRecent(pool, input.usedResponses);

  if (input.resumeAfterCrisis) {
    const c = must(lib.checkIns);
    return { text: c.text, ids: [c.id] };
  }

  const reflection = input.emotion ? pick(lib.reflections[input.emotion]) : null;
  const trapQuestion = input.phase === "reframing" && input.trap ? pick(lib.traps[input.trap]) : null;
  const bridge = trapQuestion ? pick(lib.bridges) : null;
  // Avoid two pieces that open the same way ("It sounds like… It sounds like…").
  const opening = (t: string) => t.toLowerCase().split(/\s+/).slice(0, 2).join(" ");
  const phasePool = lib.phases[input.phase];
  const varied = reflection
    ? phasePool.filter((r) => opening(r.text) !== opening(reflection.text))
    : phasePool;
  const move: Response & { exercise?: string } = trapQuestion ?? pick(varied) ?? must(phasePool);

  // Drop the softer pieces first until the reply fits the budget.
  let parts = [reflection, bridge, move].filter((p): p is Response => p !== null);
  const fits = (ps: Response[]) => {
    const text = ps.map((p) => p.text).join(" ");
    return countSentences(text) <= MAX_SENTENCES && text.length <= MAX_CHARS;
  };
  if (!fits(parts) && reflection) parts = parts.filter((p) => p !== reflection);
  if (!fits(parts) && bridge) parts = parts.filter((p) => p !== bridge);

  return {
    text: parts.map((p) => p.text).join(" "),
    ids: parts.map((p) => p.id),
    ...(move.exercise ? { exercise: move.exercise } : {}),
  };
}
