/**
 * The conversation engine: `analyze` turns one message into the guide's reply.
 *
 *   message → classify → crisis gate ──fired──→ { response_text: "", is_crisis: true }
 *                              │
 *                              └─→ phase policy → compose (reflection + move + trap question)
 *
 * @remarks Pure apart from the injected `classify` (the real model in the app and the CLI).
 * Deterministic for a given conversation: choices are seeded by entry id and turn, and the
 * conversation state carries the ids already used so nothing repeats.
 */
import {
  EMOTIONS,
  TRAPS,
  type AnalyzeResult,
  type ClassifierOutput,
  type Emotion,
  type HistoryTurn,
  type Phase,
  type Trap,
} from "@ventwell/shared";
import { crisisGate, wholeMessageThreshold, type ShortThreshold } from "./crisis-gate.js";
import { crisisEventFrom, type CrisisEvent } from "./crisis-log.js";
import { composeReply } from "./compose.js";
import { inferPhase, usedFromHistory } from "./history.js";
import {
  INITIAL_POLICY_STATE,
  nextPhase,
  distressOf,
  type PolicyOptions,
  type PolicyReason,
  type PolicyState,
} from "./policy.js";

/**
 * What the entry document keeps about the conversation. `phase`, `usedResponses` and `turn`
 * are the app contract's `Entry.conversation`; the optional fields carry the policy's memory
 * and are re-derived from the history when a store drops them.
 */
export interface ConversationState {
  phase: Phase;
  usedResponses: string[];
  /** Messages analysed so far in this entry. */
  turn: number;
  /** Set when the crisis screen was shown; the next guide turn checks in. */
  resumeAfterCrisis?: boolean;
  turnsInPhase?: number;
  validatedTurns?: number;
  lastDistress?: number;
  actionRequested?: boolean;
}

/** A history item: the shared HistoryTurn, plus the crisis flag the entry's messages carry. */
export type HistoryItem = HistoryTurn & { crisis?: boolean };

export interface AnalyzeRequest {
  text: string;
  history?: readonly HistoryItem[];
  conversation?: ConversationState;
  entryId: string;
  /** Defaults to conversation.turn + 1. */
  turn?: number;
}

/** The thresholds the model ships in labels.json (same shape as `ModelLabels.thresholds`). */
export interface GuideThresholds {
  /** The gate's whole-message threshold (labels.json → heads.crisis.gate, else the head's). */
  crisis: number;
  /** One sentence alone fires the gate at this probability (labels.json → heads.crisis.gate). */
  crisisSentence?: number;
  /** A short message's whole-message threshold instead of `crisis` (labels.json → heads.crisis.gate). */
  crisisShort?: ShortThreshold;
  emotions: Record<Emotion, number>;
  traps: Record<Trap, number>;
}

export interface GuideOptions {
  thresholds: GuideThresholds;
  policy?: Partial<PolicyOptions>;
  now?: () => number;
}

export type Classify = (text: string) => Promise<ClassifierOutput>;

export interface GuideResult extends AnalyzeResult {
  conversation: ConversationState;
  /** Why the policy chose this phase ("crisis" when the gate fired, "resume" after one). */
  reason: PolicyReason | "crisis" | "resume";
  /** Exercise the Action turn invites, by catalogue id. */
  exercise?: string;
  /** The record to log on the device when the gate fired: time, score, reason; no text. */
  crisisEvent: CrisisEvent | null;
  /** Set when the model could not run: only the lexical net guarded this message. */
  degraded?: string;
}

