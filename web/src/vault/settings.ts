/** Encrypted per-device settings (auto-lock minutes …), one envelope per key. */
import { deriveDocKey, fromUtf8, open, seal, utf8, wipe } from "../crypto";
import type { LocalStore } from "../storage";
import type { Session } from "../journal";

export interface Settings {
  autoLockMinutes: number;
  /** Random, per device; "" until the first unlock writes one. */
  deviceId: string;
}

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 5, deviceId: "" };
export const AUTO_LOCK_RANGE = { min: 1, max: 24 * 60 };

const ctx = (accountId: string, key: string) => ({
  accountId,
  docId: "settings",
  chunkId: key,
  kind: "settings" as const,
});

export async function readSetting<K extends keyof Settings>(
  store: LocalStore,
  s: Session,
  key: K,
): Promise<Settings[K]> {
  const data = await store.getSetting(key);
  if (!data) return DEFAULT_SETTINGS[key];
  const k = deriveDocKey(s.accountKey, s.accountId, "settings");
  try {
    return JSON.parse(fromUtf8(open(k, data, ctx(s.accountId, key)))) as Settings[K];
  } catch {
    return DEFAULT_SETTINGS[key]; // a damaged setting falls back to its default, never blocks unlock
  } finally {
    wipe(k);
  }
}

export async function writeSetting<K extends keyof Settings>(
  store: LocalStore,
  s: Session,
  key: K,
  value: Settings[K],
): Promise<void> {
  const k = deriveDocKey(s.accountKey, s.accountId, "settings");
  try {
    await store.putSetting(key, seal(k, utf8(JSON.stringify(value)), ctx(s.accountId, key)));
  } finally {
    wipe(k);
  }
}
