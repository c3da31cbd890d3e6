import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import { storeContract } from "./store-contract.js";

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
    expect(raw.prepare("SELECT version FROM schema_migrations").all()).toEqual([{ version: 1 }]);
    raw.close();
    const probe = openSqliteStore(file) as unknown as { close(): Promise<void> };
    await probe.close();
    await cleanup();
  });
});
