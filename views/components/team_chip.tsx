import { SPACE, THEME, TYPE } from "../palette.ts";

export type TeamSide = "A" | "B";

/** Persistent teams keep one colour for a whole session: A red, B blue (the game's side colours). */
export function teamColour(team: TeamSide | "draw" | null): string {
  return team === "A" ? THEME.axis : team === "B" ? THEME.allies : THEME.draw;
}

export function teamSoftColour(team: TeamSide | null): string {
  return team === "A" ? THEME.axisSoft : team === "B" ? THEME.alliesSoft : THEME.panelRaised;
}

/** A small coloured label. */
export function Chip(props: { text: string; colour: string; filled?: boolean }) {
  return (
    <div
      style={{
        display: "flex",
        alignSelf: "flex-start",
        alignItems: "center",
        padding: `2px ${SPACE.sm}px`,
        borderRadius: 6,
        fontSize: TYPE.small,
        fontWeight: 700,
        color: props.filled ? THEME.background : props.colour,
        backgroundColor: props.filled ? props.colour : "transparent",
        border: `1px solid ${props.colour}`,
        whiteSpace: "nowrap",
      }}
    >
      {props.text}
    </div>
  );
}
