/** Vitest fixture: one real relay CLI per test file (started before, removed after). */
import { afterAll, beforeAll } from "vitest";
import { removeDataDir, startRelayProcess, stopRelay, type RelayProcess } from "./relay-process";
import { nodeClient } from "./node-app";

/** Returns the running relay (valid inside tests). Cheap scrypt: these tests are about the client. */
export function useTestRelay(): () => RelayProcess {
  let relay: RelayProcess | undefined;
  beforeAll(async () => {
    relay = await startRelayProcess({ env: { VENTWELL_SCRYPT_LOG_N: "10" } });
  });
  afterAll(async () => {
    if (!relay) return;
    await stopRelay(relay);
    removeDataDir(relay.dataDir);
  });
  return () => {
    if (!relay) throw new Error("the test relay is not running");
    return relay;
  };
}

export const randomUsername = () => `u${Math.random().toString(36).slice(2, 10)}`;

/** A whole client against `relay` whose vault record has been read. */
export async function freshClient(relay: RelayProcess) {
  const c = nodeClient(relay.url);
  await c.vault.ready;
  return c;
}
