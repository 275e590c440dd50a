/**
 * Chart primitives for cards: a multi-series line chart and a horizontal grouped bar chart, drawn as
 * `<svg>` shapes inside the Satori tree. Satori draws no `<text>` inside an svg, so every label
 * (axis ticks, category names, values) is a positioned div over or beside the svg.
 *
 * The scale helpers (`niceScale`, `linePath`, `fitText`) are exported for other small charts.
 */
import type { Child } from "../jsx/jsx-runtime.ts";
import { NUMBER_FONT, TEXT_FONT } from "../fonts.ts";
import { SPACE, THEME } from "../palette.ts";
import { measureText } from "../text_measure.ts";

/**
 * Twelve series colours that stay apart from each other and read on the dark panels. Series past
 * the twelfth reuse them with a dashed line (see {@link seriesStyle}).
 */
export const SERIES_COLOURS: readonly string[] = [
  "#4dabf7", // blue
  "#ff922b", // orange
  "#51cf66", // green
  "#f06595", // pink
  "#ffd43b", // yellow
  "#9775fa", // violet
  "#3bc9db", // cyan
  "#ff6b6b", // red
  "#a9e34b", // lime
  "#e599f7", // orchid
  "#ced4da", // light grey
  "#d9a066", // tan
];

/** Colour and dash of the `index`-th series: the palette, then the palette again dashed. */
export function seriesStyle(index: number): { colour: string; dashed: boolean } {
  return {
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
    dashed: Math.floor(index / SERIES_COLOURS.length) % 2 === 1,
  };
}

