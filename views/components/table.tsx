import type { Child } from "../jsx/jsx-runtime.ts";
import { NUMBER_FONT } from "../fonts.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";

export interface Column<Row> {
  label: string;
  width: number;
  align?: "left" | "right" | "center";
  /** Numbers use the tabular face. */
  numeric?: boolean;
  cell(row: Row, index: number): Child;
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
            {props.columns.map((column) => (
              <div
                style={{
                  display: "flex",
                  width: column.width,
                  justifyContent: justify(column.align),
                  fontFamily: column.numeric ? NUMBER_FONT : undefined,
                  overflow: "hidden",
                }}
              >
                {column.cell(row, index)}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
