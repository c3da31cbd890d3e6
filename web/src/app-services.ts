/**
 * The app's singletons behind app-contract.ts: one vault, one journal, on IndexedDB,
 * with Argon2id in a Web Worker. The UI imports these; tests build their own with createApp.
 */
import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { configureAutomergeWasm } from "./journal";
import { createDexieStore } from "./storage";
import { createApp } from "./vault";
import { defaultDeriveRoot } from "./workers/kdf-client";

configureAutomergeWasm(wasmUrl);

export const store = createDexieStore();
export const { vault, journal } = createApp({ store, deriveRoot: defaultDeriveRoot() });

export { startAutoLock } from "./vault";
export { estimatePassphraseStrength } from "./crypto";
export { EntryNotFoundError, ImportError } from "./journal";
