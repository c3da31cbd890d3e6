/**
 * The real relay CLI (sync-server/src/cli.ts) as a child process for tests and benchmarks:
 * its own temp data dir and port, so a test can kill -9 it, restart it on the same port
 * and data dir, and read its SQLite files. Node only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export interface RelayProcess {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

export interface RelayOptions {
  dataDir?: string;
  port?: number;
  /** Serve the built web app (web/dist) from the relay, as `pnpm start` does. */
  webDist?: boolean;
  env?: Record<string, string>;
}

export async function startRelayProcess(opts: RelayOptions = {}): Promise<RelayProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "ventwell-relay-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(opts.port ?? 0),
    HOST: "127.0.0.1",
    VENTWELL_DATA_DIR: dataDir,
    VENTWELL_LOG: "off",
    ...opts.env,
  };
  if (opts.webDist) env.VENTWELL_WEB_DIST = path.join(REPO, "web/dist");
  // node --import tsx (one process), not `pnpm exec tsx`: kill -9 must hit the relay itself.
  const proc = spawn(process.execPath, ["--import", "tsx", "sync-server/src/cli.ts"], {
    cwd: REPO,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | string>((resolve) =>
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "?")),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = out.match(/relay: listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/$/, ""));
      }
    };
    proc.stdout!.on("data", check);
    proc.stderr!.on("data", check);
    void exited.then((code) => reject(new Error(`relay exited (${code}) before listening:\n${out}`)));
  });
  return { url, port: Number(new URL(url).port), dataDir, proc, output: () => out, exited };
}

export async function stopRelay(r: RelayProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill(signal);
  await r.exited;
}

/** Every file of the relay's data directory (SQLite db, WAL, shm, secrets) as raw bytes. */
export function relayFiles(dataDir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dataDir).map((name) => ({ name, bytes: readFileSync(path.join(dataDir, name)) }));
}

/** Names of the data-dir files whose raw bytes contain `needle` (UTF-8 or UTF-16LE). */
export function filesContaining(dataDir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, "utf8"), Buffer.from(needle, "utf16le")];
  return relayFiles(dataDir)
    .filter((f) => forms.some((n) => f.bytes.includes(n)))
    .map((f) => f.name);
}

/**
 * The relay's chunk rows (read-only, straight from SQLite). `live` is false for a chunk a
 * snapshot/tombstone replaced: the relay keeps its id and seq (idempotency) but drops the data.
 */
export function relayChunks(
  dataDir: string,
): { id: string; doc_id: string; kind: string; seq: number; live: number }[] {
  const require = createRequire(path.join(REPO, "sync-server/package.json"));
  type Db = { prepare(sql: string): { all(): unknown[] }; close(): void };
  const Database = require("better-sqlite3") as new (file: string, opts: object) => Db;
  const db = new Database(path.join(dataDir, "relay.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT id, doc_id, kind, seq, data IS NOT NULL AS live FROM chunks ORDER BY seq")
      .all() as {
      id: string;
      doc_id: string;
      kind: string;
      seq: number;
      live: number;
    }[];
  } finally {
    db.close();
  }
}

export function removeDataDir(dataDir: string) {
  rmSync(dataDir, { recursive: true, force: true });
}
