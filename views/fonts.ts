/**
 * Fonts of every card, read once per process from npm packages (never fetched at run time):
 * Inter for text (Latin, Latin Extended, Cyrillic, Greek), JetBrains Mono for numbers (tabular
 * by design), Noto Emoji as the fallback for emoji in names. Regular and bold of each.
 */
import { createRequire } from "node:module";

const TEXT_FAMILY = "Inter";
const NUMBER_FAMILY = "JetBrains Mono";
const TEXT_SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek"];
const EMOJI_SUBSETS = [...Array.from({ length: 11 }, (_, i) => String(i)), "emoji"];

/** Each subset file is its own family, so Satori falls back through them glyph by glyph. */
const textFaces = TEXT_SUBSETS.map((subset) => `${TEXT_FAMILY} ${subset}`);
const emojiFaces = EMOJI_SUBSETS.map((subset) => `Noto Emoji ${subset}`);

/** CSS font stacks: text, and tabular numbers (falling back to text for other glyphs). */
export const TEXT_FONT = [...textFaces, ...emojiFaces].join(", ");
export const NUMBER_FONT = [NUMBER_FAMILY, ...textFaces, ...emojiFaces].join(", ");

export type FontWeight = 400 | 700;

export interface FontFace {
  name: string;
  data: ArrayBuffer;
  weight: FontWeight;
  style: "normal";
}

const WEIGHTS: readonly FontWeight[] = [400, 700];
function fontFiles(): { name: string; weight: FontWeight; file: string }[] {
  const files: { name: string; weight: FontWeight; file: string }[] = [];
  for (const weight of WEIGHTS) {
    for (const subset of TEXT_SUBSETS) {
      files.push({
        name: `${TEXT_FAMILY} ${subset}`,
        weight,
        file: `@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`,
      });
    }
    files.push({
      name: NUMBER_FAMILY,
      weight,
      file: `@fontsource/jetbrains-mono/files/jetbrains-mono-latin-${weight}-normal.woff`,
    });
  }
  // Emoji glyphs are monochrome outlines; one weight serves both.
  for (const subset of EMOJI_SUBSETS) {
    files.push({
      name: `Noto Emoji ${subset}`,
      weight: 400,
      file: `@fontsource/noto-emoji/files/noto-emoji-${subset}-400-normal.woff`,
    });
  }
  return files;
}

let loaded: FontFace[] | null = null;

/** All font faces, read on first use and then shared (Satori caches its parse per array). */
export function fonts(): FontFace[] {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  loaded = fontFiles().map(({ name, weight, file }) => ({
    name,
    weight,
    style: "normal",
    data: Deno.readFileSync(require.resolve(file)).buffer,
  }));
  return loaded;
}
