import { afterEach, describe, expect, it } from "vitest";
import {
  LockedError,
  UnlockDelayedError,
  WeakPassphraseError,
  WrongPassphraseError,
  WrongRecoveryCodeError,
} from "../app-contract";
import { ENVELOPE_OVERHEAD, RecoveryCodeFormatError } from "../crypto";
import type { StoredChunk } from "../storage";
import { startAutoLock } from "./auto-lock";
import { PASS, newUnlockedApp, openApp, plaintextView, wipeAll } from "./browser-test-kit";

afterEach(wipeAll);

describe("vault on real IndexedDB (real Argon2id parameters, in a worker)", () => {
  it("create → entry → message → lock → reload → unlock → entry is there; nothing personal in plaintext", async () => {
    const a = openApp();
    await a.vault.ready;
    expect(a.vault.status()).toBe("new");
    const stages: string[] = [];
    const { recoveryCode } = await a.vault.create(PASS, (_f, info) => stages.push(info?.stage ?? "?"));
    expect(recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(stages).toEqual(["deriving", "unwrapping", "done"]);
    expect(a.vault.status()).toBe("unlocked");
    const id = await a.journal.create("Monday canary-title-91");
    await a.journal.addMessage(id, { sender: "user", text: "canary-7f3a the bus was late again" });
    await a.journal.setMood(id, { score: 2, emotions: ["loneliness"], at: Date.now() });
    await a.vault.setAutoLockMinutes(17);
    a.vault.lock();
    expect(a.vault.status()).toBe("locked");
    expect(a.journal.list()).toEqual([]);
    await expect(a.journal.create("x")).rejects.toBeInstanceOf(LockedError);

    const b = openApp(a.name);
    await b.vault.ready;
    expect(b.vault.status()).toBe("locked");
    await b.vault.unlock(PASS);
    expect(b.journal.list()).toMatchObject([
      { id, title: "Monday canary-title-91", mood: 2, preview: "canary-7f3a the bus was late again" },
    ]);
    expect((await b.journal.get(id)).messages.map((m) => m.text)).toEqual([
      "canary-7f3a the bus was late again",
    ]);
    expect(b.vault.autoLockMinutes()).toBe(17);

    const all = await plaintextView(a.store);
    for (const secret of [
      "canary-7f3a",
      "canary-title-91",
      "loneliness",
      PASS,
      recoveryCode,
      recoveryCode.replace(/-/g, ""),
    ])
      expect(all).not.toContain(secret);
    const [setting] = (await a.store.dumpAll()).settings as { key: string; data: Uint8Array }[];
    expect(setting!.key).toBe("autoLockMinutes");
    expect(setting!.data[0]).toBe(1); // an envelope: version 1, nonce, ciphertext of "17", tag
    expect(setting!.data.length).toBe(ENVELOPE_OVERHEAD + 2);
  });

  it("wrong passphrase: clear error, persisted counter, exponential delay, no lockout of the data", async () => {
    let clock = Date.now();
    const a = await newUnlockedApp({ now: () => clock });
    await a.journal.create("kept");
    a.vault.lock();
    const errors: WrongPassphraseError[] = [];
    for (let i = 0; i < 3; i++) errors.push(await a.vault.unlock("not my passphrase!").catch((e) => e));
    expect(errors.every((e) => e instanceof WrongPassphraseError)).toBe(true);
    expect(errors.map((e) => e.retryAfterMs)).toEqual([0, 0, 1000]);
    expect(errors[0]!.message).toMatch(/doesn't match/);

    // The counter survives a reload, and the delay applies before the passphrase is even checked.
    const b = openApp(a.name, { now: () => clock });
    await b.vault.ready;
    const early = await b.vault.unlock(PASS).catch((e) => e);
    expect(early).toBeInstanceOf(UnlockDelayedError);
    expect(early).toBeInstanceOf(WrongPassphraseError);
    expect(early.retryAfterMs).toBe(1000);
    expect(b.vault.status()).toBe("locked");
    clock += 1000;
    const fourth = await b.vault.unlock("still wrong, sorry").catch((e) => e);
    expect(fourth.retryAfterMs).toBe(2000);
    clock += 2000;
    await b.vault.unlock(PASS);
    expect(b.journal.list().map((e) => e.title)).toEqual(["kept"]);
    expect((await b.store.getVault())!.failedUnlocks).toBe(0);
  });

  it("recovery code unlocks and sets a new passphrase; the old passphrase stops working", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("before recovery");
    a.vault.lock();
    await expect(
      a.vault.unlockWithRecoveryCode("ABCD-EFGH", "a whole new passphrase"),
    ).rejects.toBeInstanceOf(RecoveryCodeFormatError);
    await expect(
      a.vault.unlockWithRecoveryCode("0000-0000-0000-0000-0000-0000", "a whole new passphrase"),
    ).rejects.toBeInstanceOf(WrongRecoveryCodeError);
    await expect(a.vault.unlockWithRecoveryCode(a.recoveryCode, "short")).rejects.toBeInstanceOf(
      WeakPassphraseError,
    );
    await a.vault.unlockWithRecoveryCode(a.recoveryCode.toLowerCase(), "a whole new passphrase");
    expect(a.vault.status()).toBe("unlocked");
    expect((await a.journal.get(id)).title).toBe("before recovery");
    a.vault.lock();
    await expect(a.vault.unlock(PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    await a.vault.unlock("a whole new passphrase");
    a.vault.lock();
    // The same recovery code keeps working after a passphrase change.
    await a.vault.unlockWithRecoveryCode(a.recoveryCode, "yet another new passphrase");
    expect(a.vault.status()).toBe("unlocked");
  });

  it("passphrase change re-wraps the account key only: every document chunk is byte-identical", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("unchanged");
    await a.journal.addMessage(id, { sender: "user", text: "hello" });
    const before = (await a.store.dumpAll()).chunks as StoredChunk[];
    const recBefore = (await a.store.getVault())!;
    await expect(
      a.vault.changePassphrase("not the current one", "the next passphrase"),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(a.vault.changePassphrase(PASS, "short")).rejects.toBeInstanceOf(WeakPassphraseError);
    const credsBefore = (await a.vault.credentials())!;
    await a.vault.changePassphrase(PASS, "the next passphrase");
    const after = (await a.store.dumpAll()).chunks as StoredChunk[];
    const recAfter = (await a.store.getVault())!;
    expect(after).toEqual(before);
    expect(recAfter.wrappedByRecovery).toEqual(recBefore.wrappedByRecovery);
    expect(recAfter.wrappedByPassphrase).not.toEqual(recBefore.wrappedByPassphrase);
    expect(recAfter.salt).not.toEqual(recBefore.salt);
    expect((await a.vault.credentials())!.authKey).not.toEqual(credsBefore.authKey);
    a.vault.lock();
    await expect(a.vault.unlock(PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    await a.vault.unlock("the next passphrase");
    expect((await a.journal.get(id)).messages[0]!.text).toBe("hello");
  });

  it("refuses weak passphrases and a second vault; validates auto-lock minutes", async () => {
    const a = openApp();
    await a.vault.ready;
    await expect(a.vault.create("too short")).rejects.toBeInstanceOf(WeakPassphraseError);
    expect(a.vault.status()).toBe("new");
    await a.vault.create(PASS);
    await expect(a.vault.create(PASS)).rejects.toThrow(/already has a journal/);
    expect(a.vault.autoLockMinutes()).toBe(5);
    await expect(a.vault.setAutoLockMinutes(0)).rejects.toThrow(/whole number of minutes/);
    await expect(a.vault.setAutoLockMinutes(2.5)).rejects.toThrow(/whole number/);
    expect(a.vault.estimateStrength!("correct horse battery staple").acceptable).toBe(true);
  });

  it("auto-lock fires after the idle time; activity resets the clock", async () => {
    const a = await newUnlockedApp();
    let clock = 0;
    const target = new EventTarget();
    const stop = startAutoLock(a.vault, () => 5, { target, checkEveryMs: 10, now: () => clock });
    clock = 4 * 60_000;
    target.dispatchEvent(new Event("keydown"));
    clock = 8 * 60_000;
    await new Promise((r) => setTimeout(r, 40));
    expect(a.vault.status()).toBe("unlocked");
    clock = 9 * 60_000 + 1;
    await new Promise((r) => setTimeout(r, 40));
    expect(a.vault.status()).toBe("locked");
    stop();
  });

  it("delete all data on this device", async () => {
    const a = await newUnlockedApp();
    await a.journal.create("to be wiped");
    let notified = 0;
    a.vault.subscribe(() => notified++);
    await a.journal.wipeDevice();
    expect(a.vault.status()).toBe("new");
    expect(notified).toBeGreaterThan(0);
    expect(await a.store.dumpAll()).toEqual({ chunks: [], meta: [], settings: [] });
    const b = openApp(a.name);
    await b.vault.ready;
    expect(b.vault.status()).toBe("new");
  });
});

describe("locking in the middle of work", () => {
  it("lock during a passphrase change never wraps a wiped key; lock during a write never stores unreadable data", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("survives");
    // Progress is reported only for the new passphrase's Argon2id: lock exactly while it runs.
    const change = a.vault.changePassphrase(PASS, "the next passphrase", (_f, info) => {
      if (info?.stage === "deriving") a.vault.lock();
    });
    await change.catch(() => undefined);
    expect(a.vault.status()).toBe("locked");
    // Whichever passphrase is now stored must unlock the real account key.
    const ok = await a.vault.unlock("the next passphrase").then(
      () => true,
      () => false,
    );
    if (!ok) await a.vault.unlock(PASS);
    expect((await a.journal.get(id)).title).toBe("survives");

    const writes = Array.from({ length: 5 }, (_, i) =>
      a.journal.addMessage(id, { sender: "user", text: `m${i}` }).catch((e) => e),
    );
    await writes[0];
    a.vault.lock(); // the second write is in flight
    const results = await Promise.all(writes);
    expect(results.filter((r) => r instanceof LockedError).length).toBeGreaterThan(0);
    const b = openApp(a.name);
    await b.vault.ready;
    await b.vault.unlock(ok ? "the next passphrase" : PASS);
    const written = results.filter((r) => !(r instanceof Error)).length;
    expect((await b.journal.get(id)).messages).toHaveLength(written); // every stored chunk decrypts
  });
});
