// Entries newest first: title, date, mood. The list opens without loading any entry.
import { useRef, useEffect, useState } from "react";
import { errorMessage, useEntryList } from "./hooks";
import { displayTitle, formatDay, moodWord } from "./format";
import { hrefFor, navigate } from "./router";
import { journal } from "./services";
import { useToast } from "./Toasts";
import { QuickCheckIn } from "./insights/QuickCheckIn";

export function JournalList({ activeId, isMain }: { activeId?: string; isMain: boolean }) {
  const entries = useEntryList();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const create = async () => {
    setCreating(true);
    try {
      const id = await journal.create();
      navigate({ name: "entry", id });
    } catch (err) {
      toast({ text: errorMessage(err) });
    } finally {
      setCreating(false);
    }
  };
  const heading = useRef<HTMLHeadingElement>(null);
  // Arriving at the list (after unlock, Back, or a delete) announces it.
  useEffect(() => {
    if (isMain) heading.current?.focus();
  }, [isMain]);
  const Tag = isMain ? "main" : "nav";
  const Heading = isMain ? "h1" : "h2";
  return (
    <Tag id={isMain ? "main" : undefined} className="entry-list" aria-labelledby="list-title">
      <div className="list-head">
        <Heading id="list-title" tabIndex={-1} ref={heading}>
          Your journal
        </Heading>
        <button type="button" className="primary" onClick={create} disabled={creating}>
          <svg
            aria-hidden="true"
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.6"
            strokeLinecap="round"
          >
            <path d="M12 5v14M5 12h14" />
          </svg>
          New entry
        </button>
      </div>
      {isMain && <QuickCheckIn />}
      {entries.length === 0 ? (
        <div className="empty">
          <p>
            <strong>Nothing here yet.</strong>
          </p>
          <p>Start an entry and write whatever is on your mind. It stays encrypted on this device.</p>
        </div>
      ) : (
        <ol
          className="entries"
          aria-label={`${entries.length} ${entries.length === 1 ? "entry" : "entries"}`}
        >
          {entries.map((e) => (
            <li key={e.id}>
              <a
                href={hrefFor({ name: "entry", id: e.id })}
                aria-current={e.id === activeId ? "page" : undefined}
                className="entry-link"
              >
                <span className="entry-title">{displayTitle(e.title)}</span>
                <span className="entry-meta">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDay(e.createdAt)}</time>
                  {e.mood ? (
                    <span className={`mood-badge mood-${e.mood}`}>
                      <span className="visually-hidden">Mood: </span>
                      {moodWord(e.mood)}
                    </span>
                  ) : null}
                </span>
                {e.preview && <span className="entry-preview">{e.preview}</span>}
              </a>
            </li>
          ))}
        </ol>
      )}
    </Tag>
  );
}
