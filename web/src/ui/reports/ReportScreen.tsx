// "Summary for my therapist": pick a date range and entries, then download a PDF or Markdown
// made on this device; and a CSV of mood check-ins.
import { useEffect, useId, useMemo, useState } from "react";
import { dayKey, dayNumber, localTimeZone } from "../../insights";
import { buildReport, checkRange, moodCsv, reportMarkdown, type Report } from "../../reports";
import { THOUGHT_RECORD_TAG } from "../../exercises/thought-record";
import { displayTitle, formatDay } from "../format";
import { errorMessage, useEntryList } from "../hooks";
import { loadInsightData, type InsightData } from "../insights/load";
import { hrefFor } from "../router";
import { downloadBytes } from "./download";
import "../insights/insights.css";
import "./reports.css";

const DAY_MS = 86_400_000;
const keyBefore = (key: string, days: number) =>
  new Date((dayNumber(key) - days) * DAY_MS).toISOString().slice(0, 10);

export default function ReportScreen() {
  const id = useId();
  const list = useEntryList();
  const tz = localTimeZone();
  const today = dayKey(Date.now(), tz);
  const [from, setFrom] = useState(() => keyBefore(today, 29));
  const [to, setTo] = useState(today);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [data, setData] = useState<InsightData | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    loadInsightData()
      .then((d) => live && setData(d))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [list]);

  const problem = checkRange(from, to);
  const inRange = useMemo(
    () =>
      (data?.entries ?? [])
        .filter((e) => !e.tags.includes(THOUGHT_RECORD_TAG))
        .filter((e) => {
          const k = dayKey(e.createdAt, tz);
          return k >= from && k <= to;
        })
        .sort((a, b) => b.createdAt - a.createdAt),
    [data, from, to, tz],
  );
  const report: Report | null = useMemo(() => {
    if (!data || problem) return null;
    return buildReport(data.entries, data.quick, {
      from,
      to,
      timeZone: tz,
      entryIds: [...chosen],
      generatedAt: Date.now(),
    });
  }, [data, from, to, chosen, problem, tz]);

  const run = async (what: string, fn: (r: Report) => Promise<void> | void) => {
    if (!report) return;
    setBusy(true);
    setError("");
    try {
      await fn(report);
      setStatus(
        `${what} is ready in your downloads. It was made on this device and is not encrypted: keep it somewhere safe.`,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const name = `ventwell-summary-${from}-to-${to}`;
  const pdf = () =>
    run("The PDF", async (r) => {
      const { reportPdf } = await import("../../reports/pdf");
      downloadBytes(`${name}.pdf`, reportPdf(r), "application/pdf");
    });
  const md = () =>
    run("The Markdown file", (r) =>
      downloadBytes(`${name}.md`, new TextEncoder().encode(reportMarkdown(r)), "text/markdown"),
    );
  const csv = () =>
    run("The CSV", (r) =>
      downloadBytes(
        `ventwell-moods-${from}-to-${to}.csv`,
        new TextEncoder().encode(moodCsv(r.moods)),
        "text/csv",
      ),
    );

  const toggle = (entryId: string) =>
    setChosen((cur) => {
      const next = new Set(cur);
      if (next.has(entryId)) next.delete(entryId);
      else next.add(entryId);
      return next;
    });

  return (
    <main id="main" className="page stack" aria-labelledby="report-title">
      <a className="back" href={hrefFor({ name: "insights" })}>
        <span aria-hidden="true">←</span> Insights
      </a>
      <h1 id="report-title" tabIndex={-1}>
        Summary for my therapist
      </h1>
      <p>
        A report of your moods, the thought records you wrote and the entries you choose, for a range of
        dates. It is made on this device; nothing is sent anywhere.
      </p>
      <fieldset className="search-filters">
        <legend>Dates</legend>
        <label>
          From
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
      </fieldset>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!data ? (
        <p role="status" className="muted">
          Reading your journal…
        </p>
      ) : (
        report && (
          <>
            <p data-testid="report-summary">
              {report.summary.count === 0
                ? "No mood check-ins in this range."
                : `${report.summary.count} mood check-ins, average ${report.summary.average} of 5. ${report.thoughtRecords.length} thought records.`}
            </p>
            <fieldset className="report-entries">
              <legend>Entries to include in full ({chosen.size} chosen)</legend>
              {inRange.length === 0 ? (
                <p className="muted small">No entries in this range.</p>
              ) : (
                <ul>
                  {inRange.map((e) => (
                    <li key={e.id}>
                      <label>
                        <input type="checkbox" checked={chosen.has(e.id)} onChange={() => toggle(e.id)} />
                        <span>{displayTitle(e.title)}</span>{" "}
                        <span className="muted small">{formatDay(e.createdAt)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
            <div className="report-actions" aria-describedby={`${id}-note`}>
              <button type="button" className="primary" onClick={pdf} disabled={busy}>
                Download PDF
              </button>
              <button type="button" onClick={md} disabled={busy}>
                Download Markdown
              </button>
              <button type="button" onClick={csv} disabled={busy}>
                Download mood CSV
              </button>
            </div>
            <p id={`${id}-note`} className="hint">
              Downloaded files are not encrypted. Share them only with someone you trust.
            </p>
          </>
        )
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="status" role="status">
        {status}
      </p>
    </main>
  );
}
