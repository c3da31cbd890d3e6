/**
 * The seam between the React UI (web/src/ui) and the logic (crypto, storage, journal,
 * sync, guide). The UI only renders state and calls these functions; everything here is
 * usable and testable without React.
 *
 * @remarks Owned by the web-core work; the UI codes against it. Extend, don't break.
 */
import type { Phase } from "@ventwell/shared";

export type VaultStatus = "loading" | "new" | "locked" | "unlocked";

/** Progress of a key derivation, 0..1, reported from the worker. */
export type ProgressFn = (fraction: number) => void;

export interface MoodCheckIn {
  score: 1 | 2 | 3 | 4 | 5;
  emotions: string[];
  at: number; // ms since epoch
}

export interface Message {
  id: string;
  sender: "user" | "guide";
  text: string;
  at: number;
  phase?: Phase;
  crisis?: boolean;
}

export interface Entry {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  mood?: MoodCheckIn;
  tags: string[];
  messages: Message[];
  conversation: { phase: Phase; usedResponses: string[]; turn: number };
}

export interface EntrySummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  mood?: number;
  preview?: string;
}

/** Thrown by unlock: `retryAfterMs` > 0 when repeated failures impose a delay. */
export class WrongPassphraseError extends Error {
  constructor(public readonly retryAfterMs: number) {
    super("That passphrase doesn't match. Check it and try again.");
    this.name = "WrongPassphraseError";
  }
}

export interface Vault {
  status(): VaultStatus;
  subscribe(listener: () => void): () => void;
  /** First run: derive keys, create the account key, return the one-time recovery code. */
  create(passphrase: string, onProgress?: ProgressFn): Promise<{ recoveryCode: string }>;
  unlock(passphrase: string, onProgress?: ProgressFn): Promise<void>;
  unlockWithRecoveryCode(code: string, newPassphrase: string, onProgress?: ProgressFn): Promise<void>;
  changePassphrase(current: string, next: string, onProgress?: ProgressFn): Promise<void>;
  lock(): void;
  /** Idle auto-lock, minutes; stored encrypted in settings. */
  autoLockMinutes(): number;
  setAutoLockMinutes(minutes: number): Promise<void>;
}

export interface Journal {
  /** Newest first; excludes deleted entries. */
  list(): EntrySummary[];
  subscribe(listener: () => void): () => void;
  create(title?: string): Promise<string>;
  get(id: string): Promise<Entry>;
  rename(id: string, title: string): Promise<void>;
  /** Soft delete; returns an undo that restores it if called within a few seconds. */
  remove(id: string): Promise<{ undo: () => Promise<void> }>;
  addMessage(id: string, msg: Omit<Message, "id" | "at"> & { at?: number }): Promise<Message>;
  setMood(id: string, mood: MoodCheckIn | undefined): Promise<void>;
  exportJson(): Promise<string>;
  exportMarkdown(): Promise<string>;
  importJson(json: string): Promise<{ imported: number }>;
  /** "Delete all data on this device". */
  wipeDevice(): Promise<void>;
}
