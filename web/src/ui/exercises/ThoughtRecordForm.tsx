// The CBT thought record, one question at a time; saved as an encrypted journal entry.
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { Trap } from "@ventwell/shared";
import { TRAP_LIST, checkThoughtRecord, emptyThoughtRecord, type ThoughtRecordInput } from "../../exercises";
import { saveThoughtRecord } from "../../exercises/app";
import { errorMessage } from "../hooks";

const STEPS = ["situation", "thought", "emotion", "traps", "evidence", "balanced", "rerate"] as const;
type Step = (typeof STEPS)[number];
// Which fields each step must get right before moving on.
const NEEDS: Partial<Record<Step, (keyof ThoughtRecordInput)[]>> = {
  situation: ["situation"],
  thought: ["automaticThought"],
  emotion: ["emotion", "intensityBefore"],
  evidence: ["evidenceFor", "evidenceAgainst"],
  balanced: ["balancedThought"],
};

export function ThoughtRecordForm({ onSaved }: { onSaved: (entryId: string) => void }) {
  const [r, setR] = useState<ThoughtRecordInput>(emptyThoughtRecord);
  const [i, setI] = useState(0);
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);
  const legendRef = useRef<HTMLLegendElement>(null);
  const step = STEPS[i]!;
  const set = <K extends keyof ThoughtRecordInput>(k: K, v: ThoughtRecordInput[K]) =>
    setR((x) => ({ ...x, [k]: v }));
  const toggleTrap = (t: Trap, on: boolean) =>
    set("traps", on ? [...r.traps, t] : r.traps.filter((x) => x !== t));

  const next = async (e: FormEvent) => {
    e.preventDefault();
    const problems = checkThoughtRecord(r);
    const problem = (NEEDS[step] ?? []).map((k) => problems[k]).find(Boolean);
    if (problem) return setError(problem);
    setError("");
    if (step !== "rerate") {
      setI(i + 1);
      requestAnimationFrame(() => legendRef.current?.focus());
      return;
    }
    const after = { ...r, intensityAfter: r.intensityAfter ?? r.intensityBefore };
    setSaving(true);
    try {
      onSaved(await saveThoughtRecord(after));
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  const emotion = r.emotion.trim() || "the emotion";
  const body: Record<Step, { legend: string; content: ReactNode }> = {
    situation: {
      legend: "What happened?",
      content: (
        <TextField
          label="Situation"
          hint="Where were you, who was there, what happened? Just the facts."
          value={r.situation}
          onChange={(v) => set("situation", v)}
        />
      ),
    },
    thought: {
      legend: "What went through your mind?",
      content: (
        <TextField
          label="Automatic thought"
          hint="The thought that came up, in the words it came in."
          value={r.automaticThought}
          onChange={(v) => set("automaticThought", v)}
        />
      ),
    },
    emotion: {
      legend: "What did you feel, and how strongly?",
      content: (
        <>
          <div className="field">
            <label htmlFor="tr-emotion">Emotion</label>
            <input
              id="tr-emotion"
              value={r.emotion}
              maxLength={60}
              onChange={(e) => set("emotion", e.target.value)}
              placeholder="e.g. anxious, hurt, angry"
            />
          </div>
          <Rating
            label="How strong was it? (0–100)"
            value={r.intensityBefore}
            onChange={(v) => set("intensityBefore", v)}
          />
        </>
      ),
    },
    traps: {
      legend: "Any thinking traps in that thought? (optional)",
      content: (
        <ul className="trap-list">
          {TRAP_LIST.map((t) => (
            <li key={t.id}>
              <label className="check trap">
                <input
                  type="checkbox"
                  checked={r.traps.includes(t.id)}
                  onChange={(e) => toggleTrap(t.id, e.target.checked)}
                />
                <span>
                  <strong>{t.title}</strong>
                  <span className="muted small trap-desc">
                    {t.description} <em>“{t.example}”</em>
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ),
    },
    evidence: {
      legend: "What's the evidence?",
      content: (
        <>
          <TextField
            label="Evidence for the thought"
            hint="Facts that support it (optional)."
            value={r.evidenceFor}
            onChange={(v) => set("evidenceFor", v)}
          />
          <TextField
            label="Evidence against the thought"
            hint="Facts that don't fit it, however small (optional)."
            value={r.evidenceAgainst}
            onChange={(v) => set("evidenceAgainst", v)}
          />
        </>
      ),
    },
    balanced: {
      legend: "A more balanced way to see it",
      content: (
        <TextField
          label="Balanced thought"
          hint="Taking all the evidence into account; what might you tell a friend? (optional)"
          value={r.balancedThought}
          onChange={(v) => set("balancedThought", v)}
        />
      ),
    },
    rerate: {
      legend: `How strong is ${emotion} now?`,
      content: (
        <Rating
          label="How strong is it now? (0–100)"
          value={r.intensityAfter ?? r.intensityBefore}
          onChange={(v) => set("intensityAfter", v)}
        />
      ),
    },
  };
  return (
    <form className="thought-record stack" onSubmit={next} noValidate>
      <p className="muted small">
        Step {i + 1} of {STEPS.length}
      </p>
      <fieldset className="plain stack">
        <legend ref={legendRef} tabIndex={-1}>
          <h2>{body[step].legend}</h2>
        </legend>
        {body[step].content}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions start">
        {i > 0 && (
          <button type="button" onClick={() => setI(i - 1)} disabled={saving}>
            Back
          </button>
        )}
        <button type="submit" className="primary" disabled={saving}>
          {step === "rerate" ? (saving ? "Saving…" : "Save thought record") : "Next"}
        </button>
      </div>
    </form>
  );
}

function TextField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <textarea
        id={id}
        rows={3}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Rating({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="rating">
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          step={5}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
        />
        <output htmlFor={id}>{value}</output>
      </div>
    </div>
  );
}
