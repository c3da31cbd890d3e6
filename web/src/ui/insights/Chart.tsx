// A uPlot chart (canvas) with a table alternative: the table is always in the page for screen
// readers (visually hidden) and a visible "Show as table" toggle shows it to everyone.
import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { planAxisLabels } from "./axis";

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
  /** Shorter axis labels ("Nov 22" for "Sun, Nov 22"), drawn when the full ones don't fit. */
  shortLabels?: string[];
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

const AXIS_FONT_PX = 12;
const AXIS_FONT = `${AXIS_FONT_PX}px system-ui, sans-serif`;
/** Room right of the plot for the last axis label to reach into (CSS px). */
const RIGHT_PAD = 24;

let measurer: CanvasRenderingContext2D | null | undefined;
/** Widths of axis labels in CSS px, as the canvas draws them. */
function measure(labels: readonly string[]): number[] {
  if (measurer === undefined) measurer = document.createElement("canvas").getContext("2d");
  const ctx = measurer;
  if (!ctx) return labels.map((l) => l.length * AXIS_FONT_PX * 0.6);
  ctx.font = AXIS_FONT;
  return labels.map((l) => Math.ceil(ctx.measureText(l).width));
}

type Marker = "circle" | "square" | "diamond";
/**
 * How each line of a multi-line chart is drawn, so that lines with equal values stay apart
 * without relying on colour: the first is wide and solid under the others, the next dashed,
 * the third dotted, each with its own marker shape, drawn smaller on top of the one before.
 */
const LINE_STYLES: readonly { width: number; dash?: number[]; marker: Marker; size: number }[] = [
  { width: 5, marker: "circle", size: 13 },
  { width: 2.5, dash: [9, 5], marker: "square", size: 8 },
  { width: 2, dash: [2, 4], marker: "diamond", size: 7 },
];
const styleOf = (i: number) => LINE_STYLES[i % LINE_STYLES.length]!;

/** Draws point markers of one shape; sizes are CSS px, scaled to the canvas. */
function markerPaths(shape: Marker): uPlot.Series.Points.PathBuilder {
  return (u, si, i0, i1) => {
    const r = ((u.series[si]?.points?.size ?? 8) / 2) * uPlot.pxRatio;
    const xs = u.data[0];
    const ys = u.data[si]!;
    const path = new Path2D();
    for (let i = i0; i <= i1; i++) {
      const v = ys[i];
      if (v == null) continue;
      const x = u.valToPos(xs[i]!, "x", true);
      const y = u.valToPos(v, "y", true);
      if (shape === "circle") {
        path.moveTo(x + r, y);
        path.arc(x, y, r, 0, Math.PI * 2);
      } else if (shape === "square") {
        const h = r * 0.9;
        path.rect(x - h, y - h, h * 2, h * 2);
      } else {
        const h = r * 1.25;
        path.moveTo(x, y - h);
        path.lineTo(x + h, y);
        path.lineTo(x, y + h);
        path.lineTo(x - h, y);
        path.closePath();
      }
    }
    return { stroke: path, fill: path };
  };
}

/** A small picture of a line's colour, dash and marker, for the legend. */
function Swatch({ color, index }: { color: string; index: number }) {
  const st = styleOf(index);
  const c = `var(${color})`;
  const r = st.size / 2;
  return (
    <svg className="chart-swatch" width="34" height="16" viewBox="0 0 34 16" aria-hidden="true">
      <line
        x1="1"
        y1="8"
        x2="33"
        y2="8"
        style={{ stroke: c, strokeWidth: st.width, strokeDasharray: st.dash?.join(" ") ?? "none" }}
      />
      {st.marker === "circle" ? (
        <circle cx="17" cy="8" r={r} style={{ fill: c }} />
      ) : st.marker === "square" ? (
        <rect x={17 - r * 0.9} y={8 - r * 0.9} width={r * 1.8} height={r * 1.8} style={{ fill: c }} />
      ) : (
        <polygon
          points={`17,${8 - r * 1.25} ${17 + r * 1.25},8 17,${8 + r * 1.25} ${17 - r * 1.25},8`}
          style={{ fill: c }}
        />
      )}
    </svg>
  );
}

