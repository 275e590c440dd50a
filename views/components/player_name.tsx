import { colouredRuns, fitRuns } from "../coloured_name.ts";
import type { FontWeight } from "../fonts.ts";
import { TEXT_FONT } from "../fonts.ts";
import { THEME } from "../palette.ts";

/** An in-game name in its colours, cut with an ellipsis at `maxWidth` px. */
export function PlayerName(
  props: {
    name: string;
    maxWidth: number;
    fontSize: number;
    fontWeight?: FontWeight;
    /** Draw in one colour instead of the name's colour codes. */
    plainColour?: string;
  },
) {
  const weight = props.fontWeight ?? 400;
  const runs = colouredRuns(props.name, props.plainColour ?? THEME.text)
    .map((run) => props.plainColour ? { ...run, colour: props.plainColour } : run);
  const fitted = fitRuns(runs, props.maxWidth, {
    fontSize: props.fontSize,
    fontWeight: weight,
    fontFamily: TEXT_FONT,
  });
  return (
    <div
      style={{
        display: "flex",
        maxWidth: props.maxWidth,
        overflow: "hidden",
        whiteSpace: "pre",
        fontSize: props.fontSize,
        fontWeight: weight,
        fontFamily: TEXT_FONT,
      }}
    >
      {fitted.map((run) => <span style={{ color: run.colour }}>{run.text}</span>)}
    </div>
  );
}
