/**
 * Argon2id with hash-wasm: measured 2.2x faster than @noble/hashes in headless Chromium here
 * (web/bench/run.mjs argon2); noble stays as an independent cross-check in the tests.
 */
import { argon2id } from "hash-wasm";
import { utf8 } from "./bytes";
import { ROOT_BYTES, normalizePassphrase, type KdfParams } from "./kdf";

export async function argon2idRoot(passphrase: string, salt: Uint8Array, p: KdfParams): Promise<Uint8Array> {
  return argon2id({
    password: utf8(normalizePassphrase(passphrase)),
    salt,
    iterations: p.iterations,
    parallelism: p.parallelism,
    memorySize: p.memoryKiB,
    hashLength: ROOT_BYTES,
    outputType: "binary",
  });
}
