// Mood insights, all computed here on the device from the decrypted journal.
import { exerciseById } from "@ventwell/shared";
import { useEffect, useMemo, useState } from "react";
import {
  computeInsights,
  emotionLabel,
  localTimeZone,
  moodWord,
  PERIODS,
  TRAP_NAMES,
  type Insights,
  type Period,
} from "../../insights";
import { errorMessage, useEntryList } from "../hooks";
import { hrefFor } from "../router";
import { shortBucketLabel } from "./axis";
import { Chart, type ChartSeries } from "./Chart";
import { loadInsightData, type InsightData } from "./load";
import { onQuickCheckInsChanged } from "./quick-store";
import "./insights.css";

const PERIOD_WORDS: Record<Period, string> = { week: "Week", month: "Month", year: "Year" };
const PERIOD_SPAN: Record<Period, string> = {
  week: "the last 7 days",
  month: "the last 30 days",
  year: "the last 12 months",
};
const moodTick = (v: number) => (Number.isInteger(v) ? `${v} ${moodWord(v)}` : "");
const moodCell = (v: number | null) => (v === null ? "No check-in" : `${v} (${moodWord(Math.round(v))})`);
const countCell = (v: number | null) => String(v ?? 0);

export default function InsightsScreen() {
  const list = useEntryList();
  const [data, setData] = useState<InsightData | null>(null);
  const [error, setError] = useState("");
  const [progress, setProgress] = useState("");
  const [period, setPeriod] = useState<Period>("week");
  const [version, setVersion] = useState(0);
  useEffect(() => onQuickCheckInsChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let live = true;
    loadInsightData(
      (done, total) => live && total > 20 && setProgress(`Reading entries… ${done} of ${total}`),
    )
      .then((d) => live && (setData(d), setError("")))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [list, version]);
  const insights = useMemo(
    () => (data ? computeInsights(data, { period, now: Date.now(), timeZone: localTimeZone() }) : null),
    [data, period],
  );

  return (
    <main id="main" className="page insights" aria-labelledby="insights-title">
      <div className="insights-head">
        <h1 id="insights-title" tabIndex={-1}>
          Insights
        </h1>
        <a className="button" href={hrefFor({ name: "report" })}>
          Summary for my therapist
        </a>
      </div>
      <p className="muted small">Worked out on this device from your journal. Nothing leaves it.</p>
      <fieldset className="segmented">
        <legend className="visually-hidden">Period</legend>
        {PERIODS.map((p) => (
          <label key={p} className={period === p ? "on" : undefined}>
            <input type="radio" name="period" checked={period === p} onChange={() => setPeriod(p)} />
            <span>{PERIOD_WORDS[p]}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!insights ? (
        <p role="status" className="muted">
          {progress || "Working out your insights…"}
        </p>
      ) : (
        <InsightsBody ins={insights} />
      )}
    </main>
  );
}

function InsightsBody({ ins }: { ins: Insights }) {
  const span = PERIOD_SPAN[ins.period];
  const labels = useMemo(() => ins.series.map((b) => b.label), [ins]);
  const shortLabels = useMemo(() => ins.series.map((b) => shortBucketLabel(b.key)), [ins]);
  const moodSeries = useMemo<ChartSeries[]>(
    () => [
      {
        label: ins.period === "year" ? "Average mood" : "Mood",
        values: ins.series.map((b) => b.average),
        color: "--primary",
      },
    ],
    [ins],
  );
  const weekdayLabels = useMemo(() => ins.weekdays.map((d) => d.weekday), [ins]);
  const weekdayShort = useMemo(() => ins.weekdays.map((d) => d.weekday.slice(0, 3)), [ins]);
  const weekdaySeries = useMemo<ChartSeries[]>(
    () => [{ label: "Average mood", values: ins.weekdays.map((d) => d.average), color: "--mood-4" }],
    [ins],
  );
  const top = ins.emotions.slice(0, 3);
  const emotionSeries = useMemo<ChartSeries[]>(
    () =>
      top.map((w, i) => ({
        label: emotionLabel(w.word),
        values: w.perBucket,
        color: ["--mood-5", "--mood-2", "--mood-1"][i]!,
      })),
    [ins],
  );
  const y15: [number, number] = useMemo(() => [0.5, 5.5], []);
  const withData = ins.series.filter((b) => b.average !== null).length;
  return (
    <div className="stack-lg">
      <dl className="stats">
        <div>
          <dt>Average mood</dt>
          <dd data-testid="average-mood">
            {ins.average === null ? "—" : `${ins.average} · ${moodWord(Math.round(ins.average))}`}
          </dd>
        </div>
        <div>
          <dt>Check-ins</dt>
          <dd>{ins.checkInCount}</dd>
        </div>
        <div>
          <dt>Current streak</dt>
          <dd>{days(ins.streaks.current)}</dd>
        </div>
        <div>
          <dt>Longest streak</dt>
          <dd>{days(ins.streaks.longest)}</dd>
        </div>
        <div>
          <dt>Exercises done</dt>
          <dd>{ins.exercises.total}</dd>
        </div>
      </dl>
      <p className="muted small stats-note">
        Check-ins are counted over {span}; a streak counts days in a row on which you wrote or checked in.
      </p>

      <section className="card" aria-labelledby="mood-h">
        <h2 id="mood-h">Mood over {span}</h2>
        {ins.checkInCount === 0 ? (
          <p className="muted">
            No check-ins in {span} yet. Add one from the journal's home screen or in an entry.
          </p>
        ) : (
          <Chart
            testId="mood-chart"
            title={`Mood, ${span}`}
            summary={`${ins.checkInCount} check-ins on ${withData} ${ins.period === "year" ? "months" : "days"}, average ${ins.average} out of 5.`}
            labels={labels}
            shortLabels={shortLabels}
            series={moodSeries}
            kind="line"
            yRange={y15}
            yLabel={moodTick}
            xTitle={ins.period === "year" ? "Month" : "Day"}
            cell={moodCell}
          />
        )}
      </section>

      {ins.checkInCount > 0 && (
        <section className="card" aria-labelledby="weekday-h">
          <h2 id="weekday-h">By day of the week</h2>
          <Chart
            testId="weekday-chart"
            title={`Average mood by day of the week, ${span}`}
            summary={weekdaySummary(ins)}
            labels={weekdayLabels}
            shortLabels={weekdayShort}
            series={weekdaySeries}
            kind="bars"
            yRange={y15}
            yLabel={moodTick}
            xTitle="Day"
            cell={moodCell}
          />
        </section>
      )}

      <section className="card" aria-labelledby="words-h">
        <h2 id="words-h">Feelings you named</h2>
        {ins.emotions.length === 0 ? (
          <p className="muted">No feelings picked in {span}.</p>
        ) : (
          <>
            <ul className="word-list">
              {ins.emotions.map((w) => (
                <li key={w.word}>
                  <span>{emotionLabel(w.word)}</span> <span className="muted">× {w.count}</span>
                </li>
              ))}
            </ul>
            <Chart
              testId="emotion-chart"
              title={`Most named feelings over ${span}`}
              summary={top.map((w) => `${emotionLabel(w.word)} ${w.count} times`).join(", ") + "."}
              labels={labels}
              shortLabels={shortLabels}
              series={emotionSeries}
              kind="line"
              xTitle={ins.period === "year" ? "Month" : "Day"}
              cell={countCell}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="traps-h">
        <h2 id="traps-h">Thinking traps the guide noticed</h2>
        {ins.traps.length === 0 ? (
          <p className="muted">
            None in {span}. When the guide asks about a thinking trap, it shows up here.
          </p>
        ) : (
          <ol className="trap-list">
            {ins.traps.map((t) => (
              <li key={t.trap}>
                <span className="trap-name">{TRAP_NAMES[t.trap]}</span>
                <span className="muted small">{t.count === 1 ? "once" : `${t.count} times`}</span>
                <a href={hrefFor({ name: "insights-trap", trap: t.trap })}>
                  Questions to try<span className="visually-hidden"> for {TRAP_NAMES[t.trap]}</span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="ex-h">
        <h2 id="ex-h">Exercises completed</h2>
        {ins.exercises.total === 0 ? (
          <p className="muted">
            None in {span}. <a href={hrefFor({ name: "exercises" })}>Try an exercise</a>.
          </p>
        ) : (
          <ul className="word-list">
            {ins.exercises.byExercise.map((e) => (
              <li key={e.exerciseId}>
                <span>{exerciseById(e.exerciseId)?.title ?? e.exerciseId}</span>{" "}
                <span className="muted">× {e.count}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

function weekdaySummary(ins: Insights): string {
  const rated = ins.weekdays.filter((d) => d.average !== null);
  if (!rated.length) return "No check-ins.";
  const best = rated.reduce((a, b) => (b.average! > a.average! ? b : a));
  const low = rated.reduce((a, b) => (b.average! < a.average! ? b : a));
  return `Highest on ${best.weekday} (${best.average}), lowest on ${low.weekday} (${low.average}).`;
}
