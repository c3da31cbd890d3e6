import { describe, expect, it } from "vitest";
import { bytesEqual, randomBytes, utf8 } from "./bytes";
import { DecryptError, open, seal } from "./envelope";
import { argon2idRoot } from "./argon2";
import { splitRootSecret, type KdfParams } from "./kdf";
import { deriveDocKey, generateAccountKey, unwrapAccountKey, wrapAccountKey } from "./keys";
import {
  RecoveryCodeFormatError,
  generateRecoveryCode,
  normalizeRecoveryCode,
  recoveryWrappingKey,
} from "./recovery-code";

const fast: KdfParams = { name: "argon2id", memoryKiB: 256, iterations: 1, parallelism: 1 };
const kekFor = async (pass: string, salt: Uint8Array) =>
  splitRootSecret(await argon2idRoot(pass, salt, fast), salt).kek;

describe("account key wrapping", () => {
  it("wraps and unwraps by passphrase; the wrong passphrase is rejected", async () => {
    const salt = randomBytes(16);
    const ak = generateAccountKey();
    const wrapped = wrapAccountKey(await kekFor("river stone cloud lantern", salt), ak, "acct", "passphrase");
    expect(
      bytesEqual(
        unwrapAccountKey(await kekFor("river stone cloud lantern", salt), wrapped, "acct", "passphrase"),
        ak,
      ),
    ).toBe(true);
    await expect(async () =>
      unwrapAccountKey(await kekFor("river stone cloud lanterns", salt), wrapped, "acct", "passphrase"),
    ).rejects.toThrow(DecryptError);
    // A wrap cannot be moved to another account or slot.
    const kek = await kekFor("river stone cloud lantern", salt);
    expect(() => unwrapAccountKey(kek, wrapped, "other", "passphrase")).toThrow(DecryptError);
    expect(() => unwrapAccountKey(kek, wrapped, "acct", "recovery")).toThrow(DecryptError);
  });

  it("wraps and unwraps by recovery code, tolerant of formatting; a different code is rejected", () => {
    const ak = generateAccountKey();
    const code = generateRecoveryCode();
    const wrapped = wrapAccountKey(recoveryWrappingKey(code, "acct"), ak, "acct", "recovery");
    const typed = code.toLowerCase().replace(/-/g, " ");
    expect(
      bytesEqual(unwrapAccountKey(recoveryWrappingKey(typed, "acct"), wrapped, "acct", "recovery"), ak),
    ).toBe(true);
    const other = generateRecoveryCode();
    expect(() => unwrapAccountKey(recoveryWrappingKey(other, "acct"), wrapped, "acct", "recovery")).toThrow(
      DecryptError,
    );
  });

  it("passphrase change re-wraps the account key; document ciphertext is untouched and still opens", async () => {
    const ak = generateAccountKey();
    const ctx = { accountId: "acct", docId: "doc", chunkId: "c1", kind: "incremental" as const };
    const docCipher = seal(deriveDocKey(ak, "acct", "doc"), utf8("a private sentence"), ctx);
    const before = docCipher.slice();
    const oldWrap = wrapAccountKey(
      await kekFor("old passphrase here", randomBytes(16)),
      ak,
      "acct",
      "passphrase",
    );
    const newSalt = randomBytes(16);
    const newWrap = wrapAccountKey(await kekFor("a brand new passphrase", newSalt), ak, "acct", "passphrase");
    expect(bytesEqual(oldWrap, newWrap)).toBe(false);
    const unwrapped = unwrapAccountKey(
      await kekFor("a brand new passphrase", newSalt),
      newWrap,
      "acct",
      "passphrase",
    );
    expect(bytesEqual(docCipher, before)).toBe(true);
    expect(new TextDecoder().decode(open(deriveDocKey(unwrapped, "acct", "doc"), docCipher, ctx))).toBe(
      "a private sentence",
    );
  });
});

describe("recovery code", () => {
  it("is 24 Crockford base32 characters in six groups with ~120 bits of entropy", () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    // Every symbol of the alphabet shows up: no bias toward a subset.
    const seen = new Set([...codes].join("").replace(/-/g, ""));
    expect(seen.size).toBe(32);
  });

  it("normalises look-alikes and rejects malformed input with a clear message", () => {
    expect(normalizeRecoveryCode("abcd efgh jkmn pqrs tvwx yzol")).toBe("ABCDEFGHJKMNPQRSTVWXYZ01");
    expect(() => normalizeRecoveryCode("ABCD-EFGH")).toThrow(RecoveryCodeFormatError);
    expect(() => normalizeRecoveryCode("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")).toThrow(/24 letters and digits/);
  });
});
