/**
 * The chunk log on PostgreSQL: pushes serialise per user on the user's row lock (seqs
 * commit in order); pulls read sizes first so a page never loads more than it returns.
 */
import type pg from "pg";
import { CHUNK_OVERHEAD_BYTES, type ChunkKind } from "@ventwell/shared";
import type { NewChunk, PullPage, PushResult, StoredChunk } from "../types.js";

/** Runs `fn` in one transaction (`begin` picks the isolation level). */
export type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>, begin?: string) => Promise<T>;

class QuotaExceeded extends Error {
  constructor(
    readonly usageBytes: number,
    readonly quotaBytes: number,
  ) {
    super("quota");
  }
}

export async function pushChunks(
  tx: Tx,
  userId: string,
  chunks: NewChunk[],
  quotaBytes: number,
  now: number,
): Promise<PushResult> {
  try {
    return await tx(async (c) => {
      // The row lock serialises this user's pushes: seqs are assigned and committed in order.
      const u = await c.query("SELECT head_seq, usage_bytes FROM users WHERE id = $1 FOR UPDATE", [userId]);
      if (!u.rows[0]) return { ok: false, reason: "no_user" } as const;
      let head = Number(u.rows[0].head_seq);
      let usage = Number(u.rows[0].usage_bytes);
      const known = new Map<string, number>();
      const ex = await c.query("SELECT id, seq FROM chunks WHERE user_id = $1 AND id = ANY($2::text[])", [
        userId,
        chunks.map((x) => x.id),
      ]);
      for (const r of ex.rows) known.set(r.id, Number(r.seq));
      const accepted: { id: string; seq: number }[] = [];
      const fresh: (NewChunk & { seq: number })[] = [];
      for (const ch of chunks) {
        const seq = known.get(ch.id);
        if (seq !== undefined) {
          accepted.push({ id: ch.id, seq });
          continue;
        }
        head += 1;
        known.set(ch.id, head);
        fresh.push({ ...ch, seq: head });
        accepted.push({ id: ch.id, seq: head });
        usage += ch.data.byteLength + CHUNK_OVERHEAD_BYTES;
      }
      if (fresh.length > 0) {
        await c.query(
          `INSERT INTO chunks (user_id, id, doc_id, kind, seq, data, size, created_at)
             SELECT $1, x.id, x.doc_id, x.kind, x.seq, x.data, x.size, $8
             FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bytea[], $7::int[]) AS x(id, doc_id, kind, seq, data, size)`,
          [
            userId,
            fresh.map((x) => x.id),
            fresh.map((x) => x.docId),
            fresh.map((x) => x.kind),
            fresh.map((x) => x.seq),
            fresh.map((x) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength)),
            fresh.map((x) => x.data.byteLength),
            now,
          ],
        );
      }
      const repIds: string[] = [];
      const repDocs: string[] = [];
      for (const ch of fresh) {
        for (const r of ch.replaces ?? []) {
          if (r === ch.id) continue;
          repIds.push(r);
          repDocs.push(ch.docId);
        }
      }
      if (repIds.length > 0) {
        const gone = await c.query(
          `WITH r AS (SELECT DISTINCT * FROM unnest($2::text[], $3::text[]) AS r(id, doc_id)),
                  old AS (SELECT c.id, c.size FROM chunks c JOIN r ON c.id = r.id AND c.doc_id = r.doc_id
                          WHERE c.user_id = $1 AND c.data IS NOT NULL)
             UPDATE chunks SET data = NULL, size = 0 FROM old WHERE chunks.user_id = $1 AND chunks.id = old.id
             RETURNING old.size`,
          [userId, repIds, repDocs],
        );
        for (const r of gone.rows) usage -= Number(r.size);
      }
      if (usage > quotaBytes) throw new QuotaExceeded(usage, quotaBytes);
      await c.query("UPDATE users SET head_seq = $1, usage_bytes = $2 WHERE id = $3", [head, usage, userId]);
      return { ok: true, accepted, cursor: head, newChunks: fresh.length } as const;
    });
  } catch (e) {
    if (e instanceof QuotaExceeded)
      return { ok: false, reason: "quota", usageBytes: e.usageBytes, quotaBytes: e.quotaBytes };
    throw e;
  }
}

export async function pullChunks(
  tx: Tx,
  userId: string,
  since: number,
  limit: number,
  maxBytes: number,
): Promise<PullPage> {
  return tx(async (c) => {
    const h = await c.query("SELECT head_seq FROM users WHERE id = $1", [userId]);
    const head = Number(h.rows[0]?.head_seq ?? 0);
    // Sizes first, data only for the rows that fit the page: a page never reads ~limit MiB.
    const meta = await c.query(
      "SELECT seq, size FROM chunks WHERE user_id = $1 AND seq > $2 AND data IS NOT NULL ORDER BY seq LIMIT $3",
      [userId, since, limit + 1],
    );
    const seqs: number[] = [];
    let bytes = 0;
    let more = false;
    for (const r of meta.rows) {
      const size = Number(r.size);
      if (seqs.length >= limit || (seqs.length > 0 && bytes + size > maxBytes)) {
        more = true;
        break;
      }
      bytes += size;
      seqs.push(Number(r.seq));
    }
    let chunks: StoredChunk[] = [];
    if (seqs.length > 0) {
      const d = await c.query(
        "SELECT id, doc_id, kind, seq, data FROM chunks WHERE user_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq",
        [userId, seqs],
      );
      chunks = d.rows.map((r) => ({
        id: r.id,
        docId: r.doc_id,
        kind: r.kind as ChunkKind,
        seq: Number(r.seq),
        data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
      }));
    }
    const last = chunks.at(-1)?.seq ?? since;
    return { chunks, more, cursor: more ? last : Math.max(since, head) };
  }, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}
