/** The sync seam: createSync (logic) and its types; the app's singleton is in service.ts. */
export { createSync, type SyncDeps } from "./sync";
export { createRelayClient, type RelayClient, type RelayError, type Result } from "./api-client";
export { SyncError, type SyncControl, type SyncPhase, type SyncStatus, type SyncRecord } from "./types";
