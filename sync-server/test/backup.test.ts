/**
 * Backup → restore into an EMPTY store → a client converges, on SQLite and on PostgreSQL.
 *
 * A real client (the web app's sync client in Node: vault with Argon2id, XChaCha20-Poly1305
 * envelopes, Automerge, the outbox) writes entries through a real relay. SQLite: the
 * backup CLI's online backup while the relay runs. PostgreSQL: `pg_dump -Fc` of a fresh
 * schema, `pg_restore` into a new, empty database. A relay starts on the restored store
 * (same port, as after a host move), a fresh device signs in with the passphrase and must
 * see exactly the first device's entries and messages; the first device keeps syncing.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { defaultConfig, type RelayConfig } from "../src/config.js";
import { startRelay, type Relay } from "../src/server.js";
import { DEFAULT_SCRYPT } from "../src/auth/passwords.js";
import { createBackup, restoreBackup, verifyBackup } from "../src/backup.js";
import { dropSchema, freshSchemaName, testDatabaseUrl } from "./pg.js";

const run = promisify(execFile);
const PASS = "lantern orchard quiet river";

/**
 * The web app's whole Node client (web/src/sync/testing/node-app.ts), loaded by a computed
 * path so this package's typecheck (no DOM types) does not compile the web app; the shape
 * below is the part this test uses.
 */
