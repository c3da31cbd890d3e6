// Per-entry mood check-in: a 1–5 scale and emotion words, saved as soon as they change.
import { useId, useState } from "react";
import type { MoodCheckIn as Mood } from "../app-contract";
import { MOOD_WORDS } from "./format";
import { errorMessage } from "./hooks";

/** Emotion words offered as chips; the first eight match the guide's labels (shared/src/labels.ts). */
export const EMOTION_WORDS: { id: string; label: string }[] = [
  { id: "sadness", label: "Sad" },
  { id: "anxiety", label: "Anxious" },
  { id: "anger", label: "Angry" },
  { id: "loneliness", label: "Lonely" },
  { id: "shame", label: "Ashamed" },
  { id: "overwhelm", label: "Overwhelmed" },
  { id: "hopelessness", label: "Hopeless" },
  { id: "calm", label: "Calm" },
  { id: "tired", label: "Tired" },
  { id: "hopeful", label: "Hopeful" },
  { id: "grateful", label: "Grateful" },
  { id: "content", label: "Content" },
];

/** The 1–5 mood scale as radio buttons (entry check-in and the home screen's quick check-in). */
export function MoodScale(props: {
  name: string;
  score: Mood["score"] | undefined;
  onChange: (score: Mood["score"]) => void;
  legendClassName?: string;
}) {
  return (
    <fieldset className="mood-scale">
      <legend className={props.legendClassName}>Mood, from 1 (very low) to 5 (very good)</legend>
      <div className="scale">
        {MOOD_WORDS.map((word, i) => {
          const value = (i + 1) as Mood["score"];
          return (
            <label key={word} className={`scale-option mood-${value}`}>
              <input
                type="radio"
                name={props.name}
                value={value}
                checked={props.score === value}
                onChange={() => props.onChange(value)}
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
  );
}

/** Emotion words as checkbox chips. */
export function EmotionChips(props: { legend: string; selected: string[]; onToggle: (id: string) => void }) {
  return (
    <fieldset className="chips">
      <legend>{props.legend}</legend>
      <div className="chip-row">
        {EMOTION_WORDS.map((e) => (
          <label key={e.id} className="chip">
            <input
              type="checkbox"
              checked={props.selected.includes(e.id)}
              onChange={() => props.onToggle(e.id)}
            />
            <span>{e.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function MoodCheckIn({
  mood,
  onSave,
}: {
  mood?: Mood;
  onSave: (m: Mood | undefined) => Promise<void>;
}) {
  const name = useId();
  const [status, setStatus] = useState("");
  // Local copies answer the click at once; the saved check-in follows from the journal.
  const [score, setScoreState] = useState<Mood["score"] | undefined>(mood?.score);
  const [draftEmotions, setDraftEmotions] = useState<string[]>(mood?.emotions ?? []);
  const save = async (next: Mood | undefined, message: string) => {
    try {
      await onSave(next);
      setStatus(message);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const setScore = (next: Mood["score"]) => {
    setScoreState(next);
    void save(
      { score: next, emotions: draftEmotions, at: Date.now() },
      `Mood saved: ${MOOD_WORDS[next - 1]}.`,
    );
  };
  const toggle = (id: string) => {
    const emotions = draftEmotions.includes(id)
      ? draftEmotions.filter((e) => e !== id)
      : [...draftEmotions, id];
    setDraftEmotions(emotions);
    if (score) void save({ score, emotions, at: Date.now() }, "Feelings saved.");
  };
  return (
    <details className="mood">
      <summary>
        <span>How are you feeling?</span>
        {mood ? (
          <span className={`mood-badge mood-${mood.score}`}>{MOOD_WORDS[mood.score - 1]}</span>
        ) : (
          <span className="muted small summary-hint">Add a check-in</span>
        )}
      </summary>
      <div className="mood-body">
        <MoodScale name={name} score={score} onChange={setScore} />
        <EmotionChips legend="Words for it" selected={draftEmotions} onToggle={toggle} />
        <div className="mood-foot">
          <p className="status" role="status">
            {status}
          </p>
          {mood && (
            <button
              type="button"
              className="link small"
              onClick={() => {
                setDraftEmotions([]);
                setScoreState(undefined);
                void save(undefined, "Check-in cleared.");
              }}
            >
              Clear check-in
            </button>
          )}
        </div>
      </div>
    </details>
  );
}
