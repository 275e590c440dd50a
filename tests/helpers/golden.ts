/**
 * Golden images: a rendered card is compared per pixel with `tests/fixtures/golden/<name>.png`.
 * `deno task golden` (UPDATE_GOLDEN=1) rewrites them deliberately; look at every one before
 * committing it.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { FIXTURES } from "./fixtures.ts";

const GOLDEN_DIR = `${FIXTURES}golden/`;
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

/** Share of pixels allowed to differ (anti-aliasing between resvg builds). */
export const GOLDEN_TOLERANCE = 0.002;

export function decodePng(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: png.data };
}

/** Fraction of pixels that differ between two PNGs of the same size. */
export function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  const left = decodePng(a);
  const right = decodePng(b);
  assert.equal(`${left.width}x${left.height}`, `${right.width}x${right.height}`, "image size");
  const differing = pixelmatch(left.data, right.data, undefined, left.width, left.height, {
    threshold: 0.1,
  });
  return differing / (left.width * left.height);
}

/** Asserts `png` matches the golden `name` (or writes it when regenerating). */
export async function assertGolden(name: string, png: Uint8Array): Promise<void> {
  const path = `${GOLDEN_DIR}${name}.png`;
  if (UPDATE) {
    await Deno.mkdir(GOLDEN_DIR, { recursive: true });
    await Deno.writeFile(path, png);
    return;
  }
  let golden: Uint8Array;
  try {
    golden = await Deno.readFile(path);
  } catch {
    throw new Error(`no golden image ${path}; run \`deno task golden\` and look at it`);
  }
  const difference = pixelDifference(png, golden);
  if (difference > GOLDEN_TOLERANCE) {
    await Deno.writeFile(`${Deno.makeTempDirSync()}/${name}.actual.png`, png);
    assert.fail(
      `${name}: ${(difference * 100).toFixed(3)}% of pixels differ from the golden image ` +
        `(tolerance ${(GOLDEN_TOLERANCE * 100).toFixed(2)}%)`,
    );
  }
}
