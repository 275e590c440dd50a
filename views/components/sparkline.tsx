/**
 * A small line chart of a series (oldest → newest): an `<svg>` path with a dot per value. Satori
 * draws no `<text>` inside svg, so labels belong in divs around it.
 */
import { THEME } from "../palette.ts";

export interface SparkPoint {
  /** Index of the value in the series. */
  index: number;
  x: number;
  y: number;
  value: number;
}

export interface SparkRange {
  low: number;
  high: number;
}

interface SparkBox {
  width: number;
  height: number;
  /** Px kept free on every edge (room for the dots). */
  inset: number;
  /** The value range drawn; {@link sparkRange} of the values when absent. */
  range?: SparkRange | null;
}

/**
 * The value range of a chart: the finite values and the reference (a value drawn as a line, when
 * given), widened symmetrically to at least `minSpan` so that small changes look small, and
 * shifted up when the widening would cross `floor` (e.g. 0 for values that cannot be negative).
 * Null without a finite value.
 */
export function sparkRange(
  values: readonly (number | null)[],
  options: { reference?: number | null; minSpan?: number; floor?: number } = {},
): SparkRange | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  const reference = options.reference;
  if (reference !== null && reference !== undefined && Number.isFinite(reference)) {
    known.push(reference);
  }
  let low = Math.min(...known);
  let high = Math.max(...known);
  const minSpan = options.minSpan ?? 0;
  if (high - low < minSpan) {
    const middle = (low + high) / 2;
    low = middle - minSpan / 2;
    high = middle + minSpan / 2;
    const floor = Math.min(options.floor ?? -Infinity, Math.min(...known));
    if (low < floor) {
      high += floor - low;
      low = floor;
    }
  }
  return { low, high };
}

function yOf(value: number, range: SparkRange, box: SparkBox): number {
  if (range.high === range.low) return box.height / 2;
  const share = (value - range.low) / (range.high - range.low);
  return round1(box.inset + (box.height - 2 * box.inset) * (1 - share));
}

/**
 * Positions of the non-null values in the box: spread evenly left to right (a lone value sits in
 * the middle) and scaled to the range (bottom = low); a flat range is drawn at mid height.
 */
export function sparkPoints(values: readonly (number | null)[], box: SparkBox): SparkPoint[] {
  const range = box.range ?? sparkRange(values);
  if (range === null) return [];
  const innerWidth = box.width - 2 * box.inset;
  const points: SparkPoint[] = [];
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) return;
    const x = values.length === 1
      ? box.width / 2
      : box.inset + (innerWidth * index) / (values.length - 1);
    points.push({ index, x: round1(x), y: yOf(value, range, box), value });
  });
  return points;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Path data joining consecutive points; a null value in between breaks the line. */
export function sparkPath(points: readonly SparkPoint[]): string {
  let d = "";
  let previous: SparkPoint | null = null;
  for (const point of points) {
    const joined = previous !== null && point.index === previous.index + 1;
    d += `${joined ? "L" : "M"}${point.x} ${point.y} `;
    previous = point;
  }
  return d.trim();
}

/**
 * The chart: line, dots (the newest one larger) and an optional dashed reference line (e.g. the
 * career average). Give `range` (from {@link sparkRange}) to label the axis with the same scale.
 */
export function Sparkline(
  props: {
    values: readonly (number | null)[];
    width: number;
    height: number;
    colour?: string;
    reference?: number | null;
    range?: SparkRange | null;
  },
) {
  const colour = props.colour ?? THEME.allies;
  const range = props.range ?? sparkRange(props.values, { reference: props.reference });
  const box = { width: props.width, height: props.height, inset: 6, range };
  const points = sparkPoints(props.values, box);
  const referenceY = props.reference === null || props.reference === undefined || range === null
    ? null
    : yOf(props.reference, range, box);
  const last = points[points.length - 1];
  return (
    <svg
      width={props.width}
      height={props.height}
      viewBox={`0 0 ${props.width} ${props.height}`}
      style={{ display: "flex" }}
    >
      <line
        x1={0}
        y1={props.height - 0.5}
        x2={props.width}
        y2={props.height - 0.5}
        stroke={THEME.border}
        strokeWidth={1}
      />
      {referenceY === null ? null : (
        <line
          x1={0}
          y1={referenceY}
          x2={props.width}
          y2={referenceY}
          stroke={THEME.faint}
          strokeWidth={1}
          strokeDasharray="4 4"
        />
      )}
      {points.length > 1
        ? (
          <path
            d={sparkPath(points)}
            fill="none"
            stroke={colour}
            strokeWidth={2.5}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        )
        : null}
      {points.map((point) => (
        <circle
          cx={point.x}
          cy={point.y}
          r={point === last ? 5 : 3}
          fill={point === last ? colour : THEME.panel}
          stroke={colour}
          strokeWidth={2}
        />
      ))}
    </svg>
  );
}
