/**
 * Automerge, loaded "slim": the browser fetches the WASM as a separate, cacheable file
 * instead of a 4.8 MB base64 string in the bundle. Node tests load the Node build, which
 * initialises the same shared module.
 */
import * as A from "@automerge/automerge/slim";

export { A };
type WasmSource = Parameters<typeof A.initializeWasm>[0];

let source: WasmSource | undefined;
let initializing: Promise<void> | undefined;

/** app-services.ts passes the bundler's URL of automerge.wasm. */
export function configureAutomergeWasm(src: WasmSource): void {
  source = src;
}

export async function ensureAutomerge(): Promise<void> {
  if (A.isWasmInitialized()) return;
  if (source === undefined) throw new Error("Automerge is not set up: call configureAutomergeWasm first.");
  initializing ??= A.initializeWasm(source).catch((err: unknown) => {
    initializing = undefined;
    throw err;
  });
  await initializing;
}
