/**
 * The breathing pacer as a pure function of elapsed time, so the UI can render from the
 * clock (robust to throttled timers and to Playwright's fast-forwarded clock).
 */
import type { Exercise } from "@ventwell/shared";

export type Pacer = NonNullable<Exercise["pacer"]>;
export type PacerPhase = Pacer["phases"][number];

export interface PacerState {
  done: boolean;
  /** 0-based cycle and phase index (the last ones once done). */
  cycle: number;
  phaseIndex: number;
  phase: PacerPhase;
  /** Whole seconds left in this phase, counting down (4, 3, 2, 1). */
  secondsLeft: number;
  /** 0..1 through this phase and through the whole run. */
  phaseProgress: number;
  progress: number;
  /** Total length of a run, ms. */
  totalMs: number;
}

export function cycleMs(p: Pacer): number {
  return p.phases.reduce((s, ph) => s + ph.seconds, 0) * 1000;
}

/** Where the pacer is `elapsedMs` after starting; `cycles` overrides the catalogue's count. */
export function pacerStateAt(p: Pacer, elapsedMs: number, cycles = p.cycles): PacerState {
  const per = cycleMs(p);
  const totalMs = per * cycles;
  const t = Math.max(0, Math.min(elapsedMs, totalMs));
  const done = elapsedMs >= totalMs;
  const cycle = done ? cycles - 1 : Math.floor(t / per);
  let within = done ? per : t - cycle * per;
  let phaseIndex = 0;
  for (; phaseIndex < p.phases.length - 1; phaseIndex++) {
    const len = p.phases[phaseIndex]!.seconds * 1000;
    if (within < len) break;
    within -= len;
  }
  const phase = p.phases[phaseIndex]!;
  const len = phase.seconds * 1000;
  return {
    done,
    cycle,
    phaseIndex,
    phase,
    secondsLeft: done ? 0 : Math.max(1, Math.ceil((len - within) / 1000)),
    phaseProgress: Math.min(1, within / len),
    progress: totalMs === 0 ? 1 : t / totalMs,
    totalMs,
  };
}

/** The screen-reader announcement at the start of a phase: "Breathe in… 4". */
export function phaseAnnouncement(phase: PacerPhase): string {
  return `${phase.label}… ${phase.seconds}`;
}
