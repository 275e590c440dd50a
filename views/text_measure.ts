/**
 * Text width from the same font files Satori draws with, so names can be cut with an ellipsis at
 * their measured width instead of overflowing their box.
 */
import opentype from "@shuding/opentype.js";
import { fonts, type FontWeight, TEXT_FONT } from "./fonts.ts";

interface ParsedFont {
  charToGlyphIndex(char: string): number;
  getAdvanceWidth(text: string, fontSize: number): number;
}

const parsed = new Map<string, ParsedFont[]>();

/** The faces of a CSS font stack for a weight, in fallback order (like Satori). */
function facesFor(stack: string, weight: FontWeight): ParsedFont[] {
  const key = `${stack}/${weight}`;
  let faces = parsed.get(key);
  if (!faces) {
    const families = stack.split(",").map((name) => name.trim());
    faces = families.flatMap((family) => {
      const candidates = fonts().filter((f) => f.name === family);
      const face = candidates.find((f) => f.weight === weight) ?? candidates[0];
      return face ? [opentype.parse(face.data) as ParsedFont] : [];
    });
    parsed.set(key, faces);
  }
  return faces;
}

export interface TextStyle {
  fontSize: number;
  fontWeight?: FontWeight;
  fontFamily?: string;
}

/** The face that draws `char` (the first that has it), or null. */
function faceOf(char: string, faces: ParsedFont[]): ParsedFont | null {
  for (const face of faces) if (face.charToGlyphIndex(char) > 0) return face;
  return null;
}

/**
 * Widths of each character. Satori draws the spaces after a fallback glyph (an emoji) in that
 * glyph's face, whose space can be far wider than the text face's, so a space is measured in the
 * face of the character before it.
 */
function widths(text: string, style: TextStyle): { char: string; width: number }[] {
  const faces = facesFor(style.fontFamily ?? TEXT_FONT, style.fontWeight ?? 400);
  const out: { char: string; width: number }[] = [];
  let previous: ParsedFont | null = null;
  for (const char of text) {
    let face = faceOf(char, faces);
    if (/\s/.test(char) && previous && previous !== faces[0]) {
      face = previous.charToGlyphIndex(char) > 0 ? previous : face;
    }
    out.push({
      char,
      width: face ? face.getAdvanceWidth(char, style.fontSize) : style.fontSize * 0.6,
    });
    if (!/\s/.test(char)) previous = face;
  }
  return out;
}

/** Width in px of `text` drawn in `style`. */
export function measureText(text: string, style: TextStyle): number {
  return widths(text, style).reduce((sum, c) => sum + c.width, 0);
}

/** Per-character widths, for cutting coloured segments at one measured budget. */
export function charWidths(text: string, style: TextStyle): { char: string; width: number }[] {
  return widths(text, style);
}
