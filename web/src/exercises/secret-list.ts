/**
 * A small encrypted list kept in the vault's device secrets (sealed under the account key,
 * one envelope per list). Used for exercise completions and activation plans.
 * @remarks Writes are serialised per list so two quick saves never lose one another.
 */
import type { z } from "zod";

/** The part of the vault this needs (VaultControl satisfies it). */
export interface SecretStore {
  readSecret(name: string): Promise<unknown>;
  writeSecret(name: string, value: unknown): Promise<void>;
}

export interface SecretList<T> {
  /** Every valid item, oldest first; rows that fail the schema are skipped, never fatal. */
  all(): Promise<T[]>;
  /** Read, change, write back, as one serialised step. */
  update(fn: (items: T[]) => T[]): Promise<T[]>;
}

export function secretList<T>(
  secrets: SecretStore,
  name: string,
  item: z.ZodType<T>,
  max: number,
): SecretList<T> {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<T[]> => {
    const raw = await secrets.readSecret(name);
    if (!Array.isArray(raw)) return [];
    const out: T[] = [];
    for (const row of raw) {
      const r = item.safeParse(row);
      if (r.success) out.push(r.data);
    }
    return out;
  };
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    all: () => serial(read),
    update: (fn) =>
      serial(async () => {
        const next = fn(await read()).slice(-max);
        await secrets.writeSecret(name, next);
        return next;
      }),
  };
}
