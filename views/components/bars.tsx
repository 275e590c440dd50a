/** Plain horizontal bars (divs, no svg): value bars, progress bars, and the leader marker. */
import { THEME } from "../palette.ts";

/**
 * Px length of `value` on a bar `length` px long scaled so that `max` fills it. A positive value
 * gets at least 2 px, so it never looks like zero; null, zero, negative and a non-positive `max`
 * give 0.
 */
export function barLength(value: number | null, max: number, length: number): number {
  if (value === null || !Number.isFinite(value) || value <= 0 || !(max > 0)) return 0;
  return Math.max(2, Math.round((Math.min(value, max) / max) * length));
}

/**
 * A bar in a fixed-length track. `grow: "left"` anchors it at the right end (a bar growing from
 * the centre toward the left side), `"right"` at the left end.
 */
export function Bar(
  props: {
    value: number | null;
    max: number;
    length: number;
    colour: string;
    grow: "left" | "right";
    height?: number;
    track?: string;
  },
) {
  const height = props.height ?? 12;
  const filled = barLength(props.value, props.max, props.length);
  const radius = height / 2;
  return (
    <div
      style={{
        display: "flex",
        width: props.length,
        height,
        justifyContent: props.grow === "left" ? "flex-end" : "flex-start",
        backgroundColor: props.track ?? "transparent",
        borderRadius: radius,
      }}
    >
      {filled > 0
        ? (
          <div
            style={{
              display: "flex",
              width: filled,
              height,
              backgroundColor: props.colour,
              // Rounded at the outer end only: the inner end meets the centre line.
              borderRadius: props.grow === "left"
                ? `${radius}px 0 0 ${radius}px`
                : `0 ${radius}px ${radius}px 0`,
            }}
          />
        )
        : null}
    </div>
  );
}

/** A progress bar: `share` (clamped to 0…1) of `width` filled. */
export function ProgressBar(
  props: { share: number; width: number; colour: string; height?: number },
) {
  const height = props.height ?? 6;
  const share = Number.isFinite(props.share) ? Math.min(1, Math.max(0, props.share)) : 0;
  const filled = Math.round(share * props.width);
  return (
    <div
      style={{
        display: "flex",
        width: props.width,
        height,
        backgroundColor: THEME.panelRaised,
        borderRadius: height / 2,
      }}
    >
      {filled > 0
        ? (
          <div
            style={{
              display: "flex",
              width: filled,
              height,
              backgroundColor: props.colour,
              borderRadius: height / 2,
            }}
          />
        )
        : null}
    </div>
  );
}

/**
 * A small upward triangle marking the leader of a row. Drawn as svg: none of the card fonts has
 * a glyph for ▲.
 */
export function LeaderMark(props: { colour: string; size?: number }) {
  const size = props.size ?? 10;
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      style={{ display: "flex" }}
    >
      <path d={`M${size / 2} 1 L${size} ${size - 1} L0 ${size - 1} Z`} fill={props.colour} />
    </svg>
  );
}
