import type { Child } from "../jsx/jsx-runtime.ts";
import { NUMBER_FONT } from "../fonts.ts";
import { measureText } from "../text_measure.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";

export interface Column<Row> {
  label: string;
  width: number;
  align?: "left" | "right" | "center";
  /** Numbers use the tabular face. */
  numeric?: boolean;
  /** The cell's content (give this or `text`). */
  cell?(row: Row, index: number): Child;
  /**
   * Plain text in the tabular face. Neighbouring `text` columns are drawn as one monospaced run
   * per row, padded to their columns: Satori's cost is per text node, so a 12-row scoreboard
   * renders ~30 ms faster than with a node per cell.
   */
  text?(row: Row, index: number): string;
}

type Segment<Row> = { kind: "cell"; column: Column<Row> } | {
  kind: "run";
  columns: Column<Row>[];
  /** Characters each column spans, so its edge falls within half a character of the header's. */
  chars: number[];
  width: number;
};

/** Groups neighbouring text columns into runs and sizes them in characters of the number face. */
function segments<Row>(columns: Column<Row>[], charWidth: number): Segment<Row>[] {
  const out: Segment<Row>[] = [];
  for (const column of columns) {
    const last = out[out.length - 1];
    if (!column.text) out.push({ kind: "cell", column });
    else if (last?.kind === "run") last.columns.push(column);
    else out.push({ kind: "run", columns: [column], chars: [], width: 0 });
  }
  for (const segment of out) {
    if (segment.kind !== "run") continue;
    let edge = 0;
    let before = 0;
    for (const column of segment.columns) {
      edge += column.width;
      const boundary = Math.round(edge / charWidth);
      segment.chars.push(boundary - before);
      before = boundary;
    }
    segment.width = edge;
  }
  return out;
}

function padded<Row>(column: Column<Row>, text: string, chars: number): string {
  const fitted = text.length > chars ? `${text.slice(0, Math.max(0, chars - 1))}…` : text;
  return column.align === "right" ? fitted.padStart(chars) : fitted.padEnd(chars);
}

/** A table of fixed-width columns with a header row and zebra rows. */
export function Table<Row>(
  props: {
    columns: Column<Row>[];
    rows: Row[];
    rowAccent?: (row: Row, index: number) => string | null;
    fontSize?: number;
  },
) {
  const fontSize = props.fontSize ?? TYPE.body;
  const layout = segments(
    props.columns,
    measureText("0", { fontSize, fontFamily: NUMBER_FONT }),
  );
  const justify = (align: Column<Row>["align"]) =>
    align === "right" ? "flex-end" : align === "center" ? "center" : "flex-start";
  return (
    <div style={{ display: "flex", flexDirection: "column" }}>
      <div
        style={{
          display: "flex",
          color: THEME.muted,
          fontSize: TYPE.small,
          fontWeight: 700,
          padding: `0 ${SPACE.sm}px ${SPACE.xs}px`,
          borderBottom: `1px solid ${THEME.border}`,
        }}
      >
        {props.columns.map((column) => (
          <div
            style={{ display: "flex", width: column.width, justifyContent: justify(column.align) }}
          >
            {column.label}
          </div>
        ))}
      </div>
      {props.rows.map((row, index) => {
        const accent = props.rowAccent?.(row, index) ?? null;
        return (
          <div
            style={{
              display: "flex",
              alignItems: "center",
              fontSize,
              height: fontSize * 2,
              padding: `0 ${SPACE.sm}px`,
              backgroundColor: index % 2 === 1 ? THEME.panelRaised : "transparent",
              borderLeft: `3px solid ${accent ?? "transparent"}`,
            }}
          >
            {layout.map((segment) =>
              segment.kind === "cell"
                ? (
                  <div
                    style={{
                      display: "flex",
                      width: segment.column.width,
                      justifyContent: justify(segment.column.align),
                      fontFamily: segment.column.numeric ? NUMBER_FONT : undefined,
                      overflow: "hidden",
                    }}
                  >
                    {segment.column.cell?.(row, index) ?? null}
                  </div>
                )
                : (
                  <div
                    style={{
                      display: "flex",
                      width: segment.width,
                      fontFamily: NUMBER_FONT,
                      whiteSpace: "pre",
                      overflow: "hidden",
                    }}
                  >
                    {segment.columns.map((column, i) =>
                      padded(column, column.text!(row, index), segment.chars[i]!)
                    ).join("")}
                  </div>
                )
            )}
          </div>
        );
      })}
    </div>
  );
}
