/**
 * Shared by *.browser.test.ts: fresh app instances on uniquely named real IndexedDB
 * databases, and "reload" = a second instance on the same database.
 */
import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { configureAutomergeWasm } from "../journal";
import { createDexieStore, type LocalStore } from "../storage";
import { defaultDeriveRoot } from "../workers/kdf-client";
import { createApp, type AppDeps } from "./vault";

configureAutomergeWasm(wasmUrl);

export const PASS = "correct horse battery staple";
const opened: LocalStore[] = [];

export function openApp(name = `t-${crypto.randomUUID()}`, extra: Partial<AppDeps> = {}) {
  const store = createDexieStore(name);
  opened.push(store);
  return { name, store, ...createApp({ store, deriveRoot: defaultDeriveRoot(), ...extra }) };
}

export async function newUnlockedApp(extra: Partial<AppDeps> = {}) {
  const app = openApp(undefined, extra);
  await app.vault.ready;
  const { recoveryCode } = await app.vault.create(PASS);
  return { ...app, recoveryCode };
}

export async function wipeAll() {
  for (const s of opened.splice(0)) await s.wipe();
}

/** Every IndexedDB record as one string; byte fields decoded as UTF-8 so plaintext would show. */
export async function plaintextView(store: LocalStore): Promise<string> {
  const dump = await store.dumpAll();
  return JSON.stringify(dump, (_k, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
