// One entry as a conversation: header (rename, delete), mood check-in, messages, composer.
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import type { Entry, Message } from "../app-contract";
import { Conversation, Composer } from "./Conversation";
import { displayTitle, formatFull, titleFromText } from "./format";
import { errorMessage, useEntry } from "./hooks";
import { guideAvailable, onUserMessage } from "./guide-seam";
import { MoodCheckIn } from "./MoodCheckIn";
import { hrefFor, navigate } from "./router";
import { journal } from "./services";
import { useToast } from "./Toasts";

export function EntryView({ id }: { id: string }) {
  const [loaded, reload] = useEntry(id);
  if (loaded.state === "loading")
    return (
      <main id="main" className="entry" aria-busy="true">
        <p role="status" className="muted pad">
          Opening entry…
        </p>
      </main>
    );
  if (loaded.state === "error")
    return (
      <main id="main" className="entry">
        <div className="pad stack">
          <h1>Entry not available</h1>
          <p>{loaded.message}</p>
          <p>
            <a href={hrefFor({ name: "journal" })}>Back to your journal</a>
          </p>
        </div>
      </main>
    );
  return <LoadedEntry entry={loaded.value} reload={reload} />;
}

function LoadedEntry({ entry, reload }: { entry: Entry; reload: () => Promise<void> }) {
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [thinking, setThinking] = useState(0);
  useEffect(() => {
    // A new entry starts in the composer; an existing one announces its title.
    if (entry.messages.length > 0) headingRef.current?.focus();
  }, [entry.id]);

  // Leaving an entry that still holds nothing (no words, title, mood or tags) discards it, as if
  // "New entry" had never been pressed; never while a message is on its way in.
  const sending = useRef(0);
  useEffect(() => {
    const id = entry.id;
    openEntries.set(id, (openEntries.get(id) ?? 0) + 1);
    return () => {
      openEntries.set(id, (openEntries.get(id) ?? 1) - 1);
      // Checked a moment later: a remount of the same entry (React's StrictMode does one) keeps it.
      setTimeout(() => {
        if (!openEntries.get(id) && sending.current === 0) void discardIfEmpty(id);
      }, 0);
    };
  }, [entry.id]);

  const send = async (text: string) => {
    sending.current++;
    try {
      const message = await journal.addMessage(entry.id, { sender: "user", text });
      if (!entry.title.trim() && entry.messages.length === 0)
        await journal.rename(entry.id, titleFromText(text));
      await reload();
      // The composer clears as soon as the message is stored; the guide answers in the background.
      if (guideAvailable()) void askGuide(message);
    } finally {
      sending.current--;
    }
  };

  // Writing is never blocked by the guide: replies may overlap, the indicator counts them.
  const askGuide = async (message: Message) => {
    setThinking((n) => n + 1);
    try {
      await onUserMessage({ entry: await journal.get(entry.id), message });
    } catch (err) {
      toast({ text: errorMessage(err) });
    } finally {
      setThinking((n) => n - 1);
      await reload();
    }
  };

  const remove = async () => {
    try {
      const { undo } = await journal.remove(entry.id);
      navigate({ name: "journal" });
      toast({
        text: `Deleted “${displayTitle(entry.title)}”.`,
        ms: 7000,
        action: {
          label: "Undo",
          run: async () => {
            await undo();
            navigate({ name: "entry", id: entry.id });
          },
        },
      });
    } catch (err) {
      toast({ text: errorMessage(err) });
    }
  };

  return (
    <main id="main" className="entry" aria-labelledby="entry-title">
      <header className="entry-head">
        <a className="back" href={hrefFor({ name: "journal" })}>
          <span aria-hidden="true">←</span> All entries
        </a>
        <EntryTitle entry={entry} headingRef={headingRef} onRenamed={reload} onDelete={remove} />
      </header>
      <MoodCheckIn mood={entry.mood} onSave={(m) => journal.setMood(entry.id, m)} />
      {!guideAvailable() && (
        <p className="note" role="note">
          <strong>Plain journaling for now.</strong> Write as much or as little as you like. A gentle guide
          that answers on this device is coming in a later version.
        </p>
      )}
      <Conversation messages={entry.messages} thinking={thinking > 0} />
      <Composer onSend={send} autoFocus={entry.messages.length === 0} />
    </main>
  );
}

/** How many views of each entry are mounted. */
const openEntries = new Map<string, number>();

async function discardIfEmpty(id: string): Promise<void> {
  try {
    const e = await journal.get(id);
    if (e.messages.length === 0 && !e.title.trim() && !e.mood && e.tags.length === 0)
      await journal.remove(id);
  } catch {
    // Locked or already gone: nothing to discard.
  }
}

interface TitleProps {
  entry: Entry;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRenamed: () => Promise<void>;
  onDelete: () => Promise<void>;
}

function EntryTitle({ entry, headingRef, onRenamed, onDelete }: TitleProps) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(entry.title);
  const [error, setError] = useState("");
  const renameRef = useRef<HTMLButtonElement>(null);
  // Leaving the form without saving gives the keyboard back to the button that opened it.
  const cancel = () => {
    setEditing(false);
    setError("");
    requestAnimationFrame(() => renameRef.current?.focus());
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next = title.trim();
    if (!next) {
      setError("Give the entry a title, or press Cancel.");
      return;
    }
    try {
      await journal.rename(entry.id, next);
      await onRenamed();
      setEditing(false);
      setError("");
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  if (editing)
    return (
      <form className="rename" onSubmit={save}>
        <label htmlFor="rename-input" className="visually-hidden">
          Entry title
        </label>
        <input
          id="rename-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={120}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === "Escape") cancel();
          }}
          aria-invalid={Boolean(error) || undefined}
        />
        <button type="submit" className="primary small">
          Save
        </button>
        <button type="button" className="ghost small" onClick={cancel}>
          Cancel
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    );
  return (
    <div className="title-row">
      <h1 id="entry-title" ref={headingRef} tabIndex={-1}>
        {displayTitle(entry.title)}
      </h1>
      <div className="entry-meta-row">
        <time className="muted small" dateTime={new Date(entry.createdAt).toISOString()}>
          {formatFull(entry.createdAt)}
        </time>
        <button
          ref={renameRef}
          type="button"
          className="ghost small"
          onClick={() => {
            setTitle(entry.title);
            setEditing(true);
          }}
        >
          Rename
        </button>
        <button type="button" className="ghost small danger" onClick={() => void onDelete()}>
          Delete
        </button>
      </div>
    </div>
  );
}
