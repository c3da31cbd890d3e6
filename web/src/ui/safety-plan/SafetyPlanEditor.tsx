/**
 * "My safety plan" (Stanley–Brown safety planning): written in advance, in the person's own
 * words, shown on the crisis screen. Reachable from the main navigation at any time.
 */
import { useEffect, useId, useState, type FormEvent } from "react";
import { emptySafetyPlan, type SafetyContact, type SafetyPlan } from "../../guide";
import { openCrisis } from "../crisis/state";
import { errorMessage } from "../hooks";
import { saveSafetyPlan, useSafetyPlan } from "./store";
import "./safety-plan.css";

type ListKey = "warningSigns" | "copingStrategies" | "places" | "environmentSafety" | "reasonsForLiving";
type PeopleKey = "distractionPeople" | "helpPeople" | "professionals";

interface Draft {
  lists: Record<ListKey, string>;
  people: Record<PeopleKey, SafetyContact[]>;
}

const STEPS: ({ kind: "list"; key: ListKey } | { kind: "people"; key: PeopleKey })[][] = [
  [{ kind: "list", key: "warningSigns" }],
  [{ kind: "list", key: "copingStrategies" }],
  [
    { kind: "list", key: "places" },
    { kind: "people", key: "distractionPeople" },
  ],
  [{ kind: "people", key: "helpPeople" }],
  [{ kind: "people", key: "professionals" }],
  [{ kind: "list", key: "environmentSafety" }],
  [{ kind: "list", key: "reasonsForLiving" }],
];

const TEXT: Record<ListKey | PeopleKey, { label: string; hint: string }> = {
  warningSigns: {
    label: "Warning signs that a crisis may be developing",
    hint: "Thoughts, moods, situations or things you do that tell you a hard time may be coming.",
  },
  copingStrategies: {
    label: "Things I can do on my own to take my mind off things",
    hint: "Without contacting anyone: a walk, music, a shower, a breathing exercise…",
  },
  places: {
    label: "Places that help me take my mind off things",
    hint: "Somewhere with other people around: a café, a library, a park, the gym…",
  },
  distractionPeople: { label: "People who help me take my mind off things", hint: "" },
  helpPeople: { label: "People I can ask for help", hint: "People you trust to talk to when it gets hard." },
  professionals: {
    label: "Professionals or services I can contact",
    hint: "Your doctor, a therapist, a local crisis service…",
  },
  environmentSafety: {
    label: "Making my surroundings safer",
    hint: "Ways to keep things you could use to hurt yourself out of reach, or to ask someone to hold them.",
  },
  reasonsForLiving: {
    label: "My reasons for living",
    hint: "The people, pets, plans and things that matter most to you.",
  },
};

function toDraft(p: SafetyPlan): Draft {
  const lines = (xs: string[]) => xs.join("\n");
  return {
    lists: {
      warningSigns: lines(p.warningSigns),
      copingStrategies: lines(p.copingStrategies),
      places: lines(p.distractions.places),
      environmentSafety: lines(p.environmentSafety),
      reasonsForLiving: lines(p.reasonsForLiving),
    },
    people: {
      distractionPeople: p.distractions.people,
      helpPeople: p.helpPeople,
      professionals: p.professionals,
    },
  };
}

function fromDraft(d: Draft, base: SafetyPlan): SafetyPlan {
  const items = (s: string) => s.split("\n");
  return {
    ...base,
    warningSigns: items(d.lists.warningSigns),
    copingStrategies: items(d.lists.copingStrategies),
    distractions: { places: items(d.lists.places), people: d.people.distractionPeople },
    helpPeople: d.people.helpPeople,
    professionals: d.people.professionals,
    environmentSafety: items(d.lists.environmentSafety),
    reasonsForLiving: items(d.lists.reasonsForLiving),
  };
}

export function SafetyPlanEditor() {
  const plan = useSafetyPlan();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (plan.state === "ready" && draft === null) setDraft(toDraft(plan.plan ?? emptySafetyPlan()));
    if (plan.state === "error" && draft === null) setDraft(toDraft(emptySafetyPlan()));
  }, [plan, draft]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setSaving(true);
    setStatus("");
    setErrors([]);
    try {
      const base = plan.state === "ready" && plan.plan ? plan.plan : emptySafetyPlan();
      const r = await saveSafetyPlan(fromDraft(draft, base));
      if (r.ok) setStatus("Saved. Your safety plan is encrypted on this device.");
      else setErrors(r.errors);
    } catch (err) {
      setErrors([errorMessage(err)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <main id="main" className="page safety-plan" aria-labelledby="plan-title">
      <h1 id="plan-title" tabIndex={-1}>
        My safety plan
      </h1>
      <p className="lede">
        A safety plan is a short list, written in your own words while things are calmer, of what helps when a
        crisis builds. It will be on the support screen if you ever need it. Write as much or as little as you
        like.
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
        <form className="plan-form stack" onSubmit={save}>
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
                    onChange={(v) => setDraft({ ...draft, lists: { ...draft.lists, [f.key]: v } })}
                  />
                ) : (
                  <PeopleField
                    key={f.key}
                    name={f.key}
                    people={draft.people[f.key]}
                    onChange={(v) => setDraft({ ...draft, people: { ...draft.people, [f.key]: v } })}
                  />
                ),
              )}
            </fieldset>
          ))}
          {errors.length > 0 && (
            <ul className="field-error" role="alert">
              {errors.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
          <div className="actions start">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? "Saving…" : "Save my safety plan"}
            </button>
            <p role="status" className="success">
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
  const update = (i: number, patch: Partial<SafetyContact>) =>
    onChange(people.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div className="field" role="group" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="plan-people-label">
        {t.label}
      </p>
      {t.hint && <p className="hint">{t.hint}</p>}
      {people.map((p, i) => (
        <div key={i} className="plan-person-row">
          <input
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
            onClick={() => onChange(people.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="ghost small" onClick={() => onChange([...people, { name: "" }])}>
        Add a person
      </button>
    </div>
  );
}
