/**
 * A crisis event as logged on the device: when, how high the model's score was, and which
 * part of the gate fired. Never any text — not the message, not the matched phrase.
 */
import type { CrisisGateResult, CrisisReason } from "./crisis-gate.js";

export interface CrisisEvent {
  /** ms since epoch */
  at: number;
  /**
   * The model's crisis probability for the message, 0..1: the higher of the whole message's and
   * its highest sentence's (0 when the model was unavailable).
   */
  score: number;
  reason: CrisisReason;
}

/** Builds the log record for a gate that fired; returns null when it did not. */
export function crisisEventFrom(gate: CrisisGateResult, score: number, at: number): CrisisEvent | null {
  if (!gate.fired || !gate.reason) return null;
  const s = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  return { at, score: Math.round(s * 1000) / 1000, reason: gate.reason };
}
