/**
 * Convergence under random schedules (issue 7): four devices of one account (the real
 * client in Node: vault, journal, crypto, Automerge, sync engine) edit offline — create,
 * write, rename, tag, delete — in an order fast-check chooses, sync now and then in a
 * random order through the real relay CLI, and at the end, after every device has synced
 * in a random order, all four hold identical journals (same entries, titles, tags, same
 * messages in the same order), and no message written anywhere is lost unless its entry
 * was deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { nodeClient } from "./testing/node-app";
import { removeDataDir, startRelayProcess, stopRelay, type RelayProcess } from "./testing/relay-process";

const PASS = "quiet harbour lantern morning";
const DEVICES = 4;
let relay: RelayProcess;
let devices: ReturnType<typeof nodeClient>[] = [];

beforeAll(async () => {
  relay = await startRelayProcess({ env: { VENTWELL_SCRYPT_LOG_N: "10" } });
  const first = nodeClient(relay.url);
  await first.vault.ready;
  await first.vault.create(PASS);
  const name = `conv${Math.random().toString(36).slice(2, 10)}`;
  await first.sync.signUp(name);
  await first.sync.idle();
  devices = [first];
  for (let i = 1; i < DEVICES; i++) {
    const d = nodeClient(relay.url);
    await d.vault.ready;
    await d.sync.signIn(name, PASS);
    await d.sync.idle();
    devices.push(d);
  }
}, 180_000);
afterAll(async () => {
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
});

type Op =
  | { kind: "create"; device: number; title: string }
  | { kind: "write"; device: number; pick: number; text: string }
  | { kind: "rename"; device: number; pick: number; title: string }
  | { kind: "tag"; device: number; pick: number; tag: string }
  | { kind: "delete"; device: number; pick: number }
  | { kind: "sync"; device: number };

const device = fc.nat({ max: DEVICES - 1 });
const word = fc.stringMatching(/^[a-z]{3,8}$/);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("create" as const), device, title: word }) },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("write" as const), device, pick: fc.nat(), text: word }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("rename" as const), device, pick: fc.nat(), title: word }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("tag" as const), device, pick: fc.nat(), tag: word }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), device, pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("sync" as const), device }) },
);

async function syncOnce(d: ReturnType<typeof nodeClient>) {
  d.sync.retry();
  await d.sync.idle();
}

/** Everything a person sees, per entry id. */
async function view(d: ReturnType<typeof nodeClient>) {
  const out: Record<string, { title: string; tags: string[]; messages: string[] }> = {};
  for (const e of d.journal.list()) {
    const full = await d.journal.get(e.id);
    out[e.id] = {
      title: full.title,
      tags: [...(full.tags ?? [])].sort(),
      messages: full.messages.map((m) => m.text),
    };
  }
  return out;
}

let unique = 0;
describe("many devices, random offline schedules", () => {
  it("all devices converge to identical journals after syncing in a random order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 8, maxLength: 24 }),
        fc.array(fc.nat({ max: DEVICES - 1 }), { minLength: DEVICES * 2, maxLength: DEVICES * 3 }),
        async (ops, order) => {
          const written: { entry: string; text: string }[] = [];
          const deleted = new Set<string>();
          for (const o of ops) {
            const d = devices[o.device]!;
            const entries = d.journal.list();
            const target = "pick" in o && entries.length ? entries[o.pick % entries.length]!.id : null;
            if (o.kind === "sync") await syncOnce(d);
            else if (o.kind === "create") await d.journal.create(`${o.title} ${unique++}`);
            else if (!target) continue;
            else if (o.kind === "write") {
              const text = `${o.text} #${unique++}`;
              await d.journal.addMessage(target, { sender: "user", text });
              written.push({ entry: target, text });
            } else if (o.kind === "rename") await d.journal.rename(target, `${o.title} ${unique++}`);
            else if (o.kind === "tag") await d.journal.setTags?.(target, [o.tag]);
            else if (o.kind === "delete") {
              await d.journal.remove(target);
              deleted.add(target);
            }
          }
          // Everyone comes online, in a random order, and then everyone once more.
          for (const i of order) await syncOnce(devices[i]!);
          for (const d of devices) await syncOnce(d);
          for (const d of devices) await syncOnce(d);
          const views = await Promise.all(devices.map(view));
          for (let i = 1; i < DEVICES; i++) expect(views[i], `device ${i} vs device 0`).toEqual(views[0]);
          for (const d of devices) expect(d.sync.status().phase).toBe("synced");
          // No write lost: every message is there unless its entry was deleted.
          for (const w of written)
            if (!deleted.has(w.entry)) expect(views[0]![w.entry]?.messages, w.text).toContain(w.text);
          for (const id of deleted) expect(views[0]![id], `deleted ${id} came back`).toBeUndefined();
        },
      ),
      { numRuns: Number(process.env.VENTWELL_CONVERGENCE_RUNS ?? 15) },
    );
  }, 240_000);
});
