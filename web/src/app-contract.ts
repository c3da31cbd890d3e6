/**
 * The seam between the React UI (web/src/ui) and the logic (crypto, storage, journal,
 * sync, guide). The UI only renders state and calls these functions; everything here is
 * usable and testable without React.
 *
 * @remarks Owned by the web-core work; the UI codes against it. Extend, don't break.
 */
import type { Phase } from "@ventwell/shared";
import type { ExportExtras } from "./journal/extras";

export type VaultStatus = "loading" | "new" | "locked" | "unlocked";

/**
 * Progress of a key derivation, 0..1, reported from the worker.
 * @remarks Argon2id (hash-wasm) reports no progress of its own, so `fraction` moves in
 * honest stages: 0 with `indeterminate: true` while Argon2id runs (show a spinner, not a
 * bar), then 0.9 "unwrapping" (fast), then 1 "done".
 */
export type ProgressStage = "deriving" | "unwrapping" | "done";
export type ProgressFn = (fraction: number, info?: { stage: ProgressStage; indeterminate: boolean }) => void;

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
  conversation: {
    phase: Phase;
    usedResponses: string[];
    turn: number;
    /** The guide policy's memory (web/src/guide): distress of the last message, 0..1. */
    lastDistress?: number;
    /** The person asked for something practical before the guide had validated; honoured next. */
    actionRequested?: boolean;
  };
}

/** A change to an entry's conversation state; `useResponses` are appended once each. */
export interface ConversationUpdate {
  phase?: Phase;
  useResponses?: string[];
  turn?: number;
  lastDistress?: number;
  actionRequested?: boolean;
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

/**
 * Thrown by unlock when an earlier run of wrong passphrases imposes a wait; the passphrase
 * was not checked. `instanceof WrongPassphraseError` still holds, so one catch serves both.
 */
export class UnlockDelayedError extends WrongPassphraseError {
  constructor(retryAfterMs: number) {
    super(retryAfterMs);
    this.name = "UnlockDelayedError";
    this.message = `Too many tries. Wait ${Math.ceil(retryAfterMs / 1000)} seconds, then try again.`;
  }
}

/** Thrown by unlockWithRecoveryCode when the code is well-formed but does not match. */
export class WrongRecoveryCodeError extends WrongPassphraseError {
  constructor(retryAfterMs: number) {
    super(retryAfterMs);
    this.name = "WrongRecoveryCodeError";
    this.message = "That recovery code doesn't match this journal. Check it and try again.";
  }
}

/** Thrown by create/changePassphrase/unlockWithRecoveryCode for a passphrase below the rule. */
export class WeakPassphraseError extends Error {
  constructor() {
    super("Choose a passphrase with at least 10 characters, or at least 4 words.");
    this.name = "WeakPassphraseError";
  }
}

/** Thrown by journal calls while the vault is locked. */
export class LockedError extends Error {
  constructor() {
    super("The journal is locked. Unlock it to continue.");
    this.name = "LockedError";
  }
}

/** Score for the onboarding meter; same shape as the UI's own estimate. */
export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  acceptable: boolean;
  hint: string;
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
  /** Strength meter for onboarding and passphrase change (pure, synchronous). */
  estimateStrength?(passphrase: string): PassphraseStrength;
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
  /**
   * Appends a message. A guide turn sets `conversation.phase` to its phase and counts a turn;
   * `opts.conversation` updates the conversation state in the same atomic change.
   */
  addMessage(
    id: string,
    msg: Omit<Message, "id" | "at"> & { at?: number },
    opts?: { conversation?: ConversationUpdate },
  ): Promise<Message>;
  setMood(id: string, mood: MoodCheckIn | undefined): Promise<void>;
  /** Replaces the entry's tags (trimmed, de-duplicated, empty ones dropped). */
  setTags?(id: string, tags: string[]): Promise<void>;
  /** Updates the guide's conversation state without adding a message. */
  updateConversation?(id: string, update: ConversationUpdate): Promise<void>;
  /** `extras`: the device-only records to include (see journal/extras.ts). */
  exportJson(extras?: ExportExtras): Promise<string>;
  exportMarkdown(): Promise<string>;
  /** Adds the file's entries; returns its extras for the caller to merge into the vault. */
  importJson(json: string): Promise<{ imported: number; extras?: ExportExtras }>;
  /** "Delete all data on this device". */
  wipeDevice(): Promise<void>;
}
