/**
 * Which exercise a stored guide reply invited, so the conversation can offer "Try: <title>".
 * @remarks Messages store only text and phase; the Action piece that names an exercise is
 * always the last part of the reply (guide/compose.ts), so its text identifies it — also
 * after a reload, on another device, or for replies written before this link existed.
 */
import { exerciseById, type Exercise } from "@ventwell/shared";
import type { Message } from "../app-contract";
import phases from "../guide/responses/phases.json";

const ACTION_PIECES: { text: string; exercise: string }[] = (
  phases.phases.action as { text: string; exercise?: string }[]
).flatMap((r) => (r.exercise ? [{ text: r.text, exercise: r.exercise }] : []));

/** The catalogue exercise a guide message invites, if any (never for crisis markers). */
export function exerciseForGuideMessage(
  m: Pick<Message, "sender" | "text" | "phase" | "crisis">,
): Exercise | undefined {
  if (m.sender !== "guide" || m.crisis || m.phase !== "action") return undefined;
  const text = m.text.trim();
  const hit = ACTION_PIECES.find((p) => text.endsWith(p.text));
  return hit ? exerciseById(hit.exercise) : undefined;
}
