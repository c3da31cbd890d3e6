// Argon2id in headless Chromium: hash-wasm vs @noble/hashes at the vault's parameters,
// then the real unlock path (worker + HKDF + unwrap + opening an empty journal).
import { argon2id as nobleArgon2id } from "@noble/hashes/argon2.js";
import { argon2id as wasmArgon2id } from "hash-wasm";
import wasmUrl from "@automerge/automerge/automerge.wasm?url";
import { DEFAULT_KDF, type KdfParams } from "../src/crypto";
import { configureAutomergeWasm } from "../src/journal";
import { createDexieStore } from "../src/storage";
import { createApp } from "../src/vault";
import { workerDeriveRoot } from "../src/workers/kdf-client";

configureAutomergeWasm(wasmUrl);
const enc = new TextEncoder();
const salt = new Uint8Array(16).fill(7);
const pass = "correct horse battery staple";

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function lib(name: "hash-wasm" | "noble", p: KdfParams, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++)
    out.push(
      await time(() =>
        name === "hash-wasm"
          ? wasmArgon2id({
              password: enc.encode(pass),
              salt,
              iterations: p.iterations,
              parallelism: p.parallelism,
              memorySize: p.memoryKiB,
              hashLength: 32,
              outputType: "binary",
            })
          : nobleArgon2id(enc.encode(pass), salt, {
              t: p.iterations,
              m: p.memoryKiB,
              p: p.parallelism,
              dkLen: 32,
            }),
      ),
    );
  return out;
}

async function unlock(runs: number): Promise<number[]> {
  const store = createDexieStore(`bench-${crypto.randomUUID()}`);
  const { vault } = createApp({ store, deriveRoot: workerDeriveRoot() });
  await vault.ready;
  await vault.create(pass);
  vault.lock();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    out.push(await time(() => vault.unlock(pass)));
    vault.lock();
  }
  await store.wipe();
  return out;
}

Object.assign(globalThis, { bench: { lib, unlock, DEFAULT_KDF } });
document.title = "ready";
