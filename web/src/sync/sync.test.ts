// Two clients (real vault/journal/crypto/Automerge, memory storage) against the real relay CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeClient } from "./testing/node-app";
import {
  filesContaining,
  relayChunks,
  removeDataDir,
  startRelayProcess,
  stopRelay,
  type RelayProcess,
} from "./testing/relay-process";

const PASS = "quiet harbour lantern morning";
let relay: RelayProcess;
const user = () => `u${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  relay = await startRelayProcess({ env: { VENTWELL_SCRYPT_LOG_N: "10" } });
});
afterAll(async () => {
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
});

async function pair() {
  const a = nodeClient(relay.url);
  const b = nodeClient(relay.url);
  await a.vault.ready;
  await b.vault.ready;
  await a.vault.create(PASS);
  const name = user();
  await a.sync.signUp(name);
  await a.sync.idle();
  await b.sync.signIn(name, PASS);
  await b.sync.idle();
  return { a, b, name };
}

async function settle(...cs: ReturnType<typeof nodeClient>[]) {
  for (let i = 0; i < 2; i++)
    for (const c of cs) {
      c.sync.retry();
      await c.sync.idle();
    }
}

describe("sync against the real relay", () => {
  it("sign up, sign in on a fresh device, converge on concurrent edits, propagate deletion", async () => {
    const { a, b } = await pair();
    expect(b.vault.status()).toBe("unlocked");
    expect(a.sync.status().phase).toBe("synced");
    const id = await a.journal.create("Shared entry");
    await a.journal.addMessage(id, { sender: "user", text: "from A" });
    await settle(a, b);
    expect(b.journal.list().map((e) => e.title)).toEqual(["Shared entry"]);
    // Concurrent edits to the same entry: both messages survive.
    await a.journal.addMessage(id, { sender: "user", text: "A again" });
    await b.journal.addMessage(id, { sender: "user", text: "B meanwhile" });
    await settle(a, b);
    const ta = (await a.journal.get(id)).messages.map((m) => m.text).sort();
    const tb = (await b.journal.get(id)).messages.map((m) => m.text).sort();
    expect(ta).toEqual(["A again", "B meanwhile", "from A"]);
    expect(tb).toEqual(ta);
    // Deletion propagates (after the undo window the tombstone replaces the chunks).
    const { undo } = await a.journal.remove(id);
    void undo;
    await settle(a, b);
    expect(b.journal.list()).toEqual([]);
    // Nothing readable reached the relay's files.
    for (const needle of ["Shared entry", "from A", "B meanwhile", PASS])
      expect(filesContaining(relay.dataDir, needle)).toEqual([]);
  });

  it("rejects a tampered chunk, keeps local data, shows an error", async () => {
    const { a, b } = await pair();
    const id = await a.journal.create("Intact");
    await settle(a, b);
    // A forged chunk: valid base64url, wrong key → fails authentication on B.
    const forged = { id: "forged1", docId: id, kind: "incremental" as const, data: "AQ" + "A".repeat(80) };
    const { createRelayClient } = await import("./api-client");
    const evil = createRelayClient({ baseUrl: relay.url });
    const creds = await a.vault.credentials();
    const { encodeBase64Url } = await import("@ventwell/shared");
    const name = a.sync.status().username!;
    expect((await evil.login({ username: name, authKey: encodeBase64Url(creds!.authKey) })).ok).toBe(true);
    expect((await evil.push([forged])).ok).toBe(true);
    b.sync.retry();
    await b.sync.idle();
    expect(b.sync.status().phase).toBe("error");
    expect(b.sync.status().rejected).toBe(1);
    expect(b.sync.status().message).toMatch(/failed verification/);
    expect(b.journal.list().map((e) => e.title)).toEqual(["Intact"]);
    expect((await b.journal.get(id)).title).toBe("Intact");
    expect((await b.store.loadDoc(id)).some((c) => c.id === "forged1")).toBe(false);
  });

  it("passphrase change on one device: the other signs in with the new one; pushes are not duplicated", async () => {
    const { a, b, name } = await pair();
    await a.journal.create("Before change");
    await settle(a, b);
    await a.vault.changePassphrase(PASS, "new harbour lantern evening");
    await settle(a);
    expect(a.sync.status().phase).toBe("synced");
    await settle(b);
    expect(b.sync.status().phase).toBe("reauth");
    const c = nodeClient(relay.url);
    await c.vault.ready;
    await expect(c.sync.signIn(name, PASS)).rejects.toThrow(/don't match/);
    await c.sync.signIn(name, "new harbour lantern evening");
    await c.sync.idle();
    expect(c.journal.list().map((e) => e.title)).toEqual(["Before change"]);
    await b.sync.signIn(name, "new harbour lantern evening");
    await settle(b);
    expect(b.sync.status().phase).toBe("synced");
    // Every chunk id on the relay once; the client's pushed ids all there.
    const ids = relayChunks(relay.dataDir).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
