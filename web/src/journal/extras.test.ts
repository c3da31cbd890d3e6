import { describe, expect, it } from "vitest";
import { emptySafetyPlan } from "../guide/safety-plan";
import { exportJson, parseImportFile } from "./export";
import { EXTRA_SECRETS, collectExtras, describeRestore, restoreExtras, type SecretStore } from "./extras";

/** The vault's secret API over a Map (values cloned, as sealing and opening would). */
function memorySecrets(init: Record<string, unknown> = {}): SecretStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(init).map(([k, v]) => [k, structuredClone(v)]));
  return {
    data,
    readSecret: async (name) => structuredClone(data.get(name)),
    writeSecret: async (name, value) => void data.set(name, structuredClone(value)),
  };
}

const plan = { ...emptySafetyPlan(1_000), warningSigns: ["not sleeping"], reasonsForLiving: ["my sister"] };
const checkIn = (id: string, at: number) => ({ id, score: 3, emotions: ["calm"], at });
const completion = (id: string, endedAt: number) => ({
  id,
  exerciseId: "box-breathing",
  startedAt: endedAt - 60_000,
  endedAt,
  durationMs: 60_000,
  outcome: "completed",
});
const activity = { id: "p1", activity: "Walk to the park", why: "", day: "2026-11-20", createdAt: 5 };

describe("export extras (safety plan, check-ins, exercises, activity plans)", () => {
  it("round-trip through the JSON file onto a fresh device", async () => {
    const device = memorySecrets({
      [EXTRA_SECRETS.safetyPlan]: plan,
      [EXTRA_SECRETS.moodCheckIns]: [checkIn("c1", 10), checkIn("c2", 20)],
      [EXTRA_SECRETS.exerciseCompletions]: [completion("x1", 100_000)],
      [EXTRA_SECRETS.activationPlans]: [activity],
    });
    const json = exportJson([], new Date(0), await collectExtras(device));
    const { entries, extras } = parseImportFile(json);
    expect(entries).toEqual([]);
    const fresh = memorySecrets();
    const report = await restoreExtras(fresh, extras!);
    expect(report).toEqual({
      safetyPlan: "restored",
      added: { moodCheckIns: 2, exerciseCompletions: 1, activationPlans: 1 },
    });
    expect(fresh.data).toEqual(device.data);
    expect(describeRestore(report)).toBe(
      "Also restored: your safety plan, 2 check-ins, 1 exercise session, 1 activity plan.",
    );
  });

  it("merges by id, in time order, and never replaces a plan the device already has", async () => {
    const mine = { ...plan, warningSigns: ["mine"] };
    const device = memorySecrets({
      [EXTRA_SECRETS.safetyPlan]: mine,
      [EXTRA_SECRETS.moodCheckIns]: [checkIn("c1", 10), checkIn("c3", 30)],
    });
    const report = await restoreExtras(device, {
      safetyPlan: plan,
      moodCheckIns: [checkIn("c1", 10), checkIn("c2", 20)],
    });
    expect(report.safetyPlan).toBe("kept-existing");
    expect(report.added).toEqual({ moodCheckIns: 1 });
    expect(device.data.get(EXTRA_SECRETS.safetyPlan)).toEqual(mine);
    expect((device.data.get(EXTRA_SECRETS.moodCheckIns) as { id: string }[]).map((r) => r.id)).toEqual([
      "c1",
      "c2",
      "c3",
    ]);
    expect(describeRestore(report)).toBe("Also restored: 1 check-in. Your current safety plan was kept.");
    // Importing the same file again adds nothing.
    const again = await restoreExtras(device, { moodCheckIns: [checkIn("c2", 20)] });
    expect(again.added).toEqual({ moodCheckIns: 0 });
    expect(describeRestore(again)).toBe("");
  });

  it("an invalid plan in the file is reported, not stored; no extras means no extras field", async () => {
    const device = memorySecrets();
    const report = await restoreExtras(device, { safetyPlan: { version: 99 } });
    expect(report.safetyPlan).toBe("invalid");
    expect(device.data.size).toBe(0);
    expect(JSON.parse(exportJson([], new Date(0), await collectExtras(device)))).not.toHaveProperty("extras");
  });

  it("a file whose extras are malformed is rejected without echoing them", () => {
    const bad = JSON.stringify({
      format: "ventwell-journal",
      version: 1,
      exportedAt: "x",
      entries: [],
      extras: { moodCheckIns: [{ secret: "private words" }] },
    });
    expect(() => parseImportFile(bad)).toThrow(/not a VentWell export \(at extras\.moodCheckIns\.0\.id\)/);
    expect(() => parseImportFile(bad)).not.toThrow(/private words/);
  });
});