export async function analyze(
  req: AnalyzeRequest,
  classify: Classify,
  options: GuideOptions,
): Promise<GuideResult> {
  if (req.text.trim() === "") throw new RangeError("analyze: text is empty");
  const now = options.now ?? Date.now;
  const history = req.history ?? [];
  const conv = req.conversation;
  // Without stored state (the CLI), turn and used pieces are read back from the history.
  const turn = req.turn ?? (conv?.turn ?? history.filter((h) => h.sender === "user").length) + 1;
  const used = conv?.usedResponses ?? usedFromHistory(history);
  const policyState = policyStateFrom(conv, history);
  const resume = conv?.resumeAfterCrisis ?? lastGuideWasCrisis(history);

  let classifier: ClassifierOutput;
  let degraded: string | undefined;
  try {
    classifier = await classify(req.text);
  } catch {
    classifier = neutralOutput();
    degraded = "The guide's model could not run, so this reply is simpler than usual.";
  }

  // Crisis gate first: when it fires there is no generated text at all.
  const t = options.thresholds;
  const gate = crisisGate(
    req.text,
    classifier.crisis,
    wholeMessageThreshold(req.text, t.crisis, t.crisisShort),
    {
      score: classifier.crisis_sentence,
      threshold: t.crisisSentence,
    },
  );
  if (gate.fired) {
    return {
      response_text: "",
      phase: policyState.phase,
      is_crisis: true,
      classifier,
      reason: "crisis",
      crisisEvent: crisisEventFrom(gate, Math.max(classifier.crisis, classifier.crisis_sentence ?? 0), now()),
      conversation: { ...stateToConversation(policyState, used, turn), resumeAfterCrisis: true },
      ...(degraded ? { degraded } : {}),
    };
  }

  let phase: Phase;
  let reason: GuideResult["reason"];
  let next: PolicyState;
  if (resume) {
    phase = "validation";
    reason = "resume";
    next = {
      phase,
      turnsInPhase: policyState.phase === phase ? policyState.turnsInPhase + 1 : 1,
      validatedTurns: policyState.validatedTurns + 1,
      lastDistress: distressOf(classifier),
      actionRequested: false,
    };
  } else {
    ({ phase, state: next, reason } = nextPhase(policyState, classifier, req.text, options.policy));
  }

  const reply = composeReply({
    phase,
    resumeAfterCrisis: resume,
    emotion: degraded ? null : topAbove(EMOTIONS, classifier.emotions, options.thresholds.emotions),
    trap: degraded ? null : topAbove(TRAPS, classifier.traps, options.thresholds.traps),
    usedResponses: used,
    seed: `${req.entryId}:${turn}`,
  });

  return {
    response_text: reply.text,
    phase,
    is_crisis: false,
    classifier,
    reason,
    crisisEvent: null,
    conversation: stateToConversation(next, [...used, ...reply.ids], turn),
    ...(reply.exercise ? { exercise: reply.exercise } : {}),
    ...(degraded ? { degraded } : {}),
  };
}

/** The label with the highest probability among those at or above their threshold. */
export function topAbove<L extends string>(
  labels: readonly L[],
  probs: Record<L, number>,
  thresholds: Record<L, number>,
): L | null {
  let best: L | null = null;
  for (const l of labels) {
    const p = probs[l] ?? 0;
    if (p >= (thresholds[l] ?? 1) && (best === null || p > (probs[best] ?? 0))) best = l;
  }
  return best;
}

/** The policy's memory: from the stored conversation, or re-derived from the history's guide turns. */
export function policyStateFrom(
  conv: ConversationState | undefined,
  history: readonly HistoryItem[],
): PolicyState {
  const phases = history
    .filter((h) => h.sender === "guide" && !h.crisis)
    .map((h) => inferPhase(h.text, h.phase))
    .filter((p): p is Phase => p !== undefined);
  const phase = conv?.phase ?? phases.at(-1) ?? INITIAL_POLICY_STATE.phase;
  let trailing = 0;
  for (let i = phases.length - 1; i >= 0 && phases[i] === phase; i--) trailing++;
  return {
    phase,
    turnsInPhase: conv?.turnsInPhase ?? trailing,
    validatedTurns: conv?.validatedTurns ?? phases.filter((p) => p === "validation").length,
    lastDistress: conv?.lastDistress ?? 0,
    actionRequested: conv?.actionRequested ?? false,
  };
}

function lastGuideWasCrisis(history: readonly HistoryItem[]): boolean {
  const lastGuide = [...history].reverse().find((h) => h.sender === "guide");
  return lastGuide?.crisis === true;
}

function stateToConversation(s: PolicyState, usedResponses: string[], turn: number): ConversationState {
  return {
    phase: s.phase,
    usedResponses,
    turn,
    resumeAfterCrisis: false,
    turnsInPhase: s.turnsInPhase,
    validatedTurns: s.validatedTurns,
    lastDistress: Math.round(s.lastDistress * 1000) / 1000,
    actionRequested: s.actionRequested,
  };
}

function neutralOutput(): ClassifierOutput {
  const zeros = <L extends string>(ls: readonly L[]) =>
    Object.fromEntries(ls.map((l) => [l, 0])) as Record<L, number>;
  return {
    crisis: 0,
    phase: { validation: 1, expression: 0, reframing: 0, action: 0 },
    emotions: zeros(EMOTIONS),
    traps: zeros(TRAPS),
  };
}