interface Client {
  vault: { ready: Promise<unknown>; create(passphrase: string): Promise<unknown> };
  sync: {
    signUp(username: string): Promise<void>;
    signIn(username: string, passphrase: string): Promise<void>;
    idle(): Promise<void>;
    retry(): void;
    status(): { phase: string };
  };
  journal: {
    create(title: string): Promise<string>;
    addMessage(id: string, m: { sender: "user" | "guide"; text: string }): Promise<unknown>;
    remove(id: string): Promise<unknown>;
    list(): { id: string }[];
    get(id: string): Promise<{ title: string; messages: { sender: string; text: string }[] }>;
  };
}
const WEB = new URL("../../web/src/", import.meta.url).pathname;
// The Node build of Automerge initialises the WASM that the client's slim import shares.
await import(/* @vite-ignore */ `${WEB}journal/automerge-node-setup.ts`);
const { nodeClient } = (await import(/* @vite-ignore */ `${WEB}sync/testing/node-app.ts`)) as {
  nodeClient: (baseUrl: string) => Client;
};
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tempDir(prefix: string) {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function relayOn(config: Partial<RelayConfig>): Promise<Relay> {
  const r = await startRelay(
    defaultConfig({ port: 0, log: false, scrypt: { ...DEFAULT_SCRYPT, logN: 10 }, ...config }),
  );
  cleanups.push(() => r.close());
  return r;
}

async function settle(...cs: Client[]) {
  for (let i = 0; i < 2; i++)
    for (const c of cs) {
      c.sync.retry();
      await c.sync.idle();
    }
}

/** A journal of a few entries with messages; one entry deleted (its tombstone must restore too). */
async function writeJournal(a: Client) {
  for (let e = 0; e < 4; e++) {
    const id = await a.journal.create(`Entry ${e} ${randomBytes(3).toString("hex")}`);
    for (let m = 0; m < 5; m++)
      await a.journal.addMessage(id, {
        sender: m % 2 ? "guide" : "user",
        text: `message ${e}.${m} ✓ ünïcode`,
      });
    if (e === 3) await a.journal.remove(id);
  }
  await settle(a);
  expect(a.sync.status().phase).toBe("synced");
}

/** What a person sees: every entry's title and messages, order-independent across entries. */
async function view(c: Client) {
  const out = [];
  for (const e of c.journal.list()) {
    const doc = await c.journal.get(e.id);
    out.push({ id: e.id, title: doc.title, messages: doc.messages.map((m) => `${m.sender}:${m.text}`) });
  }
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

async function firstDevice(url: string) {
  const a = nodeClient(url);
  await a.vault.ready;
  await a.vault.create(PASS);
  const name = `backup${randomBytes(4).toString("hex")}`;
  await a.sync.signUp(name);
  await a.sync.idle();
  await writeJournal(a);
  return { a, name, before: await view(a) };
}

/** A fresh device signs in on the restored relay: it must converge to `before`; A keeps syncing. */
async function provesRestore(url: string, a: Client, name: string, before: Awaited<ReturnType<typeof view>>) {
  expect(before.length).toBe(3);
  const b = nodeClient(url);
  await b.vault.ready;
  // The relay was restarted on this port: fetch's pool may still hold a keep-alive socket
  // the old process closed, and a POST on it fails as "can't reach". A person taps again.
  await b.sync.signIn(name, PASS).catch(async (e: Error) => {
    if (!/reach the sync server/.test(e.message)) throw e;
    await b.sync.signIn(name, PASS);
  });
  await b.sync.idle();
  expect(b.sync.status().phase).toBe("synced");
  expect(await view(b)).toEqual(before);
  // The first device carries on against the restored relay, both ways.
  const id = before[0]!.id;
  await a.journal.addMessage(id, { sender: "user", text: "written after the restore" });
  await b.journal.addMessage(before[1]!.id, { sender: "user", text: "from the new device" });
  await settle(a, b);
  expect(await view(b)).toEqual(await view(a));
  expect((await view(b)).find((e) => e.id === id)!.messages).toContain("user:written after the restore");
}

describe("backup and restore", () => {
  it("SQLite: online backup while the relay runs → restore into an empty data dir → a client converges", async () => {
    const data = tempDir("ventwell-bk-data-");
    const relay1 = await relayOn({ dataDir: data });
    const { a, name, before } = await firstDevice(relay1.url);
    // The newest commits live in the WAL: a plain copy of relay.sqlite would miss them.
    expect(statSync(path.join(data, "relay.sqlite-wal")).size).toBeGreaterThan(0);

    const backupDir = path.join(tempDir("ventwell-bk-"), "b1");
    const summary = await createBackup(data, backupDir);
    expect(summary).toMatchObject({ users: 1, secret: true });
    expect(summary.liveChunks).toBeGreaterThan(0);
    expect(readdirSync(backupDir).sort()).toEqual(["backup.json", "relay-secret", "relay.sqlite"]);
    expect(verifyBackup(backupDir)).toMatchObject({ users: 1, chunks: summary.chunks });
    await expect(createBackup(data, backupDir)).rejects.toThrow(/not empty/);
    await relay1.close();

    // Restore refuses a used data dir, and fills an empty one.
    const used = tempDir("ventwell-bk-used-");
    writeFileSync(path.join(used, "something"), "x");
    expect(() => restoreBackup(backupDir, used)).toThrow(/not empty/);
    const fresh = path.join(tempDir("ventwell-bk-restored-"), "data");
    restoreBackup(backupDir, fresh);
    expect(readdirSync(fresh).sort()).toEqual(["relay-secret", "relay.sqlite"]);

    const relay2 = await relayOn({ dataDir: fresh, port: relay1.port });
    expect(relay2.url).toBe(relay1.url);
    await provesRestore(relay2.url, a, name, before);
  });

  it("a corrupted backup fails verification and is not restored", async () => {
    const data = tempDir("ventwell-bk-data-");
    const relay = await relayOn({ dataDir: data });
    await firstDevice(relay.url);
    const backupDir = path.join(tempDir("ventwell-bk-"), "b");
    await createBackup(data, backupDir);
    await relay.close();
    const file = path.join(backupDir, "relay.sqlite");
    const size = statSync(file).size;
    // Overwrite the middle pages with junk (past the header, so it still opens).
    const { openSync, writeSync, closeSync } = await import("node:fs");
    const fd = openSync(file, "r+");
    writeSync(fd, randomBytes(Math.floor(size / 2)), 0, Math.floor(size / 2), 4096);
    closeSync(fd);
    const target = path.join(tempDir("ventwell-bk-restored-"), "data");
    expect(() => restoreBackup(backupDir, target)).toThrow();
    expect(existsSync(path.join(target, "relay.sqlite"))).toBe(false);
  });

  it("PostgreSQL: pg_dump → pg_restore into a new empty database → a client converges", async () => {
    const adminUrl = testDatabaseUrl();
    const schema = freshSchemaName();
    const secret = randomBytes(32).toString("base64url");
    cleanups.push(() => dropSchema(adminUrl, schema));
    const relay1 = await relayOn({ databaseUrl: adminUrl, pgSchema: schema, jwtSecret: secret });
    const { a, name, before } = await firstDevice(relay1.url);

    const dump = path.join(tempDir("ventwell-pgdump-"), "ventwell.dump");
    await run("pg_dump", ["--dbname", adminUrl, "-Fc", "-n", schema, "-f", dump]);
    await relay1.close();

    const dbName = `vw_restore_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    });
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const restoredUrl = u.toString();
    const count = async () => {
      const c = new pg.Client({ connectionString: restoredUrl });
      await c.connect();
      try {
        const r = await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1", [schema]);
        return r.rows[0].n as number;
      } finally {
        await c.end();
      }
    };
    expect(await count()).toBe(0); // empty before the restore
    await run("pg_restore", ["--dbname", restoredUrl, "--no-owner", "--exit-on-error", dump]);
    expect(await count()).toBeGreaterThanOrEqual(5);

    const relay2 = await relayOn({
      databaseUrl: restoredUrl,
      pgSchema: schema,
      jwtSecret: secret,
      port: relay1.port,
    });
    await provesRestore(relay2.url, a, name, before);
  });
});
