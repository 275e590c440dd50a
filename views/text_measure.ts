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

/** Width in px of one character: the first face that has the glyph, else an em-ish box. */
function charWidth(char: string, faces: ParsedFont[], fontSize: number): number {
  for (const face of faces) {
    if (face.charToGlyphIndex(char) > 0) return face.getAdvanceWidth(char, fontSize);
  }
  return fontSize * 0.6;
}

/** Width in px of `text` drawn in `style`. */
export function measureText(text: string, style: TextStyle): number {
  const faces = facesFor(style.fontFamily ?? TEXT_FONT, style.fontWeight ?? 400);
  let width = 0;
  for (const char of text) width += charWidth(char, faces, style.fontSize);
  return width;
}

/** Per-character widths, for cutting coloured segments at one measured budget. */
export function charWidths(text: string, style: TextStyle): { char: string; width: number }[] {
  const faces = facesFor(style.fontFamily ?? TEXT_FONT, style.fontWeight ?? 400);
  return Array.from(text, (char) => ({ char, width: charWidth(char, faces, style.fontSize) }));
}
