// Recovery with the recovery code on a brand-new device (passphrase forgotten, no device
// left), against the real relay CLI: Node clients, real Argon2id, real SQLite.
import { describe, expect, it } from "vitest";
import { RecoveryCodeFormatError } from "../crypto";
import { WeakPassphraseError } from "../app-contract";
import type { nodeClient } from "./testing/node-app";
import { freshClient, randomUsername as user, useTestRelay } from "./testing/relay-fixture";

const PASS = "quiet harbour lantern morning";
const NEW_PASS = "silver meadow river dawn";
const relay = useTestRelay();
const fresh = () => freshClient(relay());

async function settled(c: ReturnType<typeof nodeClient>) {
  await c.sync.idle();
  c.sync.retry();
  await c.sync.idle();
}

describe("recover with the recovery code on a new device", () => {
  it("brings the journal back under a new passphrase; the old one stops working, the code keeps working", async () => {
    const a = await fresh();
    const { recoveryCode } = await a.vault.create(PASS);
    const name = user();
    await a.sync.signUp(name);
    await a.journal.create("Written before losing everything");
    await settled(a);

    const b = await fresh();
    // Typed in lower case with spaces, username in another case: both are normalised.
    await b.sync.recover(name.toUpperCase(), recoveryCode.toLowerCase().replace(/-/g, " "), NEW_PASS);
    expect(b.vault.status()).toBe("unlocked");
    await settled(b);
    expect(b.sync.status().phase).toBe("synced");
    expect(b.journal.list().map((e) => e.title)).toEqual(["Written before losing everything"]);
    // The new passphrase reached the relay: the sealed record now holds the new auth key.
    const rec = (await b.vault.readSecret("sync")) as { relayAuthKey: string; relayRecoveryKey?: string };
    expect(rec.relayAuthKey).not.toBe("");
    expect(rec.relayRecoveryKey).toBeUndefined();
    // And locally: the new passphrase unlocks this device.
    b.vault.lock();
    await b.vault.unlock(NEW_PASS);

    const c = await fresh();
    await expect(c.sync.signIn(name, PASS)).rejects.toThrow(/don't match/);
    await c.sync.signIn(name, NEW_PASS);
    await settled(c);
    expect(c.journal.list().map((e) => e.title)).toEqual(["Written before losing everything"]);

    // The code does not change with the passphrase: it recovers again, even after c changes it.
    await c.vault.changePassphrase(NEW_PASS, "another passphrase entirely here");
    await settled(c);
    const d = await fresh();
    await d.sync.recover(name, recoveryCode, "a fourth passphrase for the test");
    await settled(d);
    expect(d.journal.list()).toHaveLength(1);
  });

  it("says clearly what is wrong: unknown name or wrong code, malformed code, weak passphrase", async () => {
    const a = await fresh();
    await a.vault.create(PASS);
    const name = user();
    await a.sync.signUp(name);
    await settled(a);
    const b = await fresh();
    const otherCode = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";
    await expect(b.sync.recover(name, otherCode, NEW_PASS)).rejects.toThrow(
      "That username and recovery code don't match an account on this sync server.",
    );
    await expect(b.sync.recover(user(), otherCode, NEW_PASS)).rejects.toThrow(/don't match/);
    await expect(b.sync.recover(name, "ABCD-EFGH", NEW_PASS)).rejects.toThrow(RecoveryCodeFormatError);
    await expect(b.sync.recover(name, otherCode, "short")).rejects.toThrow(WeakPassphraseError);
    // Nothing was created on the device by the failures.
    expect(await b.store.getVault()).toBeUndefined();
    expect(b.vault.status()).toBe("new");
  });

  it("an account from before recovery-by-relay gets a clear message, and gains it once the code is used on a device", async () => {
    const a = await fresh();
    const { recoveryCode } = await a.vault.create(PASS);
    await a.vault.writeSecret("recovery-login", undefined); // as a journal created before this feature
    const name = user();
    await a.sync.signUp(name);
    await a.journal.create("Old account entry");
    await settled(a);
    const b = await fresh();
    await expect(b.sync.recover(name, recoveryCode, NEW_PASS)).rejects.toThrow(
      /Recovery by code was not set up for this account/,
    );
    expect(await b.store.getVault()).toBeUndefined();
    // The code used on the old device (lock screen) gives the relay the recovery credential.
    a.vault.lock();
    await a.vault.unlockWithRecoveryCode(recoveryCode, "the old device's new passphrase");
    await settled(a);
    expect(a.sync.status().phase).toBe("synced");
    await b.sync.recover(name, recoveryCode, NEW_PASS);
    await settled(b);
    expect(b.journal.list().map((e) => e.title)).toEqual(["Old account entry"]);
  });
});
