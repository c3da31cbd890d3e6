/**
 * The guide's turn after each message the person sends: run the worker's `analyze` (crisis
 * gate, phase policy, reply) with the entry's history and conversation state, then store the
 * reply as a guide message with its phase — or, when the gate fires, open the crisis screen
 * and store only a fixed, hand-written marker with the crisis flag.
 */
import type { ConversationUpdate, Entry, Message } from "../../app-contract";
import type { HistoryItem } from "../../guide";
import type { AiClient } from "../../ai/client";
import type { GuideOutcome, UserMessageContext } from "../guide-seam";

/** Hand-written; stored in place of any reply when the crisis screen was shown. */
export const CRISIS_MARKER_TEXT = "The support screen was shown here.";

export interface GuideDeps {
  ai: AiClient;
  addMessage: (
    entryId: string,
    msg: Omit<Message, "id" | "at">,
    opts: { conversation: ConversationUpdate },
  ) => Promise<unknown>;
  openCrisis: () => void;
  logCrisis: (e: { at: number; score: number; reason: "model" | "lexical" }) => Promise<void>;
}

export class GuideUnavailableError extends Error {
  constructor() {
    super("The guide couldn't answer just now. Your words are saved, and you can keep writing.");
    this.name = "GuideUnavailableError";
  }
}

export function historyOf(entry: Entry, except: string): HistoryItem[] {
  return entry.messages
    .filter((m) => m.id !== except)
    .map((m) => ({
      sender: m.sender,
      text: m.text,
      ...(m.phase ? { phase: m.phase } : {}),
      ...(m.crisis ? { crisis: true } : {}),
    }));
}

/** `reply` is the text stored, for the screen-reader announcement. */
export async function guideReply(
  deps: GuideDeps,
  { entry, message }: UserMessageContext,
): Promise<GuideOutcome & { reply?: string }> {
  let result;
  try {
    result = await deps.ai.analyze({
      text: message.text,
      history: historyOf(entry, message.id),
      entryId: entry.id,
      conversation: entry.conversation,
    });
  } catch {
    throw new GuideUnavailableError();
  }
  const before = new Set(entry.conversation.usedResponses);
  const next = result.conversation;
  // The guide message itself moves the phase and counts the turn; this adds the rest of the state.
  const conversation: ConversationUpdate = {
    useResponses: next.usedResponses.filter((id) => !before.has(id)),
    ...(next.lastDistress !== undefined ? { lastDistress: next.lastDistress } : {}),
    ...(next.actionRequested !== undefined ? { actionRequested: next.actionRequested } : {}),
  };
  if (result.is_crisis) {
    // The screen first: nothing (not even storage) stands between the gate and the help.
    deps.openCrisis();
    if (result.crisisEvent) await deps.logCrisis(result.crisisEvent).catch(() => undefined);
    await deps.addMessage(
      entry.id,
      { sender: "guide", text: CRISIS_MARKER_TEXT, phase: result.phase, crisis: true },
      { conversation },
    );
    return { crisis: true };
  }
  await deps.addMessage(
    entry.id,
    { sender: "guide", text: result.response_text, phase: result.phase },
    { conversation },
  );
  return { reply: result.response_text };
}
