// Home-screen mood check-in: a 1–5 choice and optional words, sealed in the vault on save.
import { useId, useState, type FormEvent } from "react";
import type { MoodCheckIn } from "../../app-contract";
import { MOOD_WORDS } from "../format";
import { errorMessage } from "../hooks";
import { EmotionChips, MoodScale } from "../MoodCheckIn";
import { hrefFor } from "../router";
import { announceQuickCheckIns, quickCheckIns } from "./quick-store";
import "./quick-checkin.css";

export function QuickCheckIn() {
  const name = useId();
  const [score, setScore] = useState<MoodCheckIn["score"] | undefined>();
  const [emotions, setEmotions] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [saving, setSaving] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!score) {
      setStatus("Pick how you feel first, from 1 to 5.");
      return;
    }
    setSaving(true);
    try {
      await quickCheckIns.add({ score, emotions });
      announceQuickCheckIns();
      setStatus(`Check-in saved: ${MOOD_WORDS[score - 1]}.`);
      setScore(undefined);
      setEmotions([]);
    } catch (err) {
      setStatus(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="quick-checkin" onSubmit={save} aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`} className="quick-title">
        How are you right now?
      </h2>
      <MoodScale name={name} score={score} onChange={setScore} legendClassName="visually-hidden" />
      {score !== undefined && (
        <EmotionChips
          legend="Words for it (optional)"
          selected={emotions}
          onToggle={(id) =>
            setEmotions((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]))
          }
        />
      )}
      <div className="quick-foot">
        <button type="submit" className="primary small" disabled={saving || score === undefined}>
          Save check-in
        </button>
        <a className="small" href={hrefFor({ name: "insights" })}>
          See your insights
        </a>
        <p className="status" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
