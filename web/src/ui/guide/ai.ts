// The app's one AI client (worker created lazily) and a React binding for its status.
import { useSyncExternalStore } from "react";
import { createAppAiClient, type AiClient, type AiStatus } from "../../ai/client";

let client: AiClient | null = null;

export function aiClient(): AiClient {
  client ??= createAppAiClient();
  return client;
}

export function useAiStatus(): AiStatus {
  const c = aiClient();
  return useSyncExternalStore((l) => {
    const off = c.subscribe(l);
    return () => void off();
  }, c.status);
}
