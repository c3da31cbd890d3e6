/**
 * The phase policy: which phase the guide's next turn should be in, given the conversation so
 * far, the classifier's signal for the person's latest message, and the message itself.
 * A small state machine; the table in guide/README.md is the specification.
 *
 * @remarks Pure and synchronous: same inputs, same output. The returned state already counts
 * the turn the guide is about to give.
 */
import { PHASES, type ClassifierOutput, type Phase } from "@ventwell/shared";
import { normalizeForGate } from "./normalize.js";

export interface PolicyState {
  phase: Phase;
  /** Guide turns given so far in `phase`. */
  turnsInPhase: number;
  /** Validating guide turns so far; reframing and action need at least one. */
  validatedTurns: number;
  /** Distress (max of sadness, overwhelm, hopelessness) of the previous message, 0..1. */
  lastDistress: number;
  /** The person asked for something practical before any validating turn; honoured next. */
  actionRequested: boolean;
}

export type PolicySignal = Pick<ClassifierOutput, "phase" | "emotions">;

export interface PolicyOptions {
  /** The top phase must beat the runner-up by this much to count as "ready". */
  margin: number;
  /** Distress at or above this is a spike when the guide is reframing or planning. */
  distressThreshold: number;
  /** In expression, distress must also have risen by this much since the last message. */
  spikeDelta: number;
  /** After this many guide turns in one phase, nudge one step forward. */
  nudgeAfter: number;
}

export const DEFAULT_POLICY: PolicyOptions = {
  margin: 0.15,
  distressThreshold: 0.6,
  spikeDelta: 0.2,
  nudgeAfter: 3,
};

export type PolicyReason =
  | "must-validate"
  | "asked-to-listen"
  | "asked-for-action"
  | "asked-to-reframe"
  | "distress-spike"
  | "signal-forward"
  | "nudge"
  | "stay";

export type Request = "listen" | "action" | "reframe";

export const INITIAL_POLICY_STATE: PolicyState = {
  phase: "validation",
  turnsInPhase: 0,
  validatedTurns: 0,
  lastDistress: 0,
  actionRequested: false,
};

const LISTEN =
  /\bjust (?:listen|need to vent|want to vent|venting|need someone to listen|want to be heard|need to get this out)\b|\b(?:let me|i need to|need to) vent\b|\b(?:do not|dont) (?:want|need) (?:any )?(?:advice|solutions|tips|to be fixed)\b|\bno advice\b|\bnot looking for (?:advice|solutions|tips|answers)\b|\b(?:do not|dont) (?:try to )?fix (?:it|this|me)\b|\bjust hear me out\b|\bstop giving me (?:advice|tips)\b/;
const ACTION =
  /\bwhat (?:can|could|should|do) i (?:even )?do\b|\bsomething practical\b|\bpractical (?:tips|advice|steps|ideas)\b|\bany (?:tips|advice|ideas|suggestions)\b|\bwhat (?:would|might|could) help\b|\bhow (?:do|can|could) i (?:cope|deal|handle|stop|get through|fix|calm)\b|\bhelp me (?:cope|deal|calm|figure out what to do|make a plan)\b|\bi (?:need|want) (?:a plan|advice|some advice|to do something about)\b|\btell me what to do\b|\bwhat are my options\b|\bgive me (?:an exercise|something to do|a tip)\b/;
const REFRAME =
  /\bsee (?:it|this|things) (?:differently|another way)\b|\banother (?:way to (?:look at|see)|perspective)\b|\bam i (?:overthinking|being irrational)\b|\bhelp me think (?:this|it) through\b/;

/** What the person asked for in so many words, if anything. "Listen" wins over "action". */
export function detectRequest(text: string): Request | null {
  const t = normalizeForGate(text).normalized;
  if (LISTEN.test(t)) return "listen";
  if (ACTION.test(t)) return "action";
  if (REFRAME.test(t)) return "reframe";
  return null;
}

export function distressOf(signal: PolicySignal): number {
  const e = signal.emotions;
  return Math.max(e.sadness ?? 0, e.overwhelm ?? 0, e.hopelessness ?? 0);
}

/** The phase the signal says the person is ready for, if it leads the runner-up by `margin`. */
export function readyPhase(signal: PolicySignal, margin: number): Phase | null {
  const ranked = [...PHASES].sort((a, b) => (signal.phase[b] ?? 0) - (signal.phase[a] ?? 0));
  const [top, second] = ranked;
  if (!top || !second) return null;
  return (signal.phase[top] ?? 0) - (signal.phase[second] ?? 0) >= margin ? top : null;
}

const order = (p: Phase) => PHASES.indexOf(p);
const stepForward = (p: Phase): Phase => PHASES[Math.min(order(p) + 1, PHASES.length - 1)]!;

export function nextPhase(
  state: PolicyState,
  signal: PolicySignal,
  text: string,
  options: Partial<PolicyOptions> = {},
): { phase: Phase; state: PolicyState; reason: PolicyReason } {
  const o = { ...DEFAULT_POLICY, ...options };
  const request = detectRequest(text);
  const distress = distressOf(signal);
  const ready = readyPhase(signal, o.margin);
  const cur = state.phase;
  let actionRequested = state.actionRequested;

  const decide = (): [Phase, PolicyReason] => {
    if (state.validatedTurns === 0) {
      // Validate first, whatever was asked; remember a request for something practical.
      if (request === "action") actionRequested = true;
      return ["validation", "must-validate"];
    }
    if (request === "listen") {
      actionRequested = false;
      return [cur === "reframing" || cur === "action" ? "validation" : cur, "asked-to-listen"];
    }
    if (request === "action") return ["action", "asked-for-action"];
    if (request === "reframe") return ["reframing", "asked-to-reframe"];
    const late = cur === "reframing" || cur === "action";
    const spike =
      (late && (distress >= o.distressThreshold || ready === "validation")) ||
      (cur === "expression" &&
        distress >= o.distressThreshold &&
        distress - state.lastDistress >= o.spikeDelta);
    if (spike) {
      actionRequested = false;
      return ["validation", "distress-spike"];
    }
    if (actionRequested) return ["action", "asked-for-action"];
    // Forward on the signal, but not into reframing or planning while distress is high.
    const tooDistressed = (p: Phase) => distress >= o.distressThreshold && order(p) >= order("reframing");
    if (ready && order(ready) > order(cur) && !tooDistressed(ready)) return [ready, "signal-forward"];
    if (state.turnsInPhase >= o.nudgeAfter && cur !== "action") {
      const next = stepForward(cur);
      if (!tooDistressed(next)) return [next, "nudge"];
    }
    return [cur, "stay"];
  };

  const [phase, reason] = decide();
  if (phase === "action") actionRequested = false;
  return {
    phase,
    reason,
    state: {
      phase,
      turnsInPhase: phase === cur ? state.turnsInPhase + 1 : 1,
      validatedTurns: state.validatedTurns + (phase === "validation" ? 1 : 0),
      lastDistress: distress,
      actionRequested,
    },
  };
}
