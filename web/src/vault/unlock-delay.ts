/**
 * Exponential delay after repeated wrong passphrases: the first two tries are free, then
 * 1 s, 2 s, 4 s … capped at 5 minutes. The data is never locked out; Argon2id is the real
 * defence against someone holding a copy of the database.
 */
export const FREE_TRIES = 2;
export const MAX_DELAY_MS = 5 * 60_000;

export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_TRIES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_TRIES - 1), MAX_DELAY_MS);
}

export function remainingDelay(failures: number, lastFailedAt: number, now: number): number {
  const until = lastFailedAt + delayAfterFailures(failures);
  return Math.max(0, until - now);
}
