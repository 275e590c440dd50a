import assert from "node:assert/strict";
import type { PlayerSums } from "../../db/queries/sums.ts";
import { loadCompareInput } from "../../routes/cards/load_compare.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  compareCard,
  type CompareInput,
  compareInput,
  type ComparePlayerRows,
  formatValue,
  leaderOf,
  leadsOf,
} from "../../views/cards/compare.tsx";
import { barLength } from "../../views/components/bars.tsx";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";

const renderer = new CardRenderer(await createRenderer("native"));

async function renderCard(input: CompareInput) {
  const started = performance.now();
  const card = await renderer.render(compareCard, input);
  const ms = performance.now() - started;
  assert.equal(decodePng(card.png).width, compareCard.width);
  return { card, ms };
}

function player(guid: string, name: string, totals: Partial<PlayerSums>): ComparePlayerRows {
  return { player: { guid, name }, totals };
}

/** Row label → [a, b, leader]. */
function table(input: CompareInput) {
  return Object.fromEntries(input.rows.map((row) => [row.label, [row.a, row.b, row.leader]]));
}

dbTest("compare card: fixture golden, builder values and loader", async (db) => {
  await seedCardFixtures(db);
  assert.equal(await loadCompareInput(db, "3838B326", "00000000"), null);
  assert.equal(await loadCompareInput(db, "00000000", "3838B326"), null);

  const input = (await loadCompareInput(db, "3838B326", "BF3C4C06"))!;
  assert.deepEqual(input.a, { guid: "3838B326", name: "Player26" });
  assert.deepEqual(input.b, { guid: "BF3C4C06", name: "Player34" });
  assert.deepEqual(table(input), {
    "K/D": [3.18, 2.49, "A"],
    "DPM": [298.78, 269.91, "A"],
    "Accuracy": [30.62, 28.99, "A"],
    "HS accuracy": [12.81, 10.85, "A"],
    "Efficiency": [76.1, 71.31, "A"],
    "Kills": [293, 425, "B"],
    // Fewer deaths lead.
    "Deaths": [92, 171, "A"],
    "Damage given": [40455, 51309, "B"],
    "Revives given": [51, 58, "B"],
    "Rounds": [20, 20, null],
    "Time played": [8124, 11406, "B"],
  });
  assert.equal(leadsOf(input, "A"), 6);
  assert.equal(leadsOf(input, "B"), 4);

  const { card, ms } = await renderCard(input);
  // The first render of a process also parses the fonts; the second shows the steady cost.
  const warmStart = performance.now();
  await renderer.renderer.render(compareCard.element(input), { width: compareCard.width });
  const warm = performance.now() - warmStart;
  console.log(
    `compare card: ${card.width}x${card.height}, first render ${ms.toFixed(0)} ms, ` +
      `again ${warm.toFixed(0)} ms`,
  );
  assert.equal(card.fileName, "compare-3838B326-BF3C4C06.png");
  await assertGolden("compare-fixture", card.png);
});

Deno.test("compare: leaders, ties and missing values", () => {
  assert.equal(leaderOf(2, 1, false), "A");
  assert.equal(leaderOf(1, 2, false), "B");
  assert.equal(leaderOf(1, 2, true), "A");
  assert.equal(leaderOf(2, 1, true), "B");
  assert.equal(leaderOf(1, 1, false), null);
  assert.equal(leaderOf(null, 1, false), null);
  assert.equal(leaderOf(null, null, true), null);
  assert.equal(formatValue(null, "decimal"), "–");
  assert.equal(formatValue(1234567, "count"), "1,234,567");
  assert.equal(formatValue(5400, "duration"), "1h 30m");
  assert.equal(formatValue(2.5, "ratio"), "2.50");
  assert.equal(formatValue(12.345, "percent"), "12.3%");
  assert.equal(barLength(null, 10, 200), 0);
  assert.equal(barLength(0, 10, 200), 0);
  assert.equal(barLength(5, 10, 200), 100);
  assert.equal(barLength(0.001, 10, 200), 2, "a positive value stays visible");
  assert.equal(barLength(5, 0, 200), 0);
});

Deno.test("compare builder: a player without rounds or played time", () => {
  // The sums of nothing are null.
  const nobody = player("00000001", "nobody", {
    rounds: null as unknown as number,
    kills: null as unknown as number,
  });
  const noTime = player("00000002", "^2no^7time", {
    rounds: 2,
    kills: 10,
    deaths: 0,
    hits: 40,
    shots: 100,
    headshots: 0,
    damageGiven: 1500,
    timedDamageGiven: 0,
    playedSeconds: 0,
    revivesGiven: 0,
  });
  const input = compareInput(nobody, noTime);
  assert.deepEqual(table(input), {
    "K/D": [null, 10, null],
    "DPM": [null, null, null],
    "Accuracy": [null, 40, null],
    "HS accuracy": [null, 0, null],
    "Efficiency": [null, 100, null],
    "Kills": [0, 10, "B"],
    // No rounds, no deaths value: nobody leads on deaths.
    "Deaths": [null, 0, null],
    "Damage given": [0, 1500, "B"],
    "Revives given": [0, 0, null],
    "Rounds": [0, 2, "B"],
    "Time played": [0, 0, null],
  });
  assert.equal(leadsOf(input, "A"), 0);
  assert.equal(leadsOf(input, "B"), 3);
});

Deno.test("compare card: edge cases render at the card width", async () => {
  const big: Partial<PlayerSums> = {
    rounds: 31234,
    kills: 123456,
    deaths: 98765,
    hits: 900000,
    shots: 2000000,
    headshots: 150000,
    damageGiven: 99_999_999,
    timedDamageGiven: 99_999_999,
    playedSeconds: 4_444_444,
    revivesGiven: 123456,
  };
  const extreme = compareInput(
    player("AAAAAAAA", "^1Very^7Long^3Name^5With^2Colours^4And^6More^8Text^9Here_XXXXXXXXXX", big),
    player("BBBBBBBB", "💀^3Снайпер^7Москва💀 with a very long tail of text", {
      ...big,
      kills: 1,
      deaths: 1,
      playedSeconds: 0,
      timedDamageGiven: 0,
    }),
  );
  assert.deepEqual(table(extreme)["DPM"], [1350, null, null]);
  const { card: extremeCard } = await renderCard(extreme);
  await assertGolden("compare-edge-cases", extremeCard.png);

  // A player against themself: every row a tie.
  const same = player("CCCCCCCC", "^4same", { rounds: 5, kills: 20, deaths: 20, shots: 10 });
  const mirror = compareInput(same, same);
  assert.ok(mirror.rows.every((row) => row.leader === null));
  await renderCard(mirror);

  // Two players without any counted round.
  const empty = compareInput(player("DDDDDDDD", "", {}), player("EEEEEEEE", "   ", {}));
  assert.ok(empty.rows.every((row) => row.leader === null));
  await renderCard(empty);
});
