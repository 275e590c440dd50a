import type { Child } from "../jsx/jsx-runtime.ts";
import { NUMBER_FONT, TEXT_FONT } from "../fonts.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";

/** The frame every card shares: dark background, title row, content, footer. */
export function CardFrame(
  props: { width: number; title: Child; subtitle?: string; aside?: Child; children?: Child },
) {
  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        // Satori sizes boxes without their padding.
        width: props.width - 2 * SPACE.xl,
        backgroundColor: THEME.background,
        color: THEME.text,
        fontFamily: TEXT_FONT,
        fontSize: TYPE.body,
        padding: SPACE.xl,
        gap: SPACE.lg,
      }}
    >
      <div style={{ display: "flex", alignItems: "flex-end", justifyContent: "space-between" }}>
        <div style={{ display: "flex", flexDirection: "column", gap: SPACE.xs }}>
          <div style={{ display: "flex", fontSize: TYPE.title, fontWeight: 700 }}>
            {props.title}
          </div>
          {props.subtitle
            ? <div style={{ display: "flex", color: THEME.muted }}>{props.subtitle}</div>
            : null}
        </div>
        {props.aside ?? null}
      </div>
      {props.children}
      <div
        style={{
          display: "flex",
          justifyContent: "flex-end",
          color: THEME.faint,
          fontSize: 12,
          fontFamily: NUMBER_FONT,
        }}
      >
        etl-stats
      </div>
    </div>
  );
}

/** A raised panel with an optional heading. */
export function Panel(
  props: { heading?: string; children?: Child; grow?: boolean; accent?: string },
) {
  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        backgroundColor: THEME.panel,
        borderRadius: 10,
        border: `1px solid ${props.accent ?? THEME.border}`,
        padding: SPACE.lg,
        gap: SPACE.md,
        flexGrow: props.grow ? 1 : 0,
        flexBasis: props.grow ? 0 : "auto",
      }}
    >
      {props.heading
        ? (
          <div
            style={{
              display: "flex",
              color: THEME.muted,
              fontSize: TYPE.small,
              fontWeight: 700,
              letterSpacing: 1,
              textTransform: "uppercase",
            }}
          >
            {props.heading}
          </div>
        )
        : null}
      {props.children}
    </div>
  );
}

/** A big number with a label under it. */
export function StatTile(
  props: { label: string; value: string; colour?: string; width?: number; size?: number },
) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 2, width: props.width ?? 110 }}>
      <div
        style={{
          display: "flex",
          fontFamily: NUMBER_FONT,
          fontSize: props.size ?? TYPE.title,
          fontWeight: 700,
          color: props.colour ?? THEME.text,
        }}
      >
        {props.value}
      </div>
      <div style={{ display: "flex", color: THEME.muted, fontSize: TYPE.small }}>{props.label}</div>
    </div>
  );
}
