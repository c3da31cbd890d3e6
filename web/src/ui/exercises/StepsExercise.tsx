// Step-by-step exercises (grounding, muscle relaxation, self-compassion): one step at a time,
// at the person's pace. Grounding offers optional notes that stay on this screen only.
import { useRef, useState } from "react";
import type { Exercise } from "@ventwell/shared";

export function StepsExercise({ exercise, onDone }: { exercise: Exercise; onDone: () => void }) {
  const [i, setI] = useState(0);
  // Never saved anywhere: they disappear when the exercise ends.
  const [notes, setNotes] = useState<string[]>([]);
  const textRef = useRef<HTMLParagraphElement>(null);
  const steps = exercise.steps;
  const step = steps[i]!;
  const last = i === steps.length - 1;
  const notesFor = exercise.kind === "grounding" && i < 5;
  const go = (n: number) => {
    setI(n);
    requestAnimationFrame(() => textRef.current?.focus());
  };
  return (
    <div className="steps stack">
      <p className="muted small" aria-live="polite">
        Step {i + 1} of {steps.length}
      </p>
      <p ref={textRef} tabIndex={-1} className="step-text" data-testid="step-text">
        {step.text}
      </p>
      {step.seconds && <p className="muted small">Take about {step.seconds} seconds.</p>}
      {notesFor && (
        <div className="field">
          <label htmlFor={`note-${i}`}>Your notes (optional, not saved)</label>
          <textarea
            id={`note-${i}`}
            rows={2}
            value={notes[i] ?? ""}
            onChange={(e) => setNotes((n) => Object.assign([...n], { [i]: e.target.value }))}
          />
        </div>
      )}
      <div className="actions start">
        {i > 0 && (
          <button type="button" onClick={() => go(i - 1)}>
            Back
          </button>
        )}
        {last ? (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotes([]);
              onDone();
            }}
          >
            Finish
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => go(i + 1)}>
            Next
          </button>
        )}
      </div>
    </div>
  );
}
