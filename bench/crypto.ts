/**
 * Envelope (XChaCha20-Poly1305 via @noble/ciphers, AD-bound) encrypt/decrypt throughput
 * against WebCrypto AES-256-GCM (native) in the same process and run, as a ratio.
 *   node --import tsx bench/crypto.ts [--runs 5] [--mib 16]
 * Prints one JSON line.
 */
import { randomBytes, webcrypto } from "node:crypto";
import { open, seal, type EnvelopeContext } from "../web/src/crypto/envelope";

const args = process.argv.slice(2);
const opt = (k: string, d: number) =>
  args.includes(`--${k}`) ? Number(args[args.indexOf(`--${k}`) + 1]) : d;
const RUNS = opt("runs", 5);
const MIB = opt("mib", 16);
const SIZES = [1024, 64 * 1024]; // a typical Automerge change, and a snapshot
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ctx: EnvelopeContext = { accountId: "acct", docId: "doc", chunkId: "chunk", kind: "incremental" };

async function measure(size: number) {
  const n = Math.max(8, Math.round((MIB * 1024 * 1024) / size));
  const key = randomBytes(32);
  const msgs = Array.from({ length: 16 }, () => randomBytes(size));
  const aesKey = await webcrypto.subtle.importKey("raw", randomBytes(32), "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  const aad = new Uint8Array(40);
  const mibps = (ms: number) => (n * size) / 1024 / 1024 / (ms / 1000);
  const runs = {
    envSeal: [] as number[],
    envOpen: [] as number[],
    aesEnc: [] as number[],
    aesDec: [] as number[],
  };
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    const sealed: Uint8Array[] = [];
    for (let i = 0; i < n; i++) sealed.push(seal(key, msgs[i % 16]!, ctx));
    runs.envSeal.push(mibps(performance.now() - t));
    t = performance.now();
    for (let i = 0; i < n; i++) open(key, sealed[i]!, ctx);
    runs.envOpen.push(mibps(performance.now() - t));
    const ivs = Array.from({ length: n }, () => randomBytes(12));
    t = performance.now();
    const enc: ArrayBuffer[] = [];
    for (let i = 0; i < n; i++)
      enc.push(
        await webcrypto.subtle.encrypt(
          { name: "AES-GCM", iv: ivs[i]!, additionalData: aad },
          aesKey,
          msgs[i % 16]!,
        ),
      );
    runs.aesEnc.push(mibps(performance.now() - t));
    t = performance.now();
    for (let i = 0; i < n; i++)
      await webcrypto.subtle.decrypt({ name: "AES-GCM", iv: ivs[i]!, additionalData: aad }, aesKey, enc[i]!);
    runs.aesDec.push(mibps(performance.now() - t));
  }
  const m = Object.fromEntries(
    Object.entries(runs).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]),
  ) as Record<keyof typeof runs, number>;
  return {
    bytes: size,
    messagesPerRun: n,
    envelopeSealMiBps: m.envSeal,
    envelopeOpenMiBps: m.envOpen,
    webcryptoAesGcmEncryptMiBps: m.aesEnc,
    webcryptoAesGcmDecryptMiBps: m.aesDec,
    sealVsAesRatio: Math.round((m.envSeal / m.aesEnc) * 100) / 100,
    openVsAesRatio: Math.round((m.envOpen / m.aesDec) * 100) / 100,
  };
}

const out = [];
for (const s of SIZES) out.push(await measure(s));
console.log(JSON.stringify({ runs: RUNS, runtime: `node ${process.version}`, sizes: out }));
