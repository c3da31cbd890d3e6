/**
 * Thinking traps as the guide asks about them: each trap's Socratic questions come from the
 * response library (web/src/guide/responses/traps.json). A guide turn that contains one of
 * them is a turn where the guide noticed that trap.
 * @remarks Read back from the stored guide text (as guide/history.ts does for phases), so no
 * extra field is stored with guide turns.
 */
import { TRAPS, type Trap } from "@ventwell/shared";
import { TRAP_INFO } from "../exercises/traps";
import { LIBRARY } from "../guide/responses/index";

export type { Trap };

export interface TrapQuestion {
  id: string;
  kind: "evidence" | "friend" | "alternative" | "outcomes";
  text: string;
}

export function questionsFor(trap: Trap): TrapQuestion[] {
  return LIBRARY.traps[trap].map((q) => ({ id: q.id, kind: q.kind, text: q.text }));
}

const ALL = TRAPS.flatMap((trap) => LIBRARY.traps[trap].map((q) => ({ trap, text: q.text })));

/** Traps whose questions appear in a guide turn (each trap at most once). */
export function trapsInGuideText(text: string): Trap[] {
  if (!text) return [];
  const found = new Set<Trap>();
  for (const q of ALL) if (!found.has(q.trap) && text.includes(q.text)) found.add(q.trap);
  return [...found];
}

export const isTrap = (x: string): x is Trap => (TRAPS as readonly string[]).includes(x);

/** Plain names, as the thought-record picker shows them (web/src/exercises/traps.ts). */
export const TRAP_NAMES = Object.fromEntries(TRAPS.map((t) => [t, TRAP_INFO[t].title])) as Record<
  Trap,
  string
>;
