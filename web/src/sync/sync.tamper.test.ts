/**
 * A malicious relay (issue 7): a small HTTP proxy in front of the real relay CLI rewrites
 * pull pages for device B — flips bytes, swaps chunk data between documents, re-labels a
 * chunk's document, replays an old chunk under a new id or its own, drops chunks. B (the
 * real client: vault, journal, crypto, Automerge, sync engine, in Node) must refuse every
 * envelope that fails authentication, keep its local journal exactly as it was, and show
 * a clear sync error. Device A talks to the relay directly and writes the data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { nodeClient } from "./testing/node-app";
import { removeDataDir, startRelayProcess, stopRelay, type RelayProcess } from "./testing/relay-process";

const PASS = "quiet harbour lantern morning";
type PulledChunk = { id: string; docId: string; kind: string; seq: number; data: string };
type Tamper = (chunks: PulledChunk[]) => PulledChunk[];

let relay: RelayProcess;
let proxy: http.Server;
let proxyUrl: string;
let tamper: Tamper | null = null;
/** Every chunk the proxy has passed on (for replays). */
const history: PulledChunk[] = [];

beforeAll(async () => {
  relay = await startRelayProcess({ env: { VENTWELL_SCRYPT_LOG_N: "10" } });
  const target = new URL(relay.url);
  proxy = http.createServer((req, res) => {
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (upRes) => {
        const isPull = req.url?.startsWith("/v1/sync/pull") && upRes.statusCode === 200;
        if (!isPull) {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        upRes.on("data", (d) => parts.push(d));
        upRes.on("end", () => {
          const page = JSON.parse(Buffer.concat(parts).toString()) as { chunks: PulledChunk[] };
          const honest = page.chunks.map((c) => ({ ...c }));
          if (tamper && page.chunks.length) page.chunks = tamper(page.chunks);
          history.push(...honest);
          const body = JSON.stringify(page);
          const headers = { ...upRes.headers, "content-length": String(Buffer.byteLength(body)) };
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
});

const flip = (b64: string, at = 30) => {
  const bytes = Buffer.from(b64, "base64url");
  bytes[Math.min(at, bytes.length - 1)]! ^= 0x01;
  return bytes.toString("base64url");
};

/** B's whole journal as plain data: titles and every entry's messages. */
async function journalOf(c: ReturnType<typeof nodeClient>) {
  const out: Record<string, string[]> = {};
  for (const e of c.journal.list()) out[e.title] = (await c.journal.get(e.id)).messages.map((m) => m.text);
  return out;
}

async function setup() {
  const a = nodeClient(relay.url);
  const b = nodeClient(proxyUrl);
  await a.vault.ready;
  await b.vault.ready;
  await a.vault.create(PASS);
  const name = `t${Math.random().toString(36).slice(2, 10)}`;
  await a.sync.signUp(name);
  const one = await a.journal.create("First entry");
  await a.journal.addMessage(one, { sender: "user", text: "first message" });
  const two = await a.journal.create("Second entry");
  await a.journal.addMessage(two, { sender: "user", text: "second message" });
  a.sync.retry();
  await a.sync.idle();
  tamper = null;
  await b.sync.signIn(name, PASS);
  await b.sync.idle();
  expect(await journalOf(b)).toEqual({
    "First entry": ["first message"],
    "Second entry": ["second message"],
  });
  return { a, b, one, two, name };
}

async function roundOnB(b: ReturnType<typeof nodeClient>) {
  b.sync.retry();
  await b.sync.idle();
}

describe("a relay that tampers with pulled chunks", () => {
  // One pair of devices for every case (sign-up and sign-in cost an Argon2id each).
  let a: ReturnType<typeof nodeClient>;
  let b: ReturnType<typeof nodeClient>;
  let one: string;
  let two: string;
  let name: string;
  beforeAll(async () => {
    ({ a, b, one, two, name } = await setup());
  }, 120_000);

  /** A writes to both entries, then B pulls through the tampering relay. */
  async function attack(t: Tamper) {
    const before = await journalOf(b);
    const storedBefore = (await b.store.dumpAll()).chunks?.length;
    await a.journal.addMessage(one, { sender: "user", text: `new on A ${Math.random()}` });
    await a.journal.addMessage(two, { sender: "user", text: `new on A ${Math.random()}` });
    a.sync.retry();
    await a.sync.idle();
    tamper = t;
    await roundOnB(b);
    tamper = null;
    return { before, storedBefore };
  }

  const rotate = (cs: PulledChunk[]) => cs.map((c, i) => ({ ...c, data: cs[(i + 1) % cs.length]!.data }));
  const cases: [string, () => Tamper][] = [
    [
      "flips a byte in the ciphertext or in the tag",
      () => (cs) => cs.map((c, i) => ({ ...c, data: flip(c.data, i % 2 ? 30 : 10_000) })),
    ],
    [
      "swaps chunk data between documents and chunks",
      () => (cs) => (cs.length > 1 ? rotate(cs) : cs.map((c) => ({ ...c, data: history[0]!.data }))),
    ],
    [
      "re-labels chunks to the other document",
      () => (cs) => cs.map((c) => ({ ...c, docId: c.docId === one ? two : one })),
    ],
    [
      "replays an old chunk under a new id",
      () => (cs) => cs.map((c) => ({ ...c, data: history[0]!.data, id: `${c.id}x` })),
    ],
    [
      "truncates envelopes or sends what is not base64url",
      () => (cs) => cs.map((c, i) => ({ ...c, data: i % 2 ? "!!not*base64" : c.data.slice(0, 20) })),
    ],
  ];

  for (const [what, make] of cases) {
    it(`${what}: B rejects it, keeps its journal, shows a sync error`, async () => {
      const { before, storedBefore } = await attack(make());
      const s = b.sync.status();
      expect(s.phase, JSON.stringify(s)).toBe("error");
      expect(s.rejected).toBeGreaterThanOrEqual(1);
      expect(s.message).toMatch(/failed verification.*intact/);
      // Nothing forged reached storage or the documents; what B had is exactly there.
      expect(await journalOf(b)).toEqual(before);
      expect((await b.store.dumpAll()).chunks?.length).toBe(storedBefore);
      // B keeps working: its own writes still go out, and A receives them.
      const mine = `written on B after: ${what}`;
      await b.journal.addMessage(one, { sender: "user", text: mine });
      await roundOnB(b);
      a.sync.retry();
      await a.sync.idle();
      expect((await a.journal.get(one)).messages.map((m) => m.text)).toContain(mine);
    });
  }

  it("replays chunks B already has under their own ids: ignored, nothing doubled", async () => {
    const before = (await b.journal.get(one)).messages.map((m) => m.text);
    const old = history.filter((c) => c.docId === one);
    await a.journal.addMessage(one, { sender: "user", text: "only once" });
    a.sync.retry();
    await a.sync.idle();
    tamper = (cs) => [...old.map((c) => ({ ...c, seq: cs[0]!.seq })), ...cs];
    await roundOnB(b);
    tamper = null;
    const after = (await b.journal.get(one)).messages.map((m) => m.text);
    // Nothing doubled; what B had is all there; every message is one A wrote.
    // (Honest copies of chunks rejected earlier are authentic, so they apply now.)
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toContain("only once");
    const aMsgs = new Set((await a.journal.get(one)).messages.map((m) => m.text));
    for (const m of after) expect(aMsgs.has(m), m).toBe(true);
  });

  it("drops chunks: B keeps what it had and shows nothing forged; the relay still holds the data for a new device", async () => {
    const before = await journalOf(b);
    await a.journal.addMessage(one, { sender: "user", text: "dropped by the relay" });
    a.sync.retry();
    await a.sync.idle();
    tamper = () => [];
    await roundOnB(b);
    tamper = null;
    await a.journal.addMessage(one, { sender: "user", text: "after the drop" });
    a.sync.retry();
    await a.sync.idle();
    await roundOnB(b);
    const after = await journalOf(b);
    // What B had is still there, in order; nothing that A did not write appears.
    for (const [title, msgs] of Object.entries(before))
      expect(after[title]!.slice(0, msgs.length)).toEqual(msgs);
    const aMsgs = new Set((await a.journal.get(one)).messages.map((m) => m.text));
    for (const m of after["First entry"]!) expect(aMsgs.has(m)).toBe(true);
    // Authentication cannot see a drop; a device that pulls honestly gets everything.
    const c = nodeClient(relay.url);
    await c.vault.ready;
    await c.sync.signIn(name, PASS);
    await c.sync.idle();
    expect((await c.journal.get(one)).messages.map((m) => m.text)).toEqual([...aMsgs]);
    console.log(
      `after dropped chunks B shows ${JSON.stringify(after["First entry"])}; status ${b.sync.status().phase}`,
    );
  });
});
