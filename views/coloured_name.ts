/** Splits an in-game name into coloured runs and cuts it to a measured width. */
import { etColour, THEME } from "./palette.ts";
import { charWidths, measureText, type TextStyle } from "./text_measure.ts";

export interface ColouredRun {
  text: string;
  colour: string;
}

/** Runs of text with their colour, following the game's rules (see palette.ts). */
export function colouredRuns(raw: string, defaultColour: string = THEME.text): ColouredRun[] {
  const runs: ColouredRun[] = [];
  let colour = defaultColour;
  let text = "";
  const chars = Array.from(raw);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const next = chars[i + 1];
    const code = char === "^" && next !== undefined ? etColour(next) : null;
    if (code === null) {
      text += char;
      continue;
    }
    if (text) runs.push({ text, colour });
    text = "";
    colour = code;
    i++;
  }
  if (text) runs.push({ text, colour });
  return mergeRuns(runs);
}

function mergeRuns(runs: ColouredRun[]): ColouredRun[] {
  const merged: ColouredRun[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && last.colour === run.colour) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

const ELLIPSIS = "…";

/**
 * The runs cut so that they fit `maxWidth` px in `style`, ending in an ellipsis when cut.
 * Whitespace-only names become a visible placeholder.
 */
export function fitRuns(runs: ColouredRun[], maxWidth: number, style: TextStyle): ColouredRun[] {
  const visible = runs.filter((r) => r.text.length > 0);
  if (visible.every((r) => r.text.trim() === "")) {
    return [{ text: "(no name)", colour: THEME.muted }];
  }
  const total = visible.reduce((sum, r) => sum + measureText(r.text, style), 0);
  if (total <= maxWidth) return visible;
  const budget = maxWidth - measureText(ELLIPSIS, style);
  const out: ColouredRun[] = [];
  let used = 0;
  for (const run of visible) {
    let text = "";
    for (const { char, width } of charWidths(run.text, style)) {
      if (used + width > budget) {
        if (text) out.push({ text, colour: run.colour });
        const last = out[out.length - 1];
        if (last) last.text = last.text.trimEnd() + ELLIPSIS;
        else out.push({ text: ELLIPSIS, colour: run.colour });
        return out;
      }
      used += width;
      text += char;
    }
    out.push({ text, colour: run.colour });
  }
  return out;
}
