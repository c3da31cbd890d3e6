// Home-screen mood check-in: a 1–5 choice and optional words, sealed in the vault on save.
import { useId, useState, type FormEvent } from "react";
import type { MoodCheckIn } from "../../app-contract";
import { MOOD_WORDS } from "../format";
import { errorMessage } from "../hooks";
import { EMOTION_WORDS } from "../MoodCheckIn";
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
      <fieldset className="mood-scale">
        <legend className="visually-hidden">Mood, from 1 (very low) to 5 (very good)</legend>
        <div className="scale">
          {MOOD_WORDS.map((word, i) => {
            const value = (i + 1) as MoodCheckIn["score"];
            return (
              <label key={word} className={`scale-option mood-${value}`}>
                <input
                  type="radio"
                  name={name}
                  value={value}
                  checked={score === value}
                  onChange={() => setScore(value)}
                />
                <span className="scale-num" aria-hidden="true">
                  {value}
                </span>
                <span className="scale-word">{word}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {score !== undefined && (
        <fieldset className="chips">
          <legend>Words for it (optional)</legend>
          <div className="chip-row">
            {EMOTION_WORDS.map((e) => (
              <label key={e.id} className="chip">
                <input
                  type="checkbox"
                  checked={emotions.includes(e.id)}
                  onChange={() =>
                    setEmotions((cur) =>
                      cur.includes(e.id) ? cur.filter((x) => x !== e.id) : [...cur, e.id],
                    )
                  }
                />
                <span>{e.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
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
