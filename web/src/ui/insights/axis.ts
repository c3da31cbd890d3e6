// Which labels a chart's horizontal axis shows, so that they never overlap at any width.
// Pure: widths come in measured (see Chart.tsx), so this is tested without a browser.

export interface AxisLabelInput {
  /** Width of the plotting area in CSS pixels; each point gets an equal slot of it. */
  plotWidth: number;
  /** Measured width of each full label, in CSS pixels. */
  full: readonly number[];
  /** Measured width of each short label (same length), used when the full ones don't all fit. */
  short?: readonly number[] | undefined;
  /** Room to the right of the plotting area that the last label may use, in CSS pixels. */
  rightRoom?: number;
  /** Least free space between two labels, in CSS pixels. */
  gap?: number;
}

export interface AxisLabelPlan {
  /** Indices of the points that get a label, ascending; the last point (today) always does. */
  indices: number[];
  /** Whether the short labels are the ones to draw. */
  short: boolean;
}

/**
 * Labels every `step`-th point, counting back from the last one, with the smallest step at which
 * neighbouring labels (centred on their points) keep `gap` pixels apart. Full labels when every
 * one of them fits (the last one within the chart too); otherwise the short ones, if any.
 */
export function planAxisLabels(o: AxisLabelInput): AxisLabelPlan {
  const n = o.full.length;
  if (n === 0) return { indices: [], short: false };
  const gap = o.gap ?? 8;
  const rightRoom = o.rightRoom ?? 0;
  const slot = Math.max(0, o.plotWidth) / n;
  const fits = (widths: readonly number[], step: number): boolean => {
    const shown = indicesFor(n, step);
    for (let k = 1; k < shown.length; k++) {
      const a = widths[shown[k - 1]!] ?? 0;
      const b = widths[shown[k]!] ?? 0;
      if ((a + b) / 2 + gap > (shown[k]! - shown[k - 1]!) * slot) return false;
    }
    return true;
  };
  // The last label is centred half a slot from the edge: it may not reach past the room there.
  const edgeFits = ((o.full[n - 1] ?? 0) - slot) / 2 <= rightRoom;
  if (edgeFits && fits(o.full, 1)) return { indices: indicesFor(n, 1), short: false };
  const useShort = Boolean(o.short && o.short.length === n);
  const widths = useShort ? o.short! : o.full;
  for (let step = 1; step < n; step++)
    if (fits(widths, step)) return { indices: indicesFor(n, step), short: useShort };
  return { indices: [n - 1], short: useShort };
}

/** Every `step`-th index counting back from the last, ascending. */
export function indicesFor(n: number, step: number): number[] {
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= Math.max(1, step)) out.push(i);
  return out.reverse();
}

/**
 * A short axis label for a bucket key: "Nov 22" for a day ("YYYY-MM-DD"), "Nov" for a month
 * ("YYYY-MM"); anything else is returned as it is.
 */
export function shortBucketLabel(key: string, locale?: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key))
    return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(
      new Date(`${key}T00:00:00Z`),
    );
  if (/^\d{4}-\d{2}$/.test(key))
    return new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(
      new Date(`${key}-01T00:00:00Z`),
    );
  return key;
}
