/**
 * Where the guide plugs into the conversation view (issue 5).
 *
 * @remarks Until a guide registers, entries are plain journaling and the UI says so. The guide
 * registers once at start-up with `setUserMessageHook`; after each message the person sends, the
 * entry view calls the hook, shows a "thinking" state while it runs, then re-reads the entry (the
 * guide stores its own turn with `journal.addMessage(..., { sender: "guide", ... })`). Returning
 * `{ crisis: true }` asks the UI to show the crisis screen instead of any generated text.
 */
import type { Entry, Message } from "../app-contract";

export interface UserMessageContext {
  entry: Entry;
  message: Message;
}
export interface GuideOutcome {
  crisis?: boolean;
}
export type UserMessageHook = (ctx: UserMessageContext) => Promise<GuideOutcome | void>;

let hook: UserMessageHook | null = null;

export function setUserMessageHook(next: UserMessageHook | null) {
  hook = next;
}
export function guideAvailable(): boolean {
  return hook !== null;
}
export async function onUserMessage(ctx: UserMessageContext): Promise<GuideOutcome | void> {
  return hook ? hook(ctx) : undefined;
}
