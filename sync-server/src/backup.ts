/**
 * Backups of the embedded (SQLite) relay store — `pnpm --filter @ventwell/sync-server backup`:
 *
 *   backup create  <dataDir> <backupDir>   online, consistent copy while the relay runs
 *   backup verify  <backupDir>             integrity check + row counts
 *   backup restore <backupDir> <dataDir>   into an EMPTY data directory (relay stopped)
 *
 * `create` uses SQLite's online backup API (better-sqlite3 `db.backup`), which copies a
 * consistent snapshot that includes committed transactions still in the WAL — copying
 * `relay.sqlite` with `cp` while the relay runs would not. The relay secret (`relay-secret`)
 * is copied too: without it, restored sessions end and devices sign in again silently.
 * PostgreSQL deployments use pg_dump / pg_restore instead (deploy/README.md).
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SECRET_FILE } from "./auth/secrets.js";

export const DB_FILE = "relay.sqlite";
export const MANIFEST = "backup.json";

export interface BackupSummary {
  createdAt: string;
  users: number;
  chunks: number;
  liveChunks: number;
  bytes: number;
  secret: boolean;
}

function summarize(file: string): Omit<BackupSummary, "createdAt" | "secret"> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const ok = db.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`backup: ${file} failed its integrity check: ${String(ok)}`);
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
    return {
      users: one("SELECT COUNT(*) AS n FROM users"),
      chunks: one("SELECT COUNT(*) AS n FROM chunks"),
      liveChunks: one("SELECT COUNT(*) AS n FROM chunks WHERE data IS NOT NULL"),
      bytes: one("SELECT SUM(size) AS n FROM chunks"),
    };
  } finally {
    db.close();
  }
}

/** Online backup of `dataDir/relay.sqlite` (+ secret) into a new or empty `backupDir`. */
export async function createBackup(dataDir: string, backupDir: string): Promise<BackupSummary> {
  const source = path.join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`backup: no ${DB_FILE} in ${dataDir}`);
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  if (readdirSync(backupDir).length) throw new Error(`backup: ${backupDir} is not empty`);
  const target = path.join(backupDir, DB_FILE);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(target);
  } finally {
    db.close();
  }
  chmodSync(target, 0o600);
  const secret = existsSync(path.join(dataDir, SECRET_FILE));
  if (secret) {
    copyFileSync(path.join(dataDir, SECRET_FILE), path.join(backupDir, SECRET_FILE));
    chmodSync(path.join(backupDir, SECRET_FILE), 0o600);
  }
  const summary: BackupSummary = { createdAt: new Date().toISOString(), ...summarize(target), secret };
  writeFileSync(path.join(backupDir, MANIFEST), JSON.stringify(summary, null, 2) + "\n", { mode: 0o600 });
  return summary;
}

export function verifyBackup(backupDir: string): Omit<BackupSummary, "createdAt"> {
  return {
    ...summarize(path.join(backupDir, DB_FILE)),
    secret: existsSync(path.join(backupDir, SECRET_FILE)),
  };
}

/** Copies a verified backup into an empty data directory. Stop the relay first. */
export function restoreBackup(backupDir: string, dataDir: string): Omit<BackupSummary, "createdAt"> {
  const summary = verifyBackup(backupDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (readdirSync(dataDir).length)
    throw new Error(`backup: ${dataDir} is not empty; restore only into an empty data directory`);
  for (const name of [DB_FILE, ...(summary.secret ? [SECRET_FILE] : [])]) {
    copyFileSync(path.join(backupDir, name), path.join(dataDir, name));
    chmodSync(path.join(dataDir, name), 0o600);
  }
  return summary;
}

async function main(argv: string[]) {
  const [cmd, a, b] = argv;
  const usage =
    "usage: backup create <dataDir> <backupDir> | verify <backupDir> | restore <backupDir> <dataDir>";
  let out: unknown;
  if (cmd === "create" && a && b) out = await createBackup(a, b);
  else if (cmd === "verify" && a) out = verifyBackup(a);
  else if (cmd === "restore" && a && b) out = restoreBackup(a, b);
  else {
    console.error(usage);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

// Run as a CLI (tsx src/backup.ts, or the bundled backup.mjs), not when imported by tests.
const entry = process.argv[1] ? path.basename(process.argv[1]) : "";
if (entry === "backup.ts" || entry === "backup.mjs") {
  main(process.argv.slice(2)).catch((e) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
