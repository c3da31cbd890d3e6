/**
 * Reading a conversation back from its history alone, for callers that keep no state (the
 * `pnpm analyze` CLI sends `{ text, history }`): which library pieces the guide already used,
 * and which phase each guide turn was in, recovered by matching the library's texts.
 */
import type { Phase } from "@ventwell/shared";
import { EMOTIONS, PHASES, TRAPS } from "@ventwell/shared";
import { LIBRARY, type Library } from "./responses/index.js";

interface Known {
  id: string;
  text: string;
  /** The phase a piece implies; null for reflections, which any phase may carry. */
  phase: Phase | null;
}

function knownPieces(lib: Library): Known[] {
  return [
    ...PHASES.flatMap((p) => lib.phases[p].map((r) => ({ ...r, phase: p }))),
    ...lib.bridges.map((r) => ({ ...r, phase: "reframing" as Phase })),
    ...TRAPS.flatMap((t) => lib.traps[t].map((r) => ({ ...r, phase: "reframing" as Phase }))),
    ...lib.checkIns.map((r) => ({ ...r, phase: "validation" as Phase })),
    ...EMOTIONS.flatMap((e) => lib.reflections[e].map((r) => ({ ...r, phase: null }))),
  ];
}

const KNOWN = knownPieces(LIBRARY);

/** Library pieces found in a guide turn's text, in library order. */
export function piecesIn(guideText: string): Known[] {
  return guideText ? KNOWN.filter((k) => guideText.includes(k.text)) : [];
}

/** The phase a guide turn was in, from its stored phase or else from the pieces it contains. */
export function inferPhase(guideText: string, stored?: Phase): Phase | undefined {
  return stored ?? piecesIn(guideText).find((k) => k.phase !== null)?.phase ?? undefined;
}

/** Ids of every library piece that appears in the history's guide turns. */
export function usedFromHistory(history: readonly { sender: string; text: string }[]): string[] {
  return history.filter((h) => h.sender === "guide").flatMap((h) => piecesIn(h.text).map((k) => k.id));
}
