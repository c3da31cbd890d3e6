// On-device search over titles, messages and thought records, with date, mood and tag filters.
import { useEffect, useId, useRef, useState } from "react";
import type { SearchQuery, SearchResults } from "../../search";
import { startOfDay, localTimeZone, dayNumber } from "../../insights";
import { displayTitle, formatDay, MOOD_WORDS, moodWord } from "../format";
import { errorMessage, useEntryList } from "../hooks";
import { hrefFor } from "../router";
import { Highlighted } from "./Highlighted";
import { searchService } from "./search-service";
import "../insights/insights.css";
import "./search.css";

const DAY_MS = 86_400_000;

export default function SearchScreen() {
  const id = useId();
  const list = useEntryList();
  const [text, setText] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [mood, setMood] = useState("");
  const [tag, setTag] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const ask = useRef(0);

  useEffect(() => {
    const n = ++ask.current;
    const tz = localTimeZone();
    const q: SearchQuery = { text, limit: 50 };
    if (from) q.from = startOfDay(from, tz);
    if (to) q.to = startOfDay(new Date((dayNumber(to) + 1) * DAY_MS).toISOString().slice(0, 10), tz) - 1;
    if (mood) q.moods = [Number(mood)];
    if (tag) q.tags = [tag];
    const filtered = Boolean(from || to || mood || tag);
    if (!text.trim() && !filtered) {
      setResults(null);
      setStatus("");
      return;
    }
    if (from && to && from > to) {
      setError("The start date is after the end date.");
      return;
    }
    setError("");
    const timer = setTimeout(async () => {
      try {
        const r = await searchService().search(q, (done, total) => {
          if (n === ask.current) setStatus(`Preparing search… ${done} of ${total} entries`);
        });
        if (n !== ask.current) return;
        setResults(r);
        setTags(searchService().tags());
        setStatus(`${r.total === 0 ? "No" : r.total} ${r.total === 1 ? "entry matches" : "entries match"}.`);
      } catch (err) {
        if (n === ask.current) setError(errorMessage(err));
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [text, from, to, mood, tag, list]);

  return (
    <main id="main" className="page search" aria-labelledby="search-title">
      <h1 id="search-title" tabIndex={-1}>
        Search
      </h1>
      <p className="muted small">Searches your decrypted journal in this device's memory only.</p>
      <form role="search" className="search-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-q`}>Search your journal</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Words from a title, a message or a thought record"
          autoFocus
          autoComplete="off"
        />
        <fieldset className="search-filters">
          <legend>Filters</legend>
          <label>
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            Mood
            <select value={mood} onChange={(e) => setMood(e.target.value)}>
              <option value="">Any mood</option>
              {MOOD_WORDS.map((w, i) => (
                <option key={w} value={i + 1}>
                  {i + 1} · {w}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tag
            <select value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
      {results && results.hits.length > 0 && (
        <ol className="search-results" aria-label="Search results">
          {results.hits.map((h) => (
            <li key={h.entryId}>
              <a
                className="search-hit"
                href={hrefFor({
                  name: "entry",
                  id: h.entryId,
                  ...(h.message ? { messageId: h.message.id } : {}),
                })}
              >
                <span className="entry-title">
                  <Highlighted
                    text={displayTitle(h.title)}
                    ranges={h.title.trim() ? h.titleHighlights : []}
                  />
                </span>
                <span className="entry-meta">
                  <time dateTime={new Date(h.createdAt).toISOString()}>{formatDay(h.createdAt)}</time>
                  {h.mood ? <span className={`mood-badge mood-${h.mood}`}>{moodWord(h.mood)}</span> : null}
                  {h.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </span>
                {h.message && (
                  <span className="search-snippet">
                    <span className="visually-hidden">
                      {h.message.sender === "user" ? "You wrote: " : "The guide: "}
                    </span>
                    <Highlighted text={h.message.snippet} ranges={h.message.highlights} />
                  </span>
                )}
                {h.matchingMessages > 1 && (
                  <span className="muted small">{h.matchingMessages} matching messages</span>
                )}
              </a>
            </li>
          ))}
        </ol>
      )}
      {results && results.total > results.hits.length && (
        <p className="muted small">
          Showing the best {results.hits.length}. Add a word or a filter to narrow it down.
        </p>
      )}
    </main>
  );
}
