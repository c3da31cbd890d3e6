/**
 * Tabs of the app on one device share one IndexedDB database: each announces the documents
 * it wrote (ids only, never content) so the others merge them, and a wipe resets them all.
 */
export type TabMessage = { type: "chunks"; docIds: string[] } | { type: "wiped" };

/** Returns `announce`; a no-op where BroadcastChannel does not exist (Node tests). */
export function connectTabs(dbName: string, onMessage: (msg: TabMessage) => void): (msg: TabMessage) => void {
  if (typeof BroadcastChannel !== "function") return () => undefined;
  const channel = new BroadcastChannel(`ventwell:${dbName}`);
  channel.onmessage = (e: MessageEvent<TabMessage>) => onMessage(e.data);
  return (msg) => channel.postMessage(msg);
}
