import assert from "node:assert/strict";
import { CardCache, cardHash } from "../../views/card_cache.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import { leaderboardCard, type LeaderboardCardInput } from "../../views/cards/leaderboard.tsx";
import { encodePng } from "../../views/png_encode.ts";
import { createRenderer } from "../../views/render.ts";
import { decodePng, GOLDEN_TOLERANCE, pixelDifference } from "../helpers/golden.ts";

const input: LeaderboardCardInput = {
  category: { key: "kd", title: "K/D", unit: "kills per death", decimals: 2, minimums: [] },
  period: { key: "30d", label: "Last 30 days" },
  total: 3,
  entries: [
    { rank: 1, name: "^1Fox^7Trot", value: 2.5, rounds: 60 },
    { rank: 2, name: "^^1x 😀 Жук", value: 1.75, rounds: 55 },
    { rank: 3, name: "^0Shadow", value: 0.5, rounds: 51 },
  ],
};

Deno.test("native and wasm resvg draw the same picture", async () => {
  const native = await createRenderer("native");
  const wasm = await createRenderer("wasm");
  assert.equal(native.backend, "native");
  assert.equal(wasm.backend, "wasm");
  const a = await new CardRenderer(native).render(leaderboardCard, input);
  const b = await new CardRenderer(wasm).render(leaderboardCard, input);
  assert.equal(a.etag, b.etag);
  const difference = pixelDifference(a.png, b.png);
  assert.ok(difference <= GOLDEN_TOLERANCE, `${(difference * 100).toFixed(3)}% differ`);
  assert.equal(decodePng(b.png).width, leaderboardCard.width);
});

Deno.test("auto picks native when it loads", async () => {
  assert.equal((await createRenderer("auto")).backend, "native");
});

Deno.test("a rendered card is reused for the same input and re-rendered for new data", async () => {
  const renderer = new CardRenderer(await createRenderer("native"), 2);
  const first = await renderer.render(leaderboardCard, input);
  const again = await renderer.render(leaderboardCard, structuredClone(input));
  assert.equal(again.png, first.png, "the same bytes object comes from the cache");
  const changed = await renderer.render(leaderboardCard, { ...input, total: 4 });
  assert.notEqual(changed.etag, first.etag);
  assert.notEqual(changed.png, first.png);
});

Deno.test("the card cache evicts the least recently used entry", async () => {
  const cache = new CardCache(2);
  const image = (n: number) => ({ png: new Uint8Array([n]), width: n, height: n });
  cache.set("a", image(1));
  cache.set("b", image(2));
  cache.get("a");
  cache.set("c", image(3));
  assert.equal(cache.size, 2);
  assert.equal(cache.get("b"), undefined);
  assert.equal(cache.get("a")?.width, 1);
  assert.notEqual(await cardHash("x", 1, { a: 1 }), await cardHash("x", 2, { a: 1 }));
});

Deno.test("the PNG encoder writes what pngjs reads back, un-premultiplying alpha", () => {
  // 2 × 1: an opaque red pixel and a half-transparent white one (premultiplied: 128,128,128,128).
  const png = encodePng(2, 1, new Uint8Array([255, 0, 0, 255, 128, 128, 128, 128]));
  const decoded = decodePng(png);
  assert.equal(decoded.width, 2);
  assert.equal(decoded.height, 1);
  assert.deepEqual([...decoded.data], [255, 0, 0, 255, 255, 255, 255, 128]);
});