/** A value axis from 0: a round maximum ≥ `max` and its ticks (at most `ticks` steps). */
export function niceScale(max: number, ticks = 4): { max: number; step: number; ticks: number[] } {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s * ticks >= top) ??
    10 * magnitude;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  return {
    max: step * count,
    step,
    ticks: Array.from({ length: count + 1 }, (_, i) => round6(i * step)),
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * SVG path data through the points, broken where a value is missing: each run of consecutive
 * points becomes its own `M … L …` segment. Single points draw nothing (mark them with dots).
 */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  const parts: string[] = [];
  let run: { x: number; y: number }[] = [];
  const flush = () => {
    if (run.length > 1) {
      parts.push(run.map((p, i) => `${i === 0 ? "M" : "L"}${fmt(p.x)} ${fmt(p.y)}`).join(" "));
    }
    run = [];
  };
  for (const point of points) {
    if (point) run.push(point);
    else flush();
  }
  flush();
  return parts.join(" ");
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `text` cut with an ellipsis so that it fits `maxWidth` px in the given face. */
export function fitText(
  text: string,
  maxWidth: number,
  style: { fontSize: number; fontWeight?: 400 | 700; fontFamily?: string },
): string {
  if (measureText(text, style) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && measureText(`${chars.join("")}…`, style) > maxWidth) chars.pop();
  return chars.length > 0 ? `${chars.join("").trimEnd()}…` : "";
}

const LABEL_SIZE = 13;
const LABEL_STYLE = { fontSize: LABEL_SIZE, fontFamily: TEXT_FONT } as const;

function Abs(
  props: {
    left: number;
    top: number;
    width: number;
    height: number;
    children?: Child;
    style?: Record<string, string | number | undefined>;
  },
) {
  return (
    <div
      style={{
        display: "flex",
        position: "absolute",
        left: props.left,
        top: props.top,
        width: props.width,
        height: props.height,
        ...props.style,
      }}
    >
      {props.children}
    </div>
  );
}

export interface LineSeries {
  /** One value per x position; null leaves a gap (and no dot). */
  values: readonly (number | null)[];
  colour: string;
  dashed?: boolean;
}

/**
 * A line chart from 0 with evenly spaced categories on x: horizontal grid lines with tick labels
 * on the left, category labels below (in two staggered rows when they are crowded), a line per
 * series and a dot on every value, so a single category still shows its points. The first series
 * is drawn on top.
 */
export function LineChart(
  props: {
    width: number;
    height: number;
    series: readonly LineSeries[];
    xLabels: readonly string[];
    /** Lower bound of the axis maximum (an all-zero chart still gets a sensible scale). */
    minMax?: number;
    ticks?: number;
    formatTick?: (value: number) => string;
  },
) {
  const axisWidth = 44;
  const count = Math.max(1, props.xLabels.length);
  const plotWidth = props.width - axisWidth;
  const step = plotWidth / count;
  const stagger = step < 92;
  const labelHeight = stagger ? 2 * (LABEL_SIZE + 5) : LABEL_SIZE + 8;
  const plotHeight = props.height - labelHeight - SPACE.sm;
  const top = 8; // room for the top tick label and dots at the maximum
  const innerHeight = plotHeight - top;
  const values = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = niceScale(Math.max(props.minMax ?? 0, ...values), props.ticks ?? 4);
  const x = (i: number) => (i + 0.5) * step;
  const y = (v: number) => top + innerHeight * (1 - v / scale.max);
  const format = props.formatTick ?? ((v: number) => String(v));
  // A lone category has no lines: bigger dots carry it.
  const dotRadius = count === 1 ? 6 : 4;
  const drawOrder = [...props.series].reverse();
  const labelWidth = stagger ? Math.min(2 * step, 160) : step;
  return (
    <div
      style={{ display: "flex", position: "relative", width: props.width, height: props.height }}
    >
      {scale.ticks.map((tick) => (
        <Abs
          left={0}
          top={y(tick) - 9}
          width={axisWidth - SPACE.sm}
          height={18}
          style={{
            justifyContent: "flex-end",
            alignItems: "center",
            color: THEME.faint,
            fontSize: 12,
            fontFamily: NUMBER_FONT,
          }}
        >
          {format(tick)}
        </Abs>
      ))}
      <svg
        width={plotWidth}
        height={plotHeight}
        viewBox={`0 0 ${plotWidth} ${plotHeight}`}
        style={{ position: "absolute", left: axisWidth, top: 0 }}
      >
        {scale.ticks.map((tick) => (
          <line
            x1={0}
            x2={plotWidth}
            y1={y(tick)}
            y2={y(tick)}
            stroke={tick === 0 ? THEME.faint : THEME.border}
            strokeWidth={1}
          />
        ))}
        {props.xLabels.map((_, i) => (
          <line
            x1={x(i)}
            x2={x(i)}
            y1={top}
            y2={y(0)}
            stroke={THEME.border}
            strokeWidth={1}
            strokeDasharray="2 4"
          />
        ))}
        {drawOrder.map((s) => {
          const d = linePath(s.values.map((v, i) => v === null ? null : { x: x(i), y: y(v) }));
          return d
            ? (
              <path
                d={d}
                fill="none"
                stroke={s.colour}
                strokeWidth={2.5}
                strokeLinejoin="round"
                strokeLinecap="round"
                strokeDasharray={s.dashed ? "7 5" : undefined}
              />
            )
            : null;
        })}
        {drawOrder.flatMap((s) =>
          s.values.map((v, i) =>
            v === null ? null : (
              <circle
                cx={x(i)}
                cy={y(v)}
                r={dotRadius}
                fill={s.colour}
                stroke={THEME.panel}
                strokeWidth={1.5}
              />
            )
          )
        )}
      </svg>
      {props.xLabels.map((label, i) => (
        <Abs
          left={Math.max(0, Math.min(props.width - labelWidth, axisWidth + x(i) - labelWidth / 2))}
          top={plotHeight + SPACE.sm + (stagger && i % 2 === 1 ? LABEL_SIZE + 5 : 0)}
          width={labelWidth}
          height={LABEL_SIZE + 4}
          style={{ justifyContent: "center", color: THEME.muted, fontSize: LABEL_SIZE }}
        >
          {fitText(label, labelWidth - 4, LABEL_STYLE)}
        </Abs>
      ))}
    </div>
  );
}

export interface BarSeries {
  label: string;
  colour: string;
}

export interface BarGroup {
  label: string;
  /** One value per series. */
  values: readonly number[];
}

/**
 * Horizontal grouped bars: one row per group with its label on the left and one bar per series
 * under each other, each value just past the end of its bar. Lengths share one scale from 0, so
 * groups compare at a glance; the row count sets the height. A zero draws a thin tick.
 */
export function GroupedBarChart(
  props: {
    width: number;
    groups: readonly BarGroup[];
    series: readonly BarSeries[];
    labelWidth?: number;
    barHeight?: number;
    /** Height of a group's row (at least its bars plus a margin). */
    rowHeight?: number;
    formatValue?: (value: number) => string;
  },
) {
  const labelWidth = props.labelWidth ?? 120;
  const barHeight = props.barHeight ?? 12;
  const barGap = 3;
  const valueWidth = 48;
  const plotWidth = props.width - labelWidth - valueWidth;
  const max = Math.max(1, ...props.groups.flatMap((g) => g.values));
  const format = props.formatValue ?? ((v: number) => String(v));
  const groupHeight = props.series.length * (barHeight + barGap) - barGap;
  const rowHeight = Math.max(groupHeight + SPACE.md, props.rowHeight ?? 28);
  const length = (value: number) => value > 0 ? Math.max(2, (plotWidth * value) / max) : 1;
  const barTop = (i: number) => (rowHeight - groupHeight) / 2 + i * (barHeight + barGap);
  return (
    <div style={{ display: "flex", flexDirection: "column", width: props.width }}>
      {props.groups.map((group) => (
        <div
          style={{ display: "flex", position: "relative", height: rowHeight, width: props.width }}
        >
          <Abs
            left={0}
            top={0}
            width={labelWidth - SPACE.sm}
            height={rowHeight}
            style={{ alignItems: "center", color: THEME.muted, fontSize: LABEL_SIZE }}
          >
            {fitText(group.label, labelWidth - SPACE.sm, LABEL_STYLE)}
          </Abs>
          <svg
            width={plotWidth}
            height={rowHeight}
            viewBox={`0 0 ${plotWidth} ${rowHeight}`}
            style={{ position: "absolute", left: labelWidth, top: 0 }}
          >
            {props.series.map((s, i) => {
              const value = group.values[i] ?? 0;
              return (
                <rect
                  x={0}
                  y={barTop(i)}
                  width={length(value)}
                  height={barHeight}
                  rx={value > 0 ? 2 : 0}
                  fill={value > 0 ? s.colour : THEME.faint}
                />
              );
            })}
          </svg>
          {props.series.map((s, i) => (
            <Abs
              left={labelWidth + length(group.values[i] ?? 0) + SPACE.xs + 2}
              top={barTop(i) - 2}
              width={valueWidth - SPACE.xs - 2}
              height={barHeight + 4}
              style={{
                alignItems: "center",
                fontFamily: NUMBER_FONT,
                fontSize: 12,
                color: s.colour,
              }}
            >
              {format(group.values[i] ?? 0)}
            </Abs>
          ))}
        </div>
      ))}
    </div>
  );
}

/** A key of coloured squares with labels, in one row. */
export function SeriesKey(props: { series: readonly BarSeries[]; maxLabelWidth?: number }) {
  return (
    <div style={{ display: "flex", gap: SPACE.md, flexWrap: "wrap" }}>
      {props.series.map((s) => (
        <div style={{ display: "flex", alignItems: "center", gap: SPACE.xs + 2 }}>
          <div
            style={{
              display: "flex",
              width: 10,
              height: 10,
              borderRadius: 2,
              backgroundColor: s.colour,
            }}
          />
          <div style={{ display: "flex", color: THEME.muted, fontSize: LABEL_SIZE }}>
            {props.maxLabelWidth ? fitText(s.label, props.maxLabelWidth, LABEL_STYLE) : s.label}
          </div>
        </div>
      ))}
    </div>
  );
}
