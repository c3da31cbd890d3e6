// A uPlot chart (canvas) with a table alternative: the table is always in the page for screen
// readers (visually hidden) and a visible "Show as table" toggle shows it to everyone.
import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour variable, e.g. "--primary". */
  color: string;
}

export interface ChartProps {
  title: string;
  /** One-sentence summary, read as the chart's accessible name. */
  summary: string;
  labels: string[];
  series: ChartSeries[];
  kind: "line" | "bars";
  yRange?: [number, number];
  yLabel?: (v: number) => string;
  /** Header of the first table column. */
  xTitle: string;
  /** How a value reads in the table. */
  cell?: (v: number | null) => ReactNode;
  testId?: string;
}

const darkQuery = () => window.matchMedia?.("(prefers-color-scheme: dark)");
const subscribeScheme = (l: () => void) => {
  const q = darkQuery();
  q?.addEventListener("change", l);
  return () => q?.removeEventListener("change", l);
};
const isDark = () => darkQuery()?.matches ?? false;
const cssVar = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";

export function Chart(p: ChartProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const dark = useSyncExternalStore(subscribeScheme, isDark, () => false);

  useEffect(() => {
    const el = box.current;
    if (!el || asTable) return;
    const text = cssVar("--text");
    const grid = cssVar("--border");
    const muted = cssVar("--muted");
    const bars = uPlot.paths.bars?.({ size: [0.6, 48], radius: 0.15 });
    const width = () => Math.max(260, el.clientWidth);
    const opts: uPlot.Options = {
      width: width(),
      height: 220,
      legend: { show: p.series.length > 1 },
      cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.5, p.labels.length - 0.5] },
        y: p.yRange ? { range: p.yRange } : {},
      },
      axes: [
        {
          stroke: muted,
          grid: { show: false },
          ticks: { stroke: grid },
          incrs: [1, 2, 3, 5, 7, 10, 15],
          space: 48,
          values: (_u, splits) => splits.map((i) => p.labels[i] ?? ""),
          font: "12px system-ui, sans-serif",
        },
        {
          stroke: muted,
          grid: { stroke: grid, width: 1 },
          ticks: { show: false },
          incrs: [1],
          values: (_u, splits) => splits.map((v) => (p.yLabel ? p.yLabel(v) : String(v))),
          font: "12px system-ui, sans-serif",
          size: p.yLabel ? 92 : 40,
        },
      ],
      series: [
        { label: p.xTitle, value: (_u, i) => (i === null ? "—" : (p.labels[i] ?? "")) },
        ...p.series.map((s) => {
          const color = cssVar(s.color);
          return p.kind === "bars"
            ? { label: s.label, stroke: color, fill: color, width: 0, paths: bars, points: { show: false } }
            : {
                label: s.label,
                stroke: color,
                width: 2.5,
                spanGaps: true,
                points: { show: true, size: 8, fill: color, stroke: color },
              };
        }),
      ],
    };
    const data = [p.labels.map((_, i) => i), ...p.series.map((s) => s.values)] as uPlot.AlignedData;
    const chart = new uPlot(opts, data, el);
    chart.root.style.color = text;
    const ro = new ResizeObserver(() => chart.setSize({ width: width(), height: 220 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
    };
  }, [p.labels, p.series, p.kind, p.yRange, p.yLabel, p.xTitle, asTable, dark]);

  const cell = p.cell ?? ((v: number | null) => (v === null ? "—" : String(v)));
  return (
    <figure className="chart" data-testid={p.testId} aria-labelledby={`${id}-t`}>
      <div className="chart-head">
        <figcaption id={`${id}-t`} className="chart-title">
          {p.title}
        </figcaption>
        <button
          type="button"
          className="ghost small"
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </div>
      {!asTable && (
        <div ref={box} className="chart-canvas" role="img" aria-label={`${p.title}. ${p.summary}`} />
      )}
      <div className={asTable ? "table-wrap" : "visually-hidden"}>
        <table className="data-table">
          <caption className="visually-hidden">{p.title}</caption>
          <thead>
            <tr>
              <th scope="col">{p.xTitle}</th>
              {p.series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.labels.map((label, i) => (
              <tr key={`${label}-${i}`}>
                <th scope="row">{label}</th>
                {p.series.map((s) => (
                  <td key={s.label}>{cell(s.values[i] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
