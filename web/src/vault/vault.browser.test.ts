import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { WrongPassphraseError } from "../app-contract";
import { configureAutomergeWasm } from "../journal";
import { createDexieStore, type LocalStore } from "../storage";
import { defaultDeriveRoot } from "../workers/kdf-client";
import { createApp } from "./vault";

beforeAll(() => configureAutomergeWasm(wasmUrl));

const stores: LocalStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.wipe();
});
function freshApp(name = `t-${crypto.randomUUID()}`) {
  const store = createDexieStore(name);
  stores.push(store);
  return { name, store, ...createApp({ store, deriveRoot: defaultDeriveRoot() }) };
}

describe("vault + journal on real IndexedDB (real Argon2id parameters, in a worker)", () => {
  it("create → entry → message → lock → reopen → unlock → entry is there", async () => {
    const a = freshApp();
    await a.vault.ready;
    expect(a.vault.status()).toBe("new");
    const stages: string[] = [];
    const { recoveryCode } = await a.vault.create("correct horse battery staple", (_f, info) => stages.push(info?.stage ?? "?"));
    expect(recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(stages[0]).toBe("deriving");
    expect(stages.at(-1)).toBe("done");
    expect(a.vault.status()).toBe("unlocked");
    const id = await a.journal.create("Monday");
    await a.journal.addMessage(id, { sender: "user", text: "canary-7f3a the bus was late again" });
    expect(a.journal.list().map((e) => e.title)).toEqual(["Monday"]);
    a.vault.lock();
    expect(a.vault.status()).toBe("locked");
    expect(a.journal.list()).toEqual([]);

    // A second app instance on the same database = a reload.
    const b = { ...createApp({ store: createDexieStore(a.name), deriveRoot: defaultDeriveRoot() }) };
    await b.vault.ready;
    expect(b.vault.status()).toBe("locked");
    await expect(b.vault.unlock("wrong horse battery staple")).rejects.toBeInstanceOf(WrongPassphraseError);
    await b.vault.unlock("correct horse battery staple");
    expect(b.journal.list()).toMatchObject([{ id, title: "Monday", preview: "canary-7f3a the bus was late again" }]);
    const entry = await b.journal.get(id);
    expect(entry.messages.map((m) => m.text)).toEqual(["canary-7f3a the bus was late again"]);

    // Nothing personal in plaintext anywhere in IndexedDB.
    const dump = await a.store.dumpAll();
    const haystack = JSON.stringify(dump, (_k, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
    expect(haystack).not.toContain("canary-7f3a");
    expect(haystack).not.toContain("Monday");
  });
});
