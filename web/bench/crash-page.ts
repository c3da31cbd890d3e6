// Driven by web/src/storage/crash.test.ts: write messages as fast as possible until the
// browser process is killed, then (after a restart) read back what survived.
import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { configureAutomergeWasm } from "../src/journal";
import { createDexieStore } from "../src/storage";
import { createApp } from "../src/vault";
import { workerDeriveRoot } from "../src/workers/kdf-client";

configureAutomergeWasm(wasmUrl);
const pass = "correct horse battery staple";
const app = createApp({ store: createDexieStore("crash-test"), deriveRoot: workerDeriveRoot() });
const state = { acked: 0 };

async function start(): Promise<string> {
  await app.vault.ready;
  await app.vault.create(pass);
  const id = await app.journal.create("crash test");
  void (async () => {
    for (let i = 0; ; i++) {
      await app.journal.addMessage(id, { sender: "user", text: `msg ${i}` });
      state.acked = i + 1; // acknowledged: the transaction completed
    }
  })();
  return id;
}

async function readBack(id: string): Promise<string[]> {
  await app.vault.ready;
  await app.vault.unlock(pass);
  return (await app.journal.get(id)).messages.map((m) => m.text);
}

Object.assign(globalThis, { bench: { start, readBack, state } });
document.title = "ready";
