/** Prometheus text metrics for this process, plus counters that live in the store. */
import type { Store } from "../store/types.js";
import type { EventBus } from "../events/bus.js";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface Metrics {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  count(
    name: "chunks_pushed" | "chunk_bytes_pushed" | "rate_limited" | "crisis_events_accepted",
    by?: number,
    label?: string,
  ): void;
  render(store: Store, bus: EventBus): Promise<string>;
}

export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const durations = new Map<string, { buckets: number[]; sum: number; count: number }>();
  const counters = new Map<string, number>();
  const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

  return {
    observeRequest(method, route, status, seconds) {
      const key = `method="${esc(method)}",route="${esc(route)}",status="${status}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const h = durations.get(route) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      BUCKETS.forEach((b, i) => {
        if (seconds <= b) h.buckets[i]!++;
      });
      h.sum += seconds;
      h.count++;
      durations.set(route, h);
    },
    count(name, by = 1, label) {
      const key = label ? `${name}{scope="${esc(label)}"}` : name;
      counters.set(key, (counters.get(key) ?? 0) + by);
    },
    async render(store, bus) {
      const out: string[] = [];
      out.push(
        "# HELP ventwell_http_requests_total HTTP requests by method, route pattern and status.",
        "# TYPE ventwell_http_requests_total counter",
      );
      for (const [k, v] of requests) out.push(`ventwell_http_requests_total{${k}} ${v}`);
      out.push(
        "# HELP ventwell_http_request_duration_seconds Request latency by route pattern.",
        "# TYPE ventwell_http_request_duration_seconds histogram",
      );
      for (const [route, h] of durations) {
        BUCKETS.forEach((b, i) =>
          out.push(
            `ventwell_http_request_duration_seconds_bucket{route="${esc(route)}",le="${b}"} ${h.buckets[i]}`,
          ),
        );
        out.push(`ventwell_http_request_duration_seconds_bucket{route="${esc(route)}",le="+Inf"} ${h.count}`);
        out.push(`ventwell_http_request_duration_seconds_sum{route="${esc(route)}"} ${h.sum}`);
        out.push(`ventwell_http_request_duration_seconds_count{route="${esc(route)}"} ${h.count}`);
      }
      const byName = new Map<string, string[]>();
      for (const [k, v] of counters) {
        const name = `ventwell_${k.split("{")[0]}_total`;
        const lines = byName.get(name) ?? [];
        lines.push(`${name}${k.includes("{") ? k.slice(k.indexOf("{")) : ""} ${v}`);
        byName.set(name, lines);
      }
      for (const [name, lines] of byName) out.push(`# TYPE ${name} counter`, ...lines);
      out.push(
        "# HELP ventwell_crisis_events_total Anonymous opt-in crisis events, all instances (from the store).",
        "# TYPE ventwell_crisis_events_total counter",
      );
      // The version is client-sent: show the 20 most frequent, fold the rest into "other".
      const totals = (await store.crisisEventTotals()).sort((a, b) => b.count - a.count);
      const other = totals.slice(20).reduce((n, t) => n + t.count, 0);
      for (const t of totals.slice(0, 20))
        out.push(`ventwell_crisis_events_total{model_version="${esc(t.modelVersion)}"} ${t.count}`);
      if (other) out.push(`ventwell_crisis_events_total{model_version="other"} ${other}`);
      out.push("# TYPE ventwell_sse_clients gauge", `ventwell_sse_clients ${bus.listenerCount()}`);
      const mem = process.memoryUsage();
      out.push("# TYPE process_resident_memory_bytes gauge", `process_resident_memory_bytes ${mem.rss}`);
      out.push("# TYPE nodejs_heap_used_bytes gauge", `nodejs_heap_used_bytes ${mem.heapUsed}`);
      out.push("# TYPE ventwell_store_info gauge", `ventwell_store_info{kind="${store.kind}"} 1`);
      return out.join("\n") + "\n";
    },
  };
}
