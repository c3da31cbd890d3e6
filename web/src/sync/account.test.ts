// Account life cycle across devices against the real relay CLI: recovery code, tombstones,
// sign out, delete account, wrong credentials, and the tokens never stored in the clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeClient } from "./testing/node-app";
import {
  relayChunks,
  removeDataDir,
  startRelayProcess,
  stopRelay,
  type RelayProcess,
} from "./testing/relay-process";

const PASS = "quiet harbour lantern morning";
const NEW_PASS = "silver meadow river dawn";
let relay: RelayProcess;
const user = () => `u${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  relay = await startRelayProcess({ env: { VENTWELL_SCRYPT_LOG_N: "10" } });
});
afterAll(async () => {
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
});

async function settle(...cs: ReturnType<typeof nodeClient>[]) {
  for (let i = 0; i < 2; i++)
    for (const c of cs) {
      c.sync.retry();
      await c.sync.idle();
    }
}

async function signedUp(undoMs?: number) {
  const a = nodeClient(relay.url, {}, { undoMs });
  await a.vault.ready;
  const { recoveryCode } = await a.vault.create(PASS);
  const name = user();
  await a.sync.signUp(name);
  await a.sync.idle();
  return { a, name, recoveryCode };
}

describe("account across devices", () => {
  it("recovery code on one device → the relay gets the new wraps → a fresh device signs in with the new passphrase", async () => {
    const { a, name, recoveryCode } = await signedUp();
    await a.journal.create("Kept through recovery");
    await settle(a);
    a.vault.lock();
    expect(a.sync.status().phase).toBe("off");
    await a.vault.unlockWithRecoveryCode(recoveryCode, NEW_PASS);
    await settle(a);
    expect(a.sync.status().phase).toBe("synced");
    const c = nodeClient(relay.url);
    await c.vault.ready;
    await expect(c.sync.signIn(name, PASS)).rejects.toThrow(/don't match/);
    await c.sync.signIn(name, NEW_PASS);
    await c.sync.idle();
    expect(c.journal.list().map((e) => e.title)).toEqual(["Kept through recovery"]);
    // The recovery code keeps working on the new device too (same wrap, same account id).
    c.vault.lock();
    await c.vault.unlockWithRecoveryCode(recoveryCode, "third passphrase for this test");
    expect(c.vault.status()).toBe("unlocked");
  });

  it("a purged entry leaves a tombstone that replaces its chunks on the relay and removes it on the other device", async () => {
    const { a, name } = await signedUp(50);
    const b = nodeClient(relay.url, {}, { undoMs: 50 });
    await b.vault.ready;
    await b.sync.signIn(name, PASS);
    const id = await a.journal.create("To be deleted");
    await a.journal.addMessage(id, { sender: "user", text: "bye" });
    await settle(a, b);
    expect(b.journal.list()).toHaveLength(1);
    const oldIds = (await a.store.loadDoc(id)).map((c) => c.id);
    expect(relayChunks(relay.dataDir).filter((c) => oldIds.includes(c.id) && c.live)).toHaveLength(
      oldIds.length,
    );
    await a.journal.remove(id);
    await new Promise((r) => setTimeout(r, 200)); // past the undo window: purge writes the tombstone
    await a.journal.idle();
    await settle(a, b);
    expect(b.journal.list()).toEqual([]);
    const onRelay = relayChunks(relay.dataDir);
    const mine = new Set((await a.store.loadDoc(id)).map((c) => c.id));
    const forDoc = onRelay.filter((c) => mine.has(c.id) && c.live);
    expect(forDoc.map((c) => c.kind)).toEqual(["tombstone"]);
    // Replaced in the same transaction: only id and seq remain, no data.
    expect(onRelay.filter((c) => oldIds.includes(c.id) && c.live)).toEqual([]);
    expect((await b.store.loadDoc(id)).map((c) => c.kind)).toEqual(["tombstone"]);
    await expect(b.journal.get(id)).rejects.toThrow(/deleted/);
  });

  it("sign out locks and forgets the session; with deletion it also wipes this device", async () => {
    const { a, name } = await signedUp();
    await a.journal.create("Stays on the relay");
    await settle(a);
    const dump = JSON.stringify(await a.store.dumpAll(), (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v,
    );
    const rec = a.sync.status();
    expect(rec.username).toBe(name);
    // No token or auth key in the clear in local storage (they exist sealed).
    const sealed = (await a.vault.readSecret("sync")) as { refreshToken: string; relayAuthKey: string };
    expect(sealed.refreshToken.length).toBeGreaterThan(10);
    expect(dump).not.toContain(sealed.refreshToken);
    expect(dump).not.toContain(sealed.relayAuthKey);
    expect(dump).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // a JWT
    await a.sync.signOut({ deleteLocalData: false });
    expect(a.vault.status()).toBe("locked");
    await a.vault.unlock(PASS);
    expect(a.sync.status().phase).toBe("off");
    expect(a.journal.list()).toHaveLength(1);
    await a.sync.signIn(name, PASS);
    await settle(a);
    expect(a.sync.status().phase).toBe("synced");
    await a.sync.signOut({ deleteLocalData: true });
    expect(a.vault.status()).toBe("new");
    expect(await a.store.getVault()).toBeUndefined();
    // The account still exists on the relay: a fresh device gets the entry.
    const c = nodeClient(relay.url);
    await c.vault.ready;
    await c.sync.signIn(name, PASS);
    await c.sync.idle();
    expect(c.journal.list().map((e) => e.title)).toEqual(["Stays on the relay"]);
  });

  it("delete account: gone on the relay and this device; another device is told to sign in again", async () => {
    const { a, name } = await signedUp();
    const b = nodeClient(relay.url);
    await b.vault.ready;
    await b.sync.signIn(name, PASS);
    await a.journal.create("Forget me");
    await settle(a, b);
    const before = relayChunks(relay.dataDir).length;
    await a.sync.deleteAccount();
    expect(a.vault.status()).toBe("new");
    expect(relayChunks(relay.dataDir).length).toBeLessThan(before);
    await settle(b);
    expect(b.sync.status().phase).toBe("reauth");
    expect(b.journal.list().map((e) => e.title)).toEqual(["Forget me"]); // local data stays on B
    const c = nodeClient(relay.url);
    await c.vault.ready;
    await expect(c.sync.signIn(name, PASS)).rejects.toThrow(/don't match/);
  });

  it("sign up with a taken username, and sign in to a device holding a different journal, fail clearly", async () => {
    const { name } = await signedUp();
    const other = nodeClient(relay.url);
    await other.vault.ready;
    await other.vault.create(PASS);
    await expect(other.sync.signUp(name)).rejects.toThrow(/taken/);
    await expect(other.sync.signIn(name, PASS)).rejects.toThrow(/different journal/);
    expect(other.sync.status().phase).toBe("off");
  });
});
