/** A whole client (vault + journal + sync) on a memory store, in Node, against a relay URL. */
import { createApp, type AppDeps } from "../../vault";
import { inlineDeriveRoot } from "../../workers/kdf-client";
import { createSync, type SyncDeps } from "../sync";
import { createMemoryStore } from "./memory-store";

export function nodeClient(baseUrl: string, extra: Partial<SyncDeps> = {}, app: Partial<AppDeps> = {}) {
  const store = createMemoryStore();
  const deriveRoot = inlineDeriveRoot();
  const { vault, journal } = createApp({ store, deriveRoot, prefetch: false, ...app });
  const sync = createSync({
    store,
    vault,
    journal,
    deriveRoot,
    baseUrl,
    useTabLock: false,
    periodMs: 3_600_000,
    ...extra,
  });
  return { store, vault, journal, sync };
}
