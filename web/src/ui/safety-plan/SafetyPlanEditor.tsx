/**
 * "My safety plan" (Stanley–Brown safety planning): written in advance, in the person's own
 * words, shown on the crisis screen. Reachable from the main navigation at any time.
 *
 * Nothing typed here is lost: the plan saves itself (encrypted, like the Save button) once typing
 * pauses, when focus leaves the form, when the page is hidden and when the screen closes. The
 * Save button stays for people who want to press it.
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type FocusEvent,
  type FormEvent,
} from "react";
import { emptySafetyPlan, type SafetyContact } from "../../guide";
import { openCrisis } from "../crisis/state";
import { useToast } from "../Toasts";
import type { AutosaveState } from "./autosave";
import { STEPS, TEXT, toDraft, type Draft, type ListKey, type PeopleKey } from "./draft";
import { planAutosave, storedSafetyPlan, useSafetyPlan } from "./store";
import "./safety-plan.css";

/** What the last press of the Save button found (until the next change). */
type Explicit = { kind: "saved" } | { kind: "empty" } | { kind: "problem"; state: AutosaveState };

const SAVED = "Saved. Your safety plan is encrypted on this device.";
const AUTOSAVED = "All changes saved. Encrypted on this device.";

const useAutosaveState = () =>
  useSyncExternalStore(
    (l) => planAutosave.subscribe(l),
    () => planAutosave.state,
  );

export function SafetyPlanEditor() {
  const plan = useSafetyPlan();
  const auto = useAutosaveState();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [explicit, setExplicit] = useState<Explicit | null>(null);
  const [busy, setBusy] = useState(false);
  const saveButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (draft !== null || (plan.state !== "ready" && plan.state !== "error")) return;
    // What was typed earlier in this session wins over the stored plan: it may not be written yet.
    const session = planAutosave.value;
    setDraft(session ?? toDraft((plan.state === "ready" && plan.plan) || emptySafetyPlan()));
  }, [plan, draft]);

  // Leaving the screen saves at once (hiding or closing the page: see store.ts).
  useEffect(
    () => () =>
      void planAutosave.flush().then((s) => {
        if (s.kind === "failed" || s.kind === "invalid")
          toast({
            text: "Your latest safety plan changes aren't saved yet. They're still on “My safety plan”: open it to see why.",
            ms: 12_000,
          });
      }),
    [toast],
  );

  const change = (next: Draft) => {
    setDraft(next);
    setExplicit(null);
    planAutosave.change(next);
  };

  // Focus leaving the form (a navigation link, Lock) saves at once instead of after the pause.
  const onBlur = (e: FocusEvent<HTMLFormElement>) => {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)))
      void planAutosave.flush();
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setExplicit(null);
    const s = await planAutosave.flush();
    if (s.kind === "invalid" || s.kind === "failed") setExplicit({ kind: "problem", state: s });
    else if (s.kind === "saved" || storedSafetyPlan()) setExplicit({ kind: "saved" });
    else if (s.kind === "idle") setExplicit({ kind: "empty" }); // no plan yet, and nothing written
    setBusy(false);
    // The button was pressed: focus stays on it (never dropped to the page).
    if (!document.activeElement || document.activeElement === document.body) saveButton.current?.focus();
  };

  const problem =
    explicit?.kind === "problem"
      ? explicit.state
      : auto.kind === "invalid" || auto.kind === "failed"
        ? auto
        : null;
  const loud = explicit?.kind === "problem";
  const status =
    explicit?.kind === "saved"
      ? SAVED
      : explicit?.kind === "empty"
        ? "Nothing to save yet: write something in any step first."
        : auto.kind === "saved"
          ? AUTOSAVED
          : "";

  return (
    <main id="main" className="page safety-plan" aria-labelledby="plan-title">
      <h1 id="plan-title" tabIndex={-1}>
        My safety plan
      </h1>
      <p className="lede">
        A safety plan is a short list, written in your own words while things are calmer, of what helps when a
        crisis builds. It will be on the support screen if you ever need it. Write as much or as little as you
        like: it saves as you type.
      </p>
      <p>
        <button type="button" className="ghost" onClick={() => openCrisis("person")}>
          Show support lines now
        </button>
      </p>
      {plan.state === "error" && (
        <p className="field-error" role="alert">
          {plan.message}
        </p>
      )}
      {!draft ? (
        <p role="status" className="muted">
          Opening your safety plan…
        </p>
      ) : (
        <form className="plan-form stack" onSubmit={save} onBlur={onBlur}>
          {STEPS.map((fields, i) => (
            <fieldset key={i} className="plan-step card">
              <legend>
                <span className="plan-step-number">Step {i + 1}</span>
              </legend>
              {fields.map((f) =>
                f.kind === "list" ? (
                  <ListField
                    key={f.key}
                    name={f.key}
                    value={draft.lists[f.key]}
                    onChange={(v) => change({ ...draft, lists: { ...draft.lists, [f.key]: v } })}
                  />
                ) : (
                  <PeopleField
                    key={f.key}
                    name={f.key}
                    people={draft.people[f.key]}
                    onChange={(v) => change({ ...draft, people: { ...draft.people, [f.key]: v } })}
                  />
                ),
              )}
            </fieldset>
          ))}
          {problem && (
            // Loud after a press of Save; polite while typing (a half-typed row is not an emergency).
            <div
              key={loud ? "alert" : "status"}
              className="field-error plan-problem"
              role={loud ? "alert" : "status"}
              data-testid="plan-save-problem"
            >
              {problem.kind === "failed" ? (
                <p>
                  Your latest changes couldn't be saved: {problem.message} They are still here; press “Save my
                  safety plan” to try again.
                </p>
              ) : (
                <>
                  <p>Not saved yet. Once this is fixed, your plan saves by itself:</p>
                  <ul>{problem.kind === "invalid" && problem.errors.map((x) => <li key={x}>{x}</li>)}</ul>
                </>
              )}
            </div>
          )}
          <div className="actions start plan-actions">
            <button ref={saveButton} type="submit" className="primary" aria-disabled={busy || undefined}>
              Save my safety plan
            </button>
            <p className="plan-status muted" aria-hidden="true">
              {!status && (auto.kind === "saving" || busy) ? "Saving…" : ""}
            </p>
            <p role="status" className="plan-status success" data-testid="plan-save-status">
              {status}
            </p>
          </div>
        </form>
      )}
    </main>
  );
}

