/** /v1/sync/*: push chunks, pull since a cursor, and a server-sent-events stream of cursors. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { MiB, PULL_PAGE_BYTES, PullQuery, PullResponse, PushRequest, PushResponse } from "@ventwell/shared";
import type { NewChunk } from "../store/types.js";
import { type Deps, type RelayEnv, hookOptions, requireAuth } from "./context.js";
import { errorResponse, errorResponses } from "./errors.js";

const bearer = [{ bearerAuth: [] }];
const MAX_STREAMS_PER_USER = 20;
const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

export function syncRoutes(deps: Deps) {
  const app = new OpenAPIHono<RelayEnv>(hookOptions);
  const { store, bus, config, metrics } = deps;
  const auth = requireAuth(deps);
  // Open event streams per user on this instance: a runaway client cannot hold thousands.
  const streamsByUser = new Map<string, number>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/sync/push",
      summary: "Append encrypted chunks (idempotent on chunk id)",
      middleware: [auth],
      security: bearer,
      request: { body: { content: { "application/json": { schema: PushRequest } }, required: true } },
      responses: {
        200: {
          content: { "application/json": { schema: PushResponse } },
          description: "Stored durably; seqs per chunk",
        },
        ...errorResponses(400, 401, 413),
      },
    }),
    async (c) => {
      const userId = c.get("userId");
      const chunks: NewChunk[] = [];
      for (const [i, ch] of c.req.valid("json").chunks.entries()) {
        // Native decoding; re-encoding proves the input was canonical unpadded base64url.
        const data = Buffer.from(ch.data, "base64url");
        if (data.toString("base64url") !== ch.data) {
          return errorResponse(c, 400, "bad_request", `chunks.${i}.data: not canonical base64url`) as never;
        }
        chunks.push({ id: ch.id, docId: ch.docId, kind: ch.kind, data, replaces: ch.replaces });
      }
      const r = await store.pushChunks(userId, chunks, config.quotaBytes, Date.now());
      if (!r.ok && r.reason === "quota") {
        return errorResponse(
          c,
          413,
          "payload_too_large",
          `storage quota reached: this push would use ${mib(r.usageBytes)} of your ${mib(r.quotaBytes)}; nothing was stored. Compact or delete entries, then retry.`,
        ) as never;
      }
      if (!r.ok) return errorResponse(c, 401, "unauthorized", "this account no longer exists") as never;
      if (r.newChunks > 0) {
        metrics.count("chunks_pushed", r.newChunks);
        metrics.count(
          "chunk_bytes_pushed",
          chunks.reduce((n, ch) => n + ch.data.byteLength, 0),
        );
        // Durable first, then announced: a listener that pulls at once will see it.
        await bus
          .publish(userId, r.cursor)
          .catch(() => deps.log?.({ level: "warn", msg: "event publish failed" }));
      }
      return c.json({ accepted: r.accepted, cursor: r.cursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/sync/pull",
      summary: "The caller's chunks after `since`, ascending by seq, paged",
      middleware: [auth],
      security: bearer,
      request: { query: PullQuery },
      responses: {
        200: { content: { "application/json": { schema: PullResponse } }, description: "A page" },
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { since, limit } = c.req.valid("query");
      const page = await store.pullChunks(c.get("userId"), since, limit, PULL_PAGE_BYTES);
      const chunks = page.chunks.map((ch) => ({
        id: ch.id,
        docId: ch.docId,
        kind: ch.kind,
        seq: ch.seq,
        data: Buffer.from(ch.data.buffer, ch.data.byteOffset, ch.data.byteLength).toString("base64url"),
      }));
      return c.json({ chunks, cursor: page.cursor, more: page.more }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/sync/events",
      summary: "Server-sent events: `cursor` events with data {cursor} whenever the caller's log grows",
      // EventSource cannot send headers, so this one route also takes `?token=`.
      middleware: [requireAuth(deps, { allowQueryToken: true })],
      security: bearer,
      request: {
        query: z.object({
          token: z.string().optional().meta({ description: "Access token, for EventSource" }),
        }),
      },
      responses: {
        200: { content: { "text/event-stream": { schema: z.string() } }, description: "Event stream" },
        ...errorResponses(401, 429),
      },
    }),
    (c) => {
      const userId = c.get("userId");
      if ((streamsByUser.get(userId) ?? 0) >= MAX_STREAMS_PER_USER) {
        return errorResponse(
          c,
          429,
          "rate_limited",
          "too many open event streams for this account; close some tabs",
          {
            "Retry-After": "30",
          },
        ) as never;
      }
      streamsByUser.set(userId, (streamsByUser.get(userId) ?? 0) + 1);
      const familyId = c.get("familyId");
      const expiresAt = c.get("tokenExpiresAt");
      c.header("Cache-Control", "no-store");
      c.header("X-Accel-Buffering", "no");
      return streamSSE(c, async (stream) => {
        // `wake` resolves the loop's current wait; set synchronously, so no wake-up is lost.
        let wake: () => void = () => {};
        const queue: number[] = [];
        const unsubscribe = bus.subscribe(userId, (cursor) => {
          queue.push(cursor);
          wake();
        });
        const onShutdown = () => wake();
        deps.shutdown.addEventListener("abort", onShutdown);
        let open = true;
        stream.onAbort(() => {
          open = false;
          wake();
        });
        const beat = setInterval(() => {
          void (async () => {
            // Each keep-alive re-checks the session: logout or deletion ends the stream.
            // …and the token's expiry: the client reconnects with a fresh one.
            if (
              Date.now() >= expiresAt ||
              !(await store.isSessionActive(userId, familyId).catch(() => false))
            )
              open = false;
            else await stream.write(": keep-alive\n\n").catch(() => (open = false));
            wake();
          })();
        }, config.sseHeartbeatSeconds * 1000);
        try {
          await stream.writeSSE({
            event: "cursor",
            data: JSON.stringify({ cursor: await store.headSeq(userId) }),
            retry: 3000,
          });
          while (open && !deps.shutdown.aborted) {
            const cursor = queue.length ? Math.max(...queue.splice(0)) : null;
            if (cursor !== null) {
              await stream.writeSSE({ event: "cursor", data: JSON.stringify({ cursor }) });
              continue;
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        } finally {
          const left = (streamsByUser.get(userId) ?? 1) - 1;
          if (left > 0) streamsByUser.set(userId, left);
          else streamsByUser.delete(userId);
          clearInterval(beat);
          unsubscribe();
          deps.shutdown.removeEventListener("abort", onShutdown);
        }
      });
    },
  );

  return app;
}
