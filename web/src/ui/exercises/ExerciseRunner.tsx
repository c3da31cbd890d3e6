// One exercise: intro with its length, Begin, the exercise itself, Stop at any time; the
// run is recorded (encrypted) as completed or stopped.
import { useEffect, useRef, useState } from "react";
import type { Exercise } from "@ventwell/shared";
import { exerciseLog } from "../../exercises/app";
import { hrefFor } from "../router";
import { ActivationPlanner } from "./ActivationPlanner";
import { BreathingPacer } from "./BreathingPacer";
import { StepsExercise } from "./StepsExercise";
import { ThoughtRecordForm } from "./ThoughtRecordForm";

type Run =
  | { state: "intro" }
  | { state: "running"; startedAt: number }
  | { state: "completed"; entryId?: string }
  | { state: "stopped" };

export function ExerciseRunner({ exercise }: { exercise: Exercise }) {
  const [run, setRun] = useState<Run>({ state: "intro" });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const running = useRef<number | null>(null);
  const finish = (outcome: "completed" | "stopped", entryId?: string) => {
    const startedAt = running.current;
    running.current = null;
    if (startedAt !== null)
      void exerciseLog.record({ exerciseId: exercise.id, startedAt, outcome }).catch(() => undefined); // locked: not counted
    setRun(
      outcome === "completed"
        ? { state: "completed", ...(entryId ? { entryId } : {}) }
        : { state: "stopped" },
    );
    headingRef.current?.focus();
  };
  // Leaving mid-way (another screen, lock) counts as stopping.
  useEffect(
    () => () => {
      const startedAt = running.current;
      if (startedAt !== null)
        void exerciseLog
          .record({ exerciseId: exercise.id, startedAt, outcome: "stopped" })
          .catch(() => undefined);
    },
    [exercise.id],
  );
  const begin = () => {
    const startedAt = Date.now();
    running.current = startedAt;
    setRun({ state: "running", startedAt });
  };
  const stopRow = (
    <div className="actions start stop-row">
      <button type="button" className="ghost" onClick={() => finish("stopped")}>
        Stop
      </button>
    </div>
  );
  const minutes = `About ${exercise.minutes} ${exercise.minutes === 1 ? "minute" : "minutes"}`;
  return (
    <article className="exercise stack-lg" data-exercise={exercise.id} data-run={run.state}>
      <p>
        <a className="back" href="#/exercises">
          ← All exercises
        </a>
      </p>
      <header className="stack">
        <h1 ref={headingRef} tabIndex={-1}>
          {exercise.title}
        </h1>
        <p className="muted">{minutes} · you can stop at any time</p>
      </header>
      {run.state === "intro" && (
        <section className="stack">
          <p className="lede">{exercise.summary}</p>
          <div className="actions start">
            <button type="button" className="primary" onClick={begin}>
              Begin
            </button>
          </div>
          {exercise.kind === "activity" && <ActivationPlanner mode="list" />}
        </section>
      )}
      {run.state === "running" &&
        (exercise.kind === "breathing" ? (
          // Stop sits right under the circle and its progress, in view on a phone too.
          <section aria-label={`${exercise.title}, in progress`}>
            <BreathingPacer
              exercise={exercise}
              startedAt={run.startedAt}
              onDone={() => finish("completed")}
              actions={stopRow}
            />
          </section>
        ) : (
          <section className="stack-lg" aria-label={`${exercise.title}, in progress`}>
            {exercise.kind === "worksheet" ? (
              <ThoughtRecordForm onSaved={(id) => finish("completed", id)} />
            ) : exercise.kind === "activity" ? (
              <ActivationPlanner mode="plan" onPlanned={() => finish("completed")} />
            ) : (
              <StepsExercise exercise={exercise} onDone={() => finish("completed")} />
            )}
            {stopRow}
          </section>
        ))}
      {run.state === "completed" && (
        <section className="card stack done-panel" role="status">
          <h2>Done. Well done for taking the time.</h2>
          {run.entryId ? (
            <p>
              Your thought record is saved in your journal, encrypted.{" "}
              <a href={hrefFor({ name: "entry", id: run.entryId })}>Open it</a>
            </p>
          ) : (
            <p>Notice how you feel now, without needing it to be different.</p>
          )}
          {exercise.kind === "activity" && <ActivationPlanner mode="list" />}
          <p>
            <a href="#/exercises">Back to exercises</a>
          </p>
        </section>
      )}
      {run.state === "stopped" && (
        <section className="card stack" role="status">
          <h2>Stopped.</h2>
          <p>That's okay. You can come back to it whenever you like.</p>
          {exercise.kind === "worksheet" && (
            <p className="muted">Nothing from this thought record was saved.</p>
          )}
          <div className="actions start">
            <button type="button" onClick={begin}>
              Start again
            </button>
            <a href="#/exercises">Back to exercises</a>
          </div>
        </section>
      )}
    </article>
  );
}
