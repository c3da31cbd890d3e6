/**
 * The on-device crisis log: when the crisis screen was shown, the model's score and which
 * part of the gate fired. Never any text. Sealed under the account key (vault secret), kept
 * on this device only: it is not part of any entry and never syncs.
 */
import type { CrisisEvent } from "../../guide";
import { vault } from "../../app-services";

export const CRISIS_LOG_KEY = "crisis-log";
/** Enough history for the person to look back on; old events drop off first. */
export const CRISIS_LOG_MAX = 500;

let queue: Promise<unknown> = Promise.resolve();

function isEvent(x: unknown): x is CrisisEvent {
  const e = x as CrisisEvent | null;
  return (
    !!e &&
    typeof e.at === "number" &&
    typeof e.score === "number" &&
    (e.reason === "model" || e.reason === "lexical")
  );
}

export async function readCrisisLog(): Promise<CrisisEvent[]> {
  const raw = await vault.readSecret(CRISIS_LOG_KEY);
  return Array.isArray(raw) ? raw.filter(isEvent) : [];
}

/** Appends one event; writes are serialised so two quick events never overwrite each other. */
export function logCrisisEvent(event: CrisisEvent): Promise<void> {
  const record: CrisisEvent = { at: event.at, score: event.score, reason: event.reason };
  const run = queue.then(async () => {
    const log = await readCrisisLog();
    log.push(record);
    await vault.writeSecret(CRISIS_LOG_KEY, log.slice(-CRISIS_LOG_MAX));
  });
  queue = run.catch(() => undefined);
  return run;
}
