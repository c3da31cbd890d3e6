/// <reference lib="webworker" />
// Runs Argon2id off the main thread; the page stays responsive while ~64 MiB are hashed.
import { argon2idRoot } from "../crypto/argon2";
import { checkKdfParams, type KdfParams } from "../crypto/kdf";

export interface KdfRequest {
  passphrase: string;
  salt: Uint8Array;
  params: KdfParams;
  allowWeak?: boolean;
}
export type KdfResponse = { ok: true; root: Uint8Array } | { ok: false; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<KdfRequest>) => {
  const { passphrase, salt, params, allowWeak } = event.data;
  try {
    checkKdfParams(params, allowWeak);
    const root = await argon2idRoot(passphrase, salt, params);
    scope.postMessage({ ok: true, root } satisfies KdfResponse, [root.buffer]);
  } catch (err) {
    // The message never contains the passphrase: only our own validation text or WASM errors.
    const message = err instanceof Error ? err.message : "Key derivation failed.";
    scope.postMessage({ ok: false, message } satisfies KdfResponse);
  }
};
