import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../sync/testing/memory-store";
import { createApp } from "../vault";
import { inlineDeriveRoot } from "../workers/kdf-client";
import { createActivationPlanner } from "./activation";
import { COMPLETIONS_SECRET, createExerciseLog } from "./completions";
import type { SecretStore } from "./secret-list";

const WEAK_KDF = { name: "argon2id" as const, memoryKiB: 1024, iterations: 1, parallelism: 1 };

function memorySecrets(): SecretStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    readSecret: async (n) => structuredClone(data.get(n)),
    writeSecret: async (n, v) => void data.set(n, structuredClone(v)),
  };
}

describe("exercise completions", () => {
  it("records completed and stopped runs and filters them", async () => {
    let t = 1_000;
    const log = createExerciseLog(memorySecrets(), () => t);
    await log.record({ exerciseId: "box-breathing", startedAt: 0, outcome: "completed" });
    t = 5_000;
    await log.record({ exerciseId: "grounding-5-4-3-2-1", startedAt: 4_000, outcome: "stopped" });
    const all = await log.list();
    expect(all.map((c) => [c.exerciseId, c.durationMs, c.outcome])).toEqual([
      ["box-breathing", 1_000, "completed"],
      ["grounding-5-4-3-2-1", 1_000, "stopped"],
    ]);
    expect(await log.list({ outcome: "completed" })).toHaveLength(1);
    expect(await log.list({ from: 2_000 })).toHaveLength(1);
    expect(await log.list({ to: 2_000, exerciseId: "box-breathing" })).toHaveLength(1);
    await expect(
      log.record({ exerciseId: "x", startedAt: 10_000, endedAt: 9_000, outcome: "completed" }),
    ).rejects.toThrow("ends after it starts");
  });

  it("never loses one of two saves made at the same moment, and skips damaged rows", async () => {
    const secrets = memorySecrets();
    const log = createExerciseLog(secrets, () => 10);
    await Promise.all(
      [0, 1, 2, 3].map((i) => log.record({ exerciseId: `e${i}`, startedAt: 0, outcome: "completed" })),
    );
    expect((await log.list()).map((c) => c.exerciseId).sort()).toEqual(["e0", "e1", "e2", "e3"]);
    secrets.data.set(COMPLETIONS_SECRET, [
      ...(secrets.data.get(COMPLETIONS_SECRET) as unknown[]),
      { junk: true },
      42,
    ]);
    expect(await log.list()).toHaveLength(4);
  });

  it("is sealed in the vault: readable after lock/unlock, not in plaintext, refused while locked", async () => {
    const store = createMemoryStore();
    const { vault } = createApp({
      store,
      deriveRoot: inlineDeriveRoot({ allowWeak: true }),
      kdf: WEAK_KDF,
      prefetch: false,
    });
    await vault.ready;
    await vault.create("a long enough passphrase");
    const log = createExerciseLog(vault);
    await log.record({
      exerciseId: "self-compassion-break",
      startedAt: Date.now() - 60_000,
      outcome: "completed",
    });
    const dump = JSON.stringify(await store.dumpAll(), (_k, v) =>
      v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
    );
    expect(dump).not.toContain("self-compassion-break");
    vault.lock();
    await expect(log.list()).rejects.toThrow("locked");
    await vault.unlock("a long enough passphrase");
    expect((await createExerciseLog(vault).list()).map((c) => c.exerciseId)).toEqual([
      "self-compassion-break",
    ]);
  });
});

describe("behavioural activation plans", () => {
  it("plans an activity, checks it off, and orders open before done", async () => {
    let t = 100;
    const planner = createActivationPlanner(memorySecrets(), () => t);
    await expect(planner.add({ activity: " ", day: "2026-11-27" })).rejects.toThrow(
      "Name one small activity",
    );
    const walk = await planner.add({
      activity: " Walk to the park ",
      why: "Fresh air helps",
      day: "2026-11-28",
    });
    const call = await planner.add({ activity: "Call my sister", day: "2026-11-27" });
    expect(walk.activity).toBe("Walk to the park");
    expect((await planner.list()).map((p) => p.id)).toEqual([call.id, walk.id]);
    t = 500;
    await planner.setDone(call.id, true);
    const [first, second] = await planner.list();
    expect(first!.id).toBe(walk.id);
    expect(second).toMatchObject({ id: call.id, doneAt: 500 });
    await planner.setDone(call.id, false);
    expect((await planner.list()).every((p) => p.doneAt === undefined)).toBe(true);
    await planner.remove(walk.id);
    expect((await planner.list()).map((p) => p.id)).toEqual([call.id]);
  });
});
