// The breathing pacer: a circle that grows and shrinks with the breath, the phase in words,
// a countdown, and a polite screen-reader announcement at each change ("Breathe in… 4").
// With reduced motion the circle stays still; text and the progress bar carry it.
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Exercise } from "@ventwell/shared";
import { pacerStateAt, phaseAnnouncement } from "../../exercises";
import { readExercisePrefs, writeExercisePrefs } from "../../exercises/app";

const REDUCED = "(prefers-reduced-motion: reduce)";
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (l) => {
      const mq = window.matchMedia(REDUCED);
      mq.addEventListener("change", l);
      return () => mq.removeEventListener("change", l);
    },
    () => window.matchMedia(REDUCED).matches,
  );
}

const canVibrate = () => typeof navigator !== "undefined" && typeof navigator.vibrate === "function";

export function BreathingPacer({
  exercise,
  startedAt,
  onDone,
  actions,
}: {
  exercise: Exercise;
  startedAt: number;
  onDone: () => void;
  /** Shown right under the progress bar (the Stop button), before the options. */
  actions?: ReactNode;
}) {
  const pacer = exercise.pacer!;
  const [now, setNow] = useState(() => Date.now());
  const [haptics, setHaptics] = useState(false);
  const reduced = useReducedMotion();
  const state = pacerStateAt(pacer, now - startedAt);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  useEffect(() => {
    void readExercisePrefs().then((p) => setHaptics(p.haptics));
  }, []);
  // Rendered from the clock, so a throttled or fast-forwarded timer never loses the place.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    if (state.done) doneRef.current();
  }, [state.done]);
  const step = `${state.cycle}:${state.phaseIndex}`;
  const lastStep = useRef("");
  const action = state.phase.action;
  useEffect(() => {
    if (lastStep.current === step) return; // only at a phase change
    lastStep.current = step;
    if (haptics && canVibrate() && !state.done) navigator.vibrate(action === "hold" ? 20 : 40);
  }, [step, haptics, action, state.done]);

  const toggleHaptics = (on: boolean) => {
    setHaptics(on);
    void writeExercisePrefs({ haptics: on }).catch(() => undefined);
  };
  // Full size after breathing in, small after breathing out; holds keep the size they reached.
  const target = (i: number): number => {
    for (let k = i; k >= 0; k--) {
      const a = pacer.phases[k]!.action;
      if (a === "inhale") return 1;
      if (a === "exhale") return 0.55;
    }
    return 0.55;
  };
  const scale = target(state.phaseIndex);
  const announcement = phaseAnnouncement(state.phase);
  return (
    <div className="pacer" data-phase={state.phase.action}>
      <div className="pacer-stage" aria-hidden="true">
        <div
          className={`pacer-circle${reduced ? " still" : ""}`}
          data-testid="pacer-circle"
          style={
            reduced
              ? undefined
              : { transform: `scale(${scale})`, transitionDuration: `${state.phase.seconds}s` }
          }
        />
        <div className="pacer-words">
          <span className="pacer-label">{state.phase.label}</span>
          <span className="pacer-count">{state.secondsLeft}</span>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="pacer-announcement">
        {state.done ? "Finished." : announcement}
      </p>
      <p className="pacer-round muted">
        Round {state.cycle + 1} of {pacer.cycles}
      </p>
      <progress
        className="pacer-progress"
        max={1000}
        value={Math.round(state.progress * 1000)}
        aria-label="Exercise progress"
      />
      {actions}
      {canVibrate() && (
        <label className="check">
          <input type="checkbox" checked={haptics} onChange={(e) => toggleHaptics(e.target.checked)} />
          Gentle vibration at each change
        </label>
      )}
    </div>
  );
}
