/** A minimal server-sent-events reader over fetch (Node 20 has no EventSource). */
export interface SseEvent {
  event: string;
  data: string;
}

export async function openEvents(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const queue: SseEvent[] = [];
  const wake = { fn: null as (() => void) | null };
  let ended = false;
  const pump = (async () => {
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev: SseEvent = { event: "message", data: "" };
          let has = false;
          for (const line of block.split("\n")) {
            if (line.startsWith("event:")) ev.event = line.slice(6).trim();
            else if (line.startsWith("data:")) {
              ev.data += line.slice(5).trim();
              has = true;
            }
          }
          if (has) queue.push(ev);
          wake.fn?.();
        }
      }
    } catch {
      /* aborted or connection lost */
    } finally {
      ended = true;
      wake.fn?.();
    }
  })();
  return {
    status: res.status,
    res,
    /** The next event, or null when the stream ended or the timeout passed. */
    async next(timeoutMs = 5000): Promise<SseEvent | null> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0 && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake.fn = resolve;
          setTimeout(resolve, Math.max(1, deadline - Date.now()));
        });
        wake.fn = null;
      }
      return queue.shift() ?? null;
    },
    get ended() {
      return ended;
    },
    close() {
      controller.abort();
      return pump;
    },
  };
}
