/**
 * Debounced autosave with no React in it: `change()` after every keystroke, `flush()` when the
 * person leaves (unmount, blur, page hidden) or presses Save. Saves run one at a time and in
 * order, always with the newest value, so an older write can never land after a newer one.
 *
 * @remarks `flush()` starts the save synchronously when none is running: the vault seals and
 * queues the IndexedDB write before its first await, which is what lets a `pagehide` or a
 * "Lock" click (focus leaves the form first) keep the last keystrokes.
 */

/** What a save attempt says: written, skipped (nothing worth writing), or readable problems. */
export type SaveOutcome = { ok: true; skipped?: boolean } | { ok: false; errors: string[] };

export type AutosaveState =
  /** Nothing has been changed (or nothing needed writing). */
  | { kind: "idle" }
  /** Changed; waiting for the typing to stop. */
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: number }
  /** Not written: the value has problems the person can fix (validation). */
  | { kind: "invalid"; errors: string[] }
  /** Not written: the write itself failed (locked, storage full…). */
  | { kind: "failed"; message: string };

export interface AutosaveOptions<V> {
  save: (value: V) => Promise<SaveOutcome>;
  delayMs: number;
  now?: () => number;
  /** Turns a thrown error into a sentence for the person. */
  describe?: (err: unknown) => string;
}

export class Autosaver<V> {
  private latest: V | undefined;
  private hasLatest = false;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private savedAt: number | undefined;
  private current: AutosaveState = { kind: "idle" };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: AutosaveOptions<V>) {}

  get state(): AutosaveState {
    return this.current;
  }

  /** The newest value given to `change()` in this session (saved or not), if any. */
  get value(): V | undefined {
    return this.latest;
  }

  get hasValue(): boolean {
    return this.hasLatest;
  }

  /** True while something typed is not written yet (waiting, saving, invalid or failed). */
  get unsaved(): boolean {
    return this.dirty || this.running !== undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  change(value: V): void {
    this.latest = value;
    this.hasLatest = true;
    this.dirty = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.opts.delayMs);
    if (this.running === undefined) this.set({ kind: "pending" });
  }

  /** Saves now if anything is unsaved; resolves with the state once every save has finished. */
  flush(): Promise<AutosaveState> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty) {
      // One at a time: a flush during a save runs again, with the newest value, after it.
      const run = this.running ? this.running.then(() => this.run()) : this.run();
      const tracked: Promise<void> = run.finally(() => {
        if (this.running === tracked) this.running = undefined;
      });
      this.running = tracked;
    }
    return (this.running ?? Promise.resolve()).then(() => this.current);
  }

  /** Forgets everything (the vault locked, or the stored value was replaced). */
  reset(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
    this.hasLatest = false;
    this.dirty = false;
    this.savedAt = undefined;
    this.set({ kind: "idle" });
  }

  private async run(): Promise<void> {
    if (!this.dirty || !this.hasLatest) return;
    const value = this.latest as V;
    this.dirty = false;
    this.set({ kind: "saving" });
    let next: AutosaveState;
    try {
      const r = await this.opts.save(value);
      if (r.ok && !r.skipped) this.savedAt = (this.opts.now ?? Date.now)();
      next = r.ok
        ? this.savedAt === undefined
          ? { kind: "idle" }
          : { kind: "saved", at: this.savedAt }
        : { kind: "invalid", errors: r.errors };
      if (!r.ok) this.dirty = true; // still not written: the next flush tries again
    } catch (err) {
      this.dirty = true;
      next = { kind: "failed", message: this.opts.describe?.(err) ?? String(err) };
    }
    // Newer typing arrived during the save: that is what the status is about now.
    if (this.timer !== undefined) next = { kind: "pending" };
    this.set(next);
  }

  private set(s: AutosaveState) {
    this.current = s;
    this.listeners.forEach((l) => l());
  }
}
