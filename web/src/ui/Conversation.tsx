// Messages as bubbles (the person's on the right, the guide's on the left) and the composer.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Message } from "../app-contract";
import { formatDay, formatTime } from "./format";
import { errorMessage } from "./hooks";
import { CrisisMarker, PhaseLabel, PHASE_WORDS } from "./guide/PhaseLabel";
import { TryExercise } from "./exercises/TryExercise";

export function Conversation({ messages, thinking }: { messages: Message[]; thinking: boolean }) {
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const end = endRef.current;
    if (!end) return;
    // The composer sticks to the bottom of the page: keep the newest message (and its "Try:"
    // button) above it, not behind it.
    const composer = document.querySelector<HTMLElement>(".composer");
    end.style.scrollMarginBottom = `${(composer?.offsetHeight ?? 0) + 8}px`;
    end.scrollIntoView({ block: "end" });
  }, [messages.length, thinking]);
  if (messages.length === 0 && !thinking) return <div className="conversation empty-conv" />;
  let lastDay = "";
  return (
    <section className="conversation" aria-label="Conversation">
      <ol className="messages">
        {messages.map((m) => {
          const day = formatDay(m.at);
          const divider = day !== lastDay;
          lastDay = day;
          return (
            <li
              key={m.id}
              data-message-id={m.id}
              className={`msg ${m.sender}`}
              data-phase={m.sender === "guide" && !m.crisis ? m.phase : undefined}
              data-crisis={m.crisis ? "true" : undefined}
            >
              {divider && <p className="day-divider">{day}</p>}
              <span className="visually-hidden">
                {m.sender === "user"
                  ? "You wrote:"
                  : `The guide replied${m.phase && !m.crisis ? ` (${PHASE_WORDS[m.phase]})` : ""}:`}
              </span>
              {m.sender === "guide" && m.phase && !m.crisis && <PhaseLabel phase={m.phase} />}
              {m.sender === "guide" && m.crisis ? <CrisisMarker /> : <div className="bubble">{m.text}</div>}
              {m.sender === "guide" && <TryExercise message={m} />}
              <time className="msg-time" dateTime={new Date(m.at).toISOString()}>
                {formatTime(m.at)}
              </time>
            </li>
          );
        })}
      </ol>
      <div aria-live="polite" className="live">
        {thinking && (
          <p className="msg guide thinking">
            <span className="bubble">The guide is reading…</span>
          </p>
        )}
      </div>
      <div ref={endRef} />
    </section>
  );
}

export function Composer({
  onSend,
  autoFocus,
  disabled = false,
}: {
  onSend: (text: string) => Promise<void>;
  autoFocus: boolean;
  disabled?: boolean;
}) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState("");
  const hintId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const send = async () => {
    const value = text.trim();
    if (!value || sending || disabled) return;
    setSending(true);
    setError("");
    try {
      await onSend(value);
      setText("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
      ref.current?.focus();
    }
  };
  // On a touch screen the on-screen keyboard's Enter starts a new line (journaling wants
  // paragraphs); the Send button sends. With a hardware keyboard, Enter sends.
  const [touch] = useState(() => globalThis.matchMedia?.("(pointer: coarse)").matches ?? false);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (touch) return;
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-input" className="visually-hidden">
        Write a message
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={2}
        placeholder="Write what's on your mind…"
        aria-describedby={hintId}
        autoFocus={autoFocus}
        readOnly={sending}
      />
      <button type="submit" className="primary" disabled={!text.trim() || sending || disabled}>
        Send
      </button>
      <p id={hintId} className="hint composer-hint">
        {touch ? "Tap Send when you're ready" : "Enter to send · Shift+Enter for a new line"}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
