// The safety plan's autosave: debounced, flushed at once on leaving, one save at a time with the
// newest value, and a failed or invalid save keeps the text as unsaved instead of dropping it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveOutcome } from "./autosave";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Autosaver", () => {
  it("saves the newest value once typing pauses, not on every keystroke", async () => {
    const saved: string[] = [];
    const a = new Autosaver<string>({
      delayMs: 800,
      now: () => 42,
      save: async (v) => {
        saved.push(v);
        return { ok: true };
      },
    });
    a.change("W");
    await vi.advanceTimersByTimeAsync(500);
    a.change("Wa");
    await vi.advanceTimersByTimeAsync(500);
    a.change("Wal");
    expect(a.state).toEqual({ kind: "pending" });
    expect(a.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(799);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["Wal"]);
    expect(a.state).toEqual({ kind: "saved", at: 42 });
    expect(a.unsaved).toBe(false);
    expect(a.value).toBe("Wal");
  });

  it("flush saves at once, starting the write before returning (pagehide, leaving the screen)", async () => {
    const save = vi.fn(async (_v: string): Promise<SaveOutcome> => ({ ok: true }));
    const a = new Autosaver<string>({ delayMs: 800, save });
    a.change("typed, then left");
    const done = a.flush();
    expect(save).toHaveBeenCalledWith("typed, then left"); // synchronously
    expect((await done).kind).toBe("saved");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(save).toHaveBeenCalledTimes(1); // the debounce was cancelled
  });

  it("flush with nothing changed writes nothing (opening the screen saves nothing)", async () => {
    const save = vi.fn(async (_v: string): Promise<SaveOutcome> => ({ ok: true }));
    const a = new Autosaver<string>({ delayMs: 800, save });
    expect(await a.flush()).toEqual({ kind: "idle" });
    expect(save).not.toHaveBeenCalled();
  });

  it("runs one save at a time, in order, and the last write is the newest text", async () => {
    const calls: { v: string; d: ReturnType<typeof deferred<SaveOutcome>> }[] = [];
    let active = 0;
    let maxActive = 0;
    const a = new Autosaver<string>({
      delayMs: 800,
      save: (v) => {
        const d = deferred<SaveOutcome>();
        calls.push({ v, d });
        active++;
        maxActive = Math.max(maxActive, active);
        return d.promise.finally(() => active--);
      },
    });
    a.change("one");
    const first = a.flush();
    a.change("one two");
    const second = a.flush(); // while the first is still writing
    a.change("one two three");
    const third = a.flush();
    expect(calls.map((c) => c.v)).toEqual(["one"]);
    calls[0]!.d.resolve({ ok: true });
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.v)).toEqual(["one", "one two three"]);
    calls[1]!.d.resolve({ ok: true });
    await second;
    await third;
    expect(maxActive).toBe(1);
    expect(calls.map((c) => c.v)).toEqual(["one", "one two three"]);
    expect(a.unsaved).toBe(false);
  });

  it("a failed write says why and keeps the text unsaved; the next flush tries again", async () => {
    let fail = true;
    const saved: string[] = [];
    const a = new Autosaver<string>({
      delayMs: 800,
      describe: (e) => (e instanceof Error ? e.message : "?"),
      save: async (v) => {
        if (fail) throw new Error("The journal is locked. Unlock it to continue.");
        saved.push(v);
        return { ok: true };
      },
    });
    a.change("my sister");
    await vi.advanceTimersByTimeAsync(800);
    expect(a.state).toEqual({ kind: "failed", message: "The journal is locked. Unlock it to continue." });
    expect(a.unsaved).toBe(true);
    expect(a.value).toBe("my sister");
    fail = false;
    expect((await a.flush()).kind).toBe("saved");
    expect(saved).toEqual(["my sister"]);
  });

  it("an invalid value is reported and stays unsaved", async () => {
    const a = new Autosaver<string>({
      delayMs: 800,
      save: async () => ({ ok: false, errors: ["People I can ask for help: each person needs a name."] }),
    });
    a.change("phone only");
    expect(await a.flush()).toEqual({
      kind: "invalid",
      errors: ["People I can ask for help: each person needs a name."],
    });
    expect(a.unsaved).toBe(true);
  });

  it("a skipped save (nothing new) is not reported as saved", async () => {
    const a = new Autosaver<string>({ delayMs: 800, save: async () => ({ ok: true, skipped: true }) });
    a.change("");
    expect(await a.flush()).toEqual({ kind: "idle" });
    expect(a.unsaved).toBe(false);
  });

  it("typing during a save leaves the status pending, not saved", async () => {
    const d = deferred<SaveOutcome>();
    const a = new Autosaver<string>({ delayMs: 800, save: () => d.promise });
    a.change("a");
    const p = a.flush();
    a.change("ab");
    d.resolve({ ok: true });
    expect((await p).kind).toBe("pending");
  });

  it("reset forgets the value and the pending save (locking)", async () => {
    const save = vi.fn(async (_v: string): Promise<SaveOutcome> => ({ ok: true }));
    const a = new Autosaver<string>({ delayMs: 800, save });
    const seen: string[] = [];
    a.subscribe(() => seen.push(a.state.kind));
    a.change("secret");
    a.reset();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(save).not.toHaveBeenCalled();
    expect(a.value).toBeUndefined();
    expect(a.unsaved).toBe(false);
    expect(seen).toEqual(["pending", "idle"]);
  });
});
