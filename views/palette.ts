/**
 * Colours of the cards: the dark theme, team colours, and the game's name colour table.
 *
 * ET colour codes: `^` followed by a printable, non-`^` character selects colour
 * `(code - '0') & 31` of the 32-entry table below (ET:Legacy's `g_color_table`), so `^1` is red,
 * `^a` and `^A` are both light orange, and `^:` light grey. `^^` prints a literal `^` and the
 * second `^` starts the next code (`^^1x` draws `^` then a red `x`); a `^` at the end or before a
 * space or non-ASCII character is drawn as text. Entries too dark to read on the dark theme (black
 * `^0`, navy `^>`, ...) are lifted toward grey by `readableOnDark`.
 */
export const THEME = {
  background: "#0d1117",
  panel: "#161b22",
  panelRaised: "#1f2630",
  border: "#2d3440",
  text: "#e6edf3",
  muted: "#8b949e",
  faint: "#5c6570",
  axis: "#e5484d",
  axisSoft: "#3b1d20",
  allies: "#3e8ef7",
  alliesSoft: "#162a45",
  draw: "#a0a7b1",
  gold: "#f5b942",
  silver: "#c3cad3",
  bronze: "#d38b5d",
  good: "#3fb950",
  bad: "#f85149",
} as const;

/** One type scale and spacing scale for every card (px). */
export const TYPE = { small: 14, body: 16, emphasis: 20, title: 28, display: 40 } as const;
export const SPACE = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32 } as const;

/** ET:Legacy's name colours, indexed by `(code - '0') & 31`. */
export const ET_COLOURS: readonly string[] = [
  "#000000", // 0 black
  "#ff0000", // 1 red
  "#00ff00", // 2 green
  "#ffff00", // 3 yellow
  "#0000ff", // 4 blue
  "#00ffff", // 5 cyan
  "#ff00ff", // 6 magenta
  "#ffffff", // 7 white
  "#ff7f00", // 8 orange
  "#7f7f7f", // 9 grey
  "#bfbfbf", // : light grey
  "#bfbfbf", // ; light grey
  "#007f00", // < dark green
  "#7f7f00", // = olive
  "#00007f", // > navy
  "#7f0000", // ? maroon
  "#7f3f00", // @ brown
  "#ff9919", // A (a) light orange
  "#007f7f", // B (b) teal
  "#7f007f", // C (c) purple
  "#007fff", // D (d) azure
  "#7f00ff", // E (e) violet
  "#3399cc", // F (f) steel blue
  "#ccffcc", // G (g) pale green
  "#006633", // H (h) dark sea green
  "#ff0033", // I (i) crimson
  "#b21919", // J (j) dark red
  "#993300", // K (k) rust
  "#cc9933", // L (l) ochre
  "#999933", // M (m) khaki
  "#ffffbf", // N (n) cream
  "#ffff7f", // O (o) light yellow
];

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function mix(hex: string, toward: string, amount: number): string {
  const part = (h: string, i: number) => parseInt(h.slice(i, i + 2), 16);
  const out = [1, 3, 5].map((i) =>
    Math.round(part(hex, i) + (part(toward, i) - part(hex, i)) * amount)
      .toString(16)
      .padStart(2, "0")
  );
  return `#${out.join("")}`;
}

/** The colour as drawn on the dark theme: dark entries are lifted until they read. */
export function readableOnDark(hex: string): string {
  let colour = hex;
  for (let step = 0; step < 8 && luminance(colour) < 0.1; step++) {
    colour = mix(colour, "#ffffff", 0.2);
  }
  return colour;
}

/** The drawn colour of an ET colour code character, or null when it is not a code. */
export function etColour(code: string): string | null {
  const c = code.charCodeAt(0);
  if (code.length !== 1 || c <= 0x20 || c >= 0x7f || code === "^") return null;
  return readableOnDark(ET_COLOURS[(c - 48) & 31]!);
}
