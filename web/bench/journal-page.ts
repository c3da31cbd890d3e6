// Journal list with N entries: populate through the real Journal API, reopen (a reload),
// then time how long unlock → journal.list() takes, excluding Argon2id.
import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { configureAutomergeWasm } from "../src/journal";
import { createDexieStore } from "../src/storage";
import { createApp } from "../src/vault";
import { workerDeriveRoot } from "../src/workers/kdf-client";

configureAutomergeWasm(wasmUrl);
const pass = "correct horse battery staple";

async function populate(name: string, entries: number, messagesPerEntry: number): Promise<number> {
  const store = createDexieStore(name);
  const { vault, journal } = createApp({ store, deriveRoot: workerDeriveRoot() });
  await vault.ready;
  if (vault.status() === "new") await vault.create(pass);
  else await vault.unlock(pass);
  const t0 = performance.now();
  for (let i = 0; i < entries; i++) {
    const id = await journal.create(`Entry ${i}`);
    for (let m = 0; m < messagesPerEntry; m++)
      await journal.addMessage(id, {
        sender: m % 2 ? "guide" : "user",
        text: `Message ${m} of entry ${i}: some ordinary words about an ordinary day.`,
      });
    if (i % 3 === 0) await journal.setMood(id, { score: 3, emotions: ["calm"], at: Date.now() });
  }
  vault.lock();
  return performance.now() - t0;
}

/** Fresh app instance on the stored database = a page reload. */
async function listAfterUnlock(name: string) {
  const store = createDexieStore(name);
  const { vault, journal } = createApp({ store, deriveRoot: workerDeriveRoot() });
  await vault.ready;
  const t0 = performance.now();
  let kdfDone = 0;
  await vault.unlock(pass, (_f, info) => {
    if (info?.stage === "unwrapping") kdfDone = performance.now();
  });
  const list = journal.list();
  const t1 = performance.now();
  vault.lock();
  return { total: t1 - t0, afterKdf: t1 - kdfDone, count: list.length };
}

async function chunkCount(name: string) {
  const dump = await createDexieStore(name).dumpAll();
  const chunks = dump.chunks as { docId: string; data: Uint8Array }[];
  return {
    chunks: chunks.length,
    indexChunks: chunks.filter((c) => c.docId === "index").length,
    bytes: chunks.reduce((n, c) => n + c.data.length, 0),
  };
}

Object.assign(globalThis, { bench: { populate, listAfterUnlock, chunkCount } });
document.title = "ready";