export function Chart(p: ChartProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  /** The point under the cursor, for the legend; null when none is. */
  const [hover, setHover] = useState<number | null>(null);
  const multi = p.series.length > 1;
  const dark = useSyncExternalStore(subscribeScheme, isDark, () => false);

  useEffect(() => {
    const el = box.current;
    if (!el || asTable) return;
    const text = cssVar("--text");
    const grid = cssVar("--border");
    const muted = cssVar("--muted");
    const surface = cssVar("--surface");
    const bars = uPlot.paths.bars?.({ size: [0.6, 48], radius: 0.15 });
    const width = () => Math.max(260, el.clientWidth);
    const fullWidths = measure(p.labels);
    const shortWidths =
      p.shortLabels && p.shortLabels.length === p.labels.length ? measure(p.shortLabels) : undefined;
    // Recomputed when the plot's width changes, so labels never collide; the axis asks twice per
    // draw (where the ticks go, then what they say), so the last plan is kept.
    let last: { width: number; plan: ReturnType<typeof planAxisLabels> } | undefined;
    const plan = (u: uPlot) => {
      const width = u.bbox.width / uPlot.pxRatio;
      if (last?.width !== width)
        last = {
          width,
          plan: planAxisLabels({
            plotWidth: width,
            full: fullWidths,
            short: shortWidths,
            rightRoom: RIGHT_PAD,
          }),
        };
      return last.plan;
    };
    const opts: uPlot.Options = {
      width: width(),
      height: 220,
      padding: [null, RIGHT_PAD, null, null],
      legend: { show: false },
      cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
      hooks: { setCursor: [(u) => setHover(u.cursor.idx ?? null)] },
      scales: {
        x: { time: false, range: [-0.5, p.labels.length - 0.5] },
        y: p.yRange ? { range: p.yRange } : {},
      },
      axes: [
        {
          stroke: muted,
          grid: { show: false },
          ticks: { stroke: grid },
          splits: (u) => plan(u).indices,
          values: (u, splits) => {
            const labels = plan(u).short ? p.shortLabels! : p.labels;
            const shown = splits.map((i) => labels[i] ?? "");
            // What the axis shows, [index, label] pairs, for tests (the canvas has no text).
            el.dataset.axisLabels = JSON.stringify(splits.map((i, k) => [i, shown[k]]));
            return shown;
          },
          font: AXIS_FONT,
        },
        {
          stroke: muted,
          grid: { stroke: grid, width: 1 },
          ticks: { show: false },
          incrs: [1, 2, 5, 10, 20, 50, 100],
          values: (_u, splits) => splits.map((v) => (p.yLabel ? p.yLabel(v) : String(v))),
          font: AXIS_FONT,
          size: p.yLabel ? 92 : 40,
        },
      ],
      series: [
        { label: p.xTitle },
        ...p.series.map((s, i): uPlot.Series => {
          const color = cssVar(s.color);
          if (p.kind === "bars")
            return {
              label: s.label,
              stroke: color,
              fill: color,
              width: 0,
              paths: bars,
              points: { show: false },
            };
          if (!multi)
            return {
              label: s.label,
              stroke: color,
              width: 2.5,
              spanGaps: true,
              points: { show: true, size: 8, fill: color, stroke: color },
            };
          const st = styleOf(i);
          return {
            label: s.label,
            stroke: color,
            width: st.width,
            ...(st.dash ? { dash: st.dash } : {}),
            spanGaps: true,
            points: {
              show: true,
              size: st.size,
              width: 1.5,
              fill: color,
              stroke: surface,
              paths: markerPaths(st.marker),
            },
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
      setHover(null);
    };
  }, [p.labels, p.shortLabels, p.series, p.kind, p.yRange, p.yLabel, p.xTitle, asTable, dark]);

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
      {!asTable && multi && (
        // Names with their line style; a hovered point adds its day and values.
        <ul className="chart-legend" data-testid="chart-legend">
          {hover !== null && p.labels[hover] !== undefined && (
            <li className="chart-legend-x">{p.labels[hover]}</li>
          )}
          {p.series.map((s, i) => (
            <li key={s.label}>
              <Swatch color={s.color} index={i} />
              <span>{s.label}</span>
              {hover !== null && p.labels[hover] !== undefined && (
                <span className="chart-legend-value">{cell(s.values[hover] ?? null)}</span>
              )}
            </li>
          ))}
        </ul>
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
