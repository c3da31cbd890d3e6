/**
 * Quick mood check-ins from the home screen, kept encrypted in the vault's device secrets
 * (one sealed envelope, like the exercises log). Not journal entries, so the list stays clean.
 * @remarks Device secrets don't sync; entry moods do. Writes are serialised so two quick taps
 * never lose one another.
 */
import { z } from "zod";
import type { MoodCheckIn } from "../app-contract";
import { randomId } from "../crypto";
import type { QuickCheckIn } from "./compute";

export const QUICK_CHECKINS_SECRET = "mood-checkins";
/** Oldest rows are dropped beyond this (about 27 years of daily check-ins). */
export const MAX_QUICK_CHECKINS = 10_000;

/** The part of the vault this needs (VaultControl satisfies it). */
export interface SecretStore {
  readSecret(name: string): Promise<unknown>;
  writeSecret(name: string, value: unknown): Promise<void>;
}

const Row = z.object({
  id: z.string().min(1).max(64),
  score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  emotions: z.array(z.string().min(1).max(40)).max(20),
  at: z.number().finite(),
});

export interface QuickCheckIns {
  /** Oldest first; damaged rows are skipped, never fatal. */
  list(): Promise<QuickCheckIn[]>;
  add(mood: Omit<MoodCheckIn, "at"> & { at?: number }): Promise<QuickCheckIn>;
  remove(id: string): Promise<void>;
}

export function createQuickCheckIns(secrets: SecretStore, now: () => number = Date.now): QuickCheckIns {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const read = async (): Promise<QuickCheckIn[]> => {
    const raw = await secrets.readSecret(QUICK_CHECKINS_SECRET);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((r) => {
      const p = Row.safeParse(r);
      return p.success ? [p.data] : [];
    });
  };
  return {
    list: () => serial(read),
    add: (mood) =>
      serial(async () => {
        if (!Number.isInteger(mood.score) || mood.score < 1 || mood.score > 5)
          throw new Error("A mood score is a whole number from 1 to 5.");
        const row: QuickCheckIn = {
          id: randomId(),
          score: mood.score,
          emotions: [...new Set(mood.emotions)],
          at: mood.at ?? now(),
        };
        const all = [...(await read()), row].sort((a, b) => a.at - b.at).slice(-MAX_QUICK_CHECKINS);
        await secrets.writeSecret(QUICK_CHECKINS_SECRET, all);
        return row;
      }),
    remove: (id) =>
      serial(async () => {
        const all = await read();
        await secrets.writeSecret(
          QUICK_CHECKINS_SECRET,
          all.filter((r) => r.id !== id),
        );
      }),
  };
}