function ListField({
  name,
  value,
  onChange,
}: {
  name: ListKey;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  const t = TEXT[name];
  return (
    <div className="field">
      <label htmlFor={id}>{t.label}</label>
      <p id={`${id}-hint`} className="hint">
        {t.hint} One per line.
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

function PeopleField({
  name,
  people,
  onChange,
}: {
  name: PeopleKey;
  people: SafetyContact[];
  onChange: (v: SafetyContact[]) => void;
}) {
  const t = TEXT[name];
  const id = useId();
  const names = useRef<(HTMLInputElement | null)[]>([]);
  const addButton = useRef<HTMLButtonElement>(null);
  // After adding or removing a row, where focus goes once the rows have rendered.
  const focusNext = useRef<number | "add" | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === "add") addButton.current?.focus();
    else if (target !== null) names.current[target]?.focus();
  }, [people.length]);
  const update = (i: number, patch: Partial<SafetyContact>) =>
    onChange(people.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = () => {
    focusNext.current = people.length; // the new row's Name
    onChange([...people, { name: "" }]);
  };
  const remove = (i: number) => {
    // The row that takes its place, else the one before, else the add button.
    focusNext.current = people.length === 1 ? "add" : Math.min(i, people.length - 2);
    onChange(people.filter((_, j) => j !== i));
  };
  return (
    <div className="field" role="group" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="plan-people-label">
        {t.label}
      </p>
      {t.hint && <p className="hint">{t.hint}</p>}
      {people.map((p, i) => (
        <div key={i} className="plan-person-row">
          <input
            ref={(el) => {
              names.current[i] = el;
            }}
            aria-label={`${t.label}: name ${i + 1}`}
            placeholder="Name"
            value={p.name}
            maxLength={120}
            onChange={(e) => update(i, { name: e.target.value })}
          />
          <input
            aria-label={`${t.label}: phone ${i + 1}`}
            placeholder="Phone (optional)"
            type="tel"
            value={p.phone ?? ""}
            maxLength={40}
            onChange={(e) => update(i, { phone: e.target.value })}
          />
          <button
            type="button"
            className="ghost small"
            aria-label={`Remove ${p.name || `person ${i + 1}`}`}
            onClick={() => remove(i)}
          >
            Remove
          </button>
        </div>
      ))}
      <button ref={addButton} type="button" className="ghost small" onClick={add}>
        {t.add ?? "Add a person"}
      </button>
    </div>
  );
}
