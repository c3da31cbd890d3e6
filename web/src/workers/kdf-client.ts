/**
 * `deriveRoot` for the browser: one short-lived worker per derivation, terminated after,
 * so the 64 MiB of Argon2id memory is returned at once.
 *
 * @remarks hash-wasm reports no progress, so this reports stages honestly: "deriving"
 * (indeterminate) until Argon2id finishes, then the caller reports the fast remaining steps.
 */
import { checkKdfParams, type KdfParams } from "../crypto/kdf";
import type { ProgressFn } from "../app-contract";
import type { KdfRequest, KdfResponse } from "./kdf.worker";

export type DeriveRoot = (
  passphrase: string,
  salt: Uint8Array,
  params: KdfParams,
  onProgress?: ProgressFn,
) => Promise<Uint8Array>;

export interface DeriveOptions {
  /** Tests only: allow parameters below the design's floor (fast vectors). */
  allowWeak?: boolean;
}

export function workerDeriveRoot(opts: DeriveOptions = {}): DeriveRoot {
  return (passphrase, salt, params, onProgress) =>
    new Promise<Uint8Array>((resolve, reject) => {
      onProgress?.(0, { stage: "deriving", indeterminate: true });
      const worker = new Worker(new URL("./kdf.worker.ts", import.meta.url), {
        type: "module",
        name: "ventwell-kdf",
      });
      const done = () => worker.terminate();
      worker.onmessage = (e: MessageEvent<KdfResponse>) => {
        done();
        if (e.data.ok) resolve(e.data.root);
        else reject(new Error(e.data.message));
      };
      worker.onerror = (e) => {
        done();
        e.preventDefault();
        // A browser that cannot start module workers still unlocks, on this thread (the page
        // pauses for the derivation instead of showing progress).
        inlineDeriveRoot(opts)(passphrase, salt, params).then(resolve, reject);
      };
      const request: KdfRequest = { passphrase, salt, params, allowWeak: opts.allowWeak };
      worker.postMessage(request);
    });
}

/** Same contract on the calling thread: Node tests, and a fallback where Workers are missing. */
export function inlineDeriveRoot(opts: DeriveOptions = {}): DeriveRoot {
  return async (passphrase, salt, params, onProgress) => {
    checkKdfParams(params, opts.allowWeak);
    onProgress?.(0, { stage: "deriving", indeterminate: true });
    const { argon2idRoot } = await import("../crypto/argon2");
    return argon2idRoot(passphrase, salt, params);
  };
}

export const defaultDeriveRoot = (opts: DeriveOptions = {}): DeriveRoot =>
  typeof Worker === "function" ? workerDeriveRoot(opts) : inlineDeriveRoot(opts);
