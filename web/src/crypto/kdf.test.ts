import { describe, expect, it } from "vitest";
import { argon2id as nobleArgon2id } from "@noble/hashes/argon2.js";
import { argon2id as wasmArgon2id } from "hash-wasm";
import { fromHex, toHex, utf8 } from "./bytes";
import { argon2idRoot } from "./argon2";
import { DEFAULT_KDF, checkKdfParams, splitRootSecret, type KdfParams } from "./kdf";
import { deriveDocKey } from "./keys";
import { recoveryWrappingKey } from "./recovery-code";

const salt = Uint8Array.from({ length: 16 }, (_, i) => i); // 000102…0f
const passphrase = "correct horse battery staple";

describe("key derivation vectors", () => {
  it("Argon2id at the real parameters (64 MiB, t=3, p=1) → fixed root, auth key and KEK", async () => {
    expect(DEFAULT_KDF).toEqual({ name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 });
    const root = await argon2idRoot(passphrase, salt, DEFAULT_KDF);
    expect(toHex(root)).toBe("0d1a3c6523c8f06e4e0af9c515aa5b5448cfebd6838f2d52c3d8b6ef8ddc3c2e");
    const { authKey, kek } = splitRootSecret(root, salt);
    expect(toHex(authKey)).toBe("cfb36d3ac9f679302eeb7c7488dc74649bb20233e7d964e9630356c095bbb19c");
    expect(toHex(kek)).toBe("e8cc87159c5401785331035b1d3d59dab564e782cbe44190525fdbdc0d5a2b11");
  });

  it("an independent implementation (@noble/hashes) agrees with hash-wasm", async () => {
    const p: KdfParams = { name: "argon2id", memoryKiB: 1024, iterations: 3, parallelism: 1 };
    const wasm = await argon2idRoot(passphrase, salt, p);
    expect(toHex(wasm)).toBe("590d7ddd37a1ed86417a3614be47c9f782828a38902390018d39bb6556fee029");
    const noble = nobleArgon2id(utf8(passphrase), salt, { t: 3, m: 1024, p: 1, dkLen: 32 });
    expect(toHex(noble)).toBe(toHex(wasm));
  });

  it("hash-wasm matches the Argon2 reference implementation's argon2id test vector", async () => {
    // phc-winner-argon2 src/test.c: v=0x13, t=2, m=2^16, p=1, "password", "somesalt".
    const out = await wasmArgon2id({
      password: "password",
      salt: "somesalt",
      iterations: 2,
      memorySize: 65536,
      parallelism: 1,
      hashLength: 32,
      outputType: "hex",
    });
    expect(out).toBe("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
  });

  it("normalises the passphrase (NFKC) so composed and decomposed input derive the same key", async () => {
    const p: KdfParams = { name: "argon2id", memoryKiB: 64, iterations: 1, parallelism: 1 };
    const composed = await argon2idRoot("caf\u00e9 au lait tous les jours", salt, p);
    const decomposed = await argon2idRoot("cafe\u0301 au lait tous les jours", salt, p);
    expect(toHex(composed)).toBe(toHex(decomposed));
  });

  it("auth key and KEK are distinct and depend on salt and root", () => {
    const root = fromHex("11".repeat(32));
    const a = splitRootSecret(root, salt);
    const b = splitRootSecret(root, new Uint8Array(16));
    expect(toHex(a.authKey)).not.toBe(toHex(a.kek));
    expect(toHex(a.kek)).not.toBe(toHex(b.kek));
  });

  it("document and recovery keys: fixed vectors", () => {
    const accountKey = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    expect(toHex(deriveDocKey(accountKey, "acct-0001", "index"))).toBe(
      "78def5a263f82e65664a670b6f91d82f9383f7be4dc2ef8ebd406a0c20c25f02",
    );
    expect(toHex(recoveryWrappingKey("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", "acct-0001"))).toBe(
      "46e029e26ca5ab8e354a492aa14a76592b0379fb1e8433e18d6615a661571015",
    );
    expect(toHex(deriveDocKey(accountKey, "acct-0001", "other"))).not.toBe(
      "78def5a263f82e65664a670b6f91d82f9383f7be4dc2ef8ebd406a0c20c25f02",
    );
  });

  it("refuses parameters below the design's floor unless explicitly allowed", () => {
    expect(() => checkKdfParams(DEFAULT_KDF)).not.toThrow();
    expect(() => checkKdfParams({ ...DEFAULT_KDF, memoryKiB: 32 * 1024 })).toThrow(/not supported/);
    expect(() => checkKdfParams({ ...DEFAULT_KDF, iterations: 2 })).toThrow(/not supported/);
    expect(() => checkKdfParams({ ...DEFAULT_KDF, name: "scrypt" as "argon2id" })).toThrow(/not supported/);
    expect(() => checkKdfParams({ ...DEFAULT_KDF, memoryKiB: 64, iterations: 1 }, true)).not.toThrow();
  });
});
