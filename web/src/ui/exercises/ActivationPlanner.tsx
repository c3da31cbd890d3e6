// Behavioural activation: plan one small, valued activity for a day, then check it off.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { checkPlan, localDay, type ActivationPlan } from "../../exercises";
import { activationPlanner } from "../../exercises/app";
import { errorMessage } from "../hooks";

export function ActivationPlanner({ mode, onPlanned }: { mode: "plan" | "list"; onPlanned?: () => void }) {
  return mode === "plan" ? <PlanForm onPlanned={onPlanned ?? (() => undefined)} /> : <PlanList />;
}

function PlanForm({ onPlanned }: { onPlanned: () => void }) {
  const [activity, setActivity] = useState("");
  const [why, setWhy] = useState("");
  const [day, setDay] = useState(() => localDay(Date.now()));
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkPlan({ activity, why, day });
    if (problem) return setError(problem);
    setSaving(true);
    try {
      await activationPlanner.add({ activity, why, day });
      onPlanned();
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>
        Think of something small that matters to you: connecting with someone, moving your body, making or
        finishing something, or simply something you used to enjoy. Small enough that you could do it even on
        a low day.
      </p>
      <div className="field">
        <label htmlFor="ba-activity">One small activity</label>
        <input
          id="ba-activity"
          value={activity}
          maxLength={300}
          onChange={(e) => setActivity(e.target.value)}
          placeholder="e.g. a ten-minute walk after lunch"
        />
      </div>
      <div className="field">
        <label htmlFor="ba-why">Why it matters to you (optional)</label>
        <input id="ba-why" value={why} maxLength={1000} onChange={(e) => setWhy(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ba-day">When</label>
        <input id="ba-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions start">
        <button type="submit" className="primary" disabled={saving}>
          Plan it
        </button>
      </div>
    </form>
  );
}

function PlanList() {
  const [plans, setPlans] = useState<ActivationPlan[] | null>(null);
  const [error, setError] = useState("");
  const reload = useCallback(async () => {
    try {
      setPlans(await activationPlanner.list());
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const toggle = async (p: ActivationPlan, done: boolean) => {
    // The tick shows once the encrypted write is durable: a shown tick is never lost on reload.
    await activationPlanner.setDone(p.id, done).catch((err: unknown) => setError(errorMessage(err)));
    await reload();
  };
  const remove = async (p: ActivationPlan) => {
    await activationPlanner.remove(p.id).catch((err: unknown) => setError(errorMessage(err)));
    await reload();
  };
  if (error) return <p className="field-error">{error}</p>;
  if (!plans?.length) return null;
  return (
    <section className="stack" aria-labelledby="ba-plans">
      <h2 id="ba-plans">Your planned activities</h2>
      <ul className="plan-list">
        {plans.map((p) => (
          <li key={p.id} className={p.doneAt ? "done" : undefined}>
            <label className="check">
              <input
                type="checkbox"
                checked={Boolean(p.doneAt)}
                onChange={(e) => void toggle(p, e.target.checked)}
              />
              <span>
                {p.activity} <span className="muted small">· {formatDay(p.day)}</span>
                {p.why && <span className="muted small plan-why">{p.why}</span>}
              </span>
            </label>
            <button
              type="button"
              className="link small"
              onClick={() => void remove(p)}
              aria-label={`Remove ${p.activity}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
  });
}
