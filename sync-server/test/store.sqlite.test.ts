import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import { SQLITE_MIGRATIONS } from "../src/store/sqlite/migrations.js";
import { storeContract } from "./store-contract.js";
import { LEGACY_USER_INSERT, expectLegacyUserMigrated } from "./legacy-user.js";

function tempFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vw-sqlite-"));
  return {
    file: path.join(dir, "relay.sqlite"),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

storeContract("sqlite", async () => {
  const { file, cleanup } = tempFile();
  return { store: openSqliteStore(file), cleanup };
});

describe("sqlite adapter specifics", () => {
  it("uses WAL with synchronous=FULL, migrates once and keeps data across reopen", async () => {
    const { file, cleanup } = tempFile();
    const s1 = openSqliteStore(file);
    await s1.createUser(
      {
        id: "u1",
        username: "eve",
        salt: "s",
        kdf: { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 },
        authHash: "h",
        wrappedKeys: { password: "p", recovery: "r" },
      },
      1,
    );
    await s1.pushChunks(
      "u1",
      [{ id: "a", docId: "d", kind: "incremental", data: new Uint8Array([1, 2, 3]) }],
      1000,
      1,
    );
    await s1.close();
    const s2 = openSqliteStore(file);
    expect((await s2.pullChunks("u1", 0, 10, 1000)).chunks.map((c) => [...c.data])).toEqual([[1, 2, 3]]);
    await s2.close();
    const raw = new Database(file);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("SELECT version FROM schema_migrations").all()).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    raw.close();
    const probe = openSqliteStore(file) as unknown as { close(): Promise<void> };
    await probe.close();
    await cleanup();
  });
  it("migrates a version-1 database: existing users keep everything and have no recovery hash", async () => {
    const { file, cleanup } = tempFile();
    const old = new Database(file);
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    old.exec(SQLITE_MIGRATIONS[0]!.sql);
    old.prepare("INSERT INTO schema_migrations VALUES (1, 1)").run();
    old.prepare(LEGACY_USER_INSERT).run();
    old.close();
    const s = openSqliteStore(file);
    await expectLegacyUserMigrated(s);
    await s.close();
    await cleanup();
  });
  it("leaves no trace of a deleted account's chunks or salt in the database or WAL files", async () => {
    const { file, cleanup } = tempFile();
    const s = openSqliteStore(file);
    const canary = randomBytes(48);
    const salt = `canary-salt-${randomBytes(8).toString("hex")}`;
    const kdf = { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;
    await s.createUser(
      {
        id: "gone",
        username: "gone",
        salt,
        kdf,
        authHash: "h",
        wrappedKeys: { password: "p", recovery: "r" },
      },
      1,
    );
    await s.createUser(
      {
        id: "stays",
        username: "stays",
        salt: "other",
        kdf,
        authHash: "h",
        wrappedKeys: { password: "p", recovery: "r" },
      },
      1,
    );
    const chunks = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      docId: "d",
      kind: "incremental" as const,
      data: canary,
    }));
    await s.pushChunks("gone", chunks, 1 << 30, 1);
    await s.pushChunks(
      "stays",
      [{ id: "x", docId: "d", kind: "incremental", data: randomBytes(10) }],
      1 << 30,
      1,
    );
    const files = () => [file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f));
    expect(files().some((b) => b.includes(canary))).toBe(true); // the scan can see it while it exists
    expect(await s.deleteUser("gone")).toBe(true);
    for (const bytes of files()) {
      expect(bytes.includes(canary)).toBe(false);
      expect(bytes.includes(Buffer.from(salt))).toBe(false);
    }
    expect((await s.pullChunks("stays", 0, 10, 1 << 20)).chunks).toHaveLength(1);
    await s.close();
    await cleanup();
  });
});
