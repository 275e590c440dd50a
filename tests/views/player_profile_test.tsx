import assert from "node:assert/strict";
import type { PlayerSums } from "../../db/queries/sums.ts";
import { loadPlayerProfileInput } from "../../routes/cards/load_player_profile.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  FORM_SESSIONS,
  playerProfileCard,
  type PlayerProfileInput,
  playerProfileInput,
  type PlayerProfileRows,
} from "../../views/cards/player_profile.tsx";
import { sparkPath, sparkPoints, sparkRange } from "../../views/components/sparkline.tsx";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";
import { playerSums } from "../helpers/player_sums.ts";

const renderer = new CardRenderer(await createRenderer("native"));

async function renderCard(input: PlayerProfileInput) {
  const started = performance.now();
  const card = await renderer.render(playerProfileCard, input);
  const ms = performance.now() - started;
  assert.equal(decodePng(card.png).width, playerProfileCard.width);
  return { card, ms };
}

const sums = playerSums;

function rows(overrides: Partial<PlayerProfileRows> = {}): PlayerProfileRows {
  return {
    player: {
      guid: "ABCDEF12",
      name: "^1Test^7Player",
      displayName: null,
      isBot: false,
      firstSeen: "2025-09-04",
      lastSeen: "2025-09-04",
      discordLinked: false,
    },
    aliases: [],
    totals: sums(),
    maps: [],
    weapons: [],
    sessions: [],
    ...overrides,
  };
}

function session(id: number, date: string, dpm: number | null) {
  return {
    sessionId: id,
    key: `${date}-210000`,
    date,
    team: "A" as const,
    teamScore: 4,
    opponentScore: 2,
    ...sums({
      rounds: 6,
      playedSeconds: dpm === null ? 0 : 3600,
      damageGiven: dpm === null ? 5000 : dpm * 60,
      timedDamageGiven: dpm === null ? 0 : dpm * 60,
    }),
  };
}

dbTest("player profile card: fixture golden, builder values and loader", async (db) => {
  await seedCardFixtures(db);
  assert.equal(await loadPlayerProfileInput(db, "00000000"), null);

  const input = (await loadPlayerProfileInput(db, "3838B326"))!;
  assert.equal(input.name, "Player26");
  assert.deepEqual(input.aliases, []);
  assert.equal(input.firstSeen, "2025-09-05");
  assert.equal(input.lastSeen, "2025-09-09");
  assert.deepEqual(input.totals, {
    rounds: 20,
    playedSeconds: 8124,
    kills: 293,
    deaths: 92,
    kdRatio: 3.18,
    dpm: 298.78,
    accuracy: 30.62,
    headshotAccuracy: 12.81,
    efficiency: 76.1,
  });
  assert.deepEqual(input.weapons.map((w) => [w.name, w.kills, w.accuracy]), [
    ["Hand grenade", 77, 30.83],
    ["MP40", 59, 29.42],
    ["Colt .45 pistol", 55, 35.09],
    ["Luger pistol", 33, 23.4],
    ["Rifle grenade", 30, 23.43],
  ]);
  // By DPM among maps of 2+ rounds.
  assert.deepEqual(input.bestMaps.map((m) => [m.map, m.rounds, m.dpm]), [
    ["frostbite", 2, 374.59],
    ["braundorf_b4", 4, 360.43],
    ["etl_sp_delivery", 6, 283.32],
    ["goldrush", 2, 265.06],
  ]);
  // Oldest first.
  assert.deepEqual(input.form.map((p) => [p.date, p.dpm]), [
    ["2025-09-05", 333.33],
    ["2025-09-09", 270.54],
  ]);
  assert.deepEqual(input.badges.map((b) => [b.text, b.label]), [
    ["⚔️×6", "K/D 3.0"],
    ["📦", "25 objectives stolen or returned"],
  ]);
  assert.deepEqual(
    input.achievements.map((a) => [a.track, a.reached, a.next?.name ?? null, a.next?.progress]),
    [
      ["kills", "First Blood Century", "Killing Machine", 0.59],
      ["rounds", "Getting Started", "Regular Player", 0.4],
      ["kd", "Unstoppable", null, undefined],
    ],
  );

  const { card, ms } = await renderCard(input);
  // The first render of a process also parses the fonts; the second shows the steady cost.
  const warmStart = performance.now();
  await renderer.renderer.render(playerProfileCard.element(input), {
    width: playerProfileCard.width,
  });
  const warm = performance.now() - warmStart;
  console.log(
    `player profile card: ${card.width}x${card.height}, first render ${ms.toFixed(0)} ms, ` +
      `again ${warm.toFixed(0)} ms`,
  );
  assert.equal(card.fileName, "player-3838B326.png");
  await assertGolden("player-fixture", card.png);
});

Deno.test("player profile builder: a player with one round, no aliases, one session", () => {
  const input = playerProfileInput(rows({
    aliases: [{
      name: "^1Test^7Player",
      firstSeen: "2025-09-04",
      lastSeen: "2025-09-04",
      timesSeen: 1,
    }],
    totals: sums({
      rounds: 1,
      kills: 3,
      deaths: 5,
      hits: 0,
      shots: 0,
      damageGiven: 420,
      timedDamageGiven: 420,
      playedSeconds: 600,
    }),
    maps: [{ map: "supply", ...sums({ rounds: 1, playedSeconds: 600, timedDamageGiven: 420 }) }],
    weapons: [
      { id: 0, rounds: 1, hits: 0, shots: 0, kills: 3, deaths: 1, headshots: 0 },
      // Neither a kill nor a shot: not a favourite.
      { id: 4, rounds: 1, hits: 0, shots: 0, kills: 0, deaths: 4, headshots: 0 },
    ],
    sessions: [session(1, "2025-09-04", 42)],
  }));
  assert.deepEqual(input.aliases, []);
  assert.equal(input.moreAliases, 0);
  assert.equal(input.totals.dpm, 42);
  assert.equal(input.totals.accuracy, null, "no shots: no accuracy");
  assert.equal(input.totals.kdRatio, 0.6);
  assert.deepEqual(input.weapons, [{
    id: 0,
    name: "Knife",
    kills: 3,
    deaths: 1,
    accuracy: null,
    headshotAccuracy: null,
  }]);
  assert.deepEqual(input.bestMaps, [], "one round is not a best map");
  assert.deepEqual(input.form, [{ sessionId: 1, date: "2025-09-04", dpm: 42 }]);
  assert.deepEqual(input.badges, [], "no badge below 50 rounds and the K/D round gate");
  assert.deepEqual(input.achievements, [
    {
      track: "kills",
      reached: null,
      next: {
        name: "First Blood Century",
        threshold: 100,
        current: 3,
        roundsToQualify: 0,
        progress: 0.03,
      },
    },
    {
      track: "rounds",
      reached: null,
      next: {
        name: "Getting Started",
        threshold: 10,
        current: 1,
        roundsToQualify: 0,
        progress: 0.1,
      },
    },
    {
      track: "kd",
      reached: null,
      next: {
        name: "Balanced Fighter",
        threshold: 1,
        current: 0.6,
        roundsToQualify: 19,
        progress: 0.05,
      },
    },
  ]);
});

Deno.test("player profile builder: aliases, form order and the session limit", () => {
  const aliases = [
    "^1Test^7Player",
    "^3Снайпер^7Москва",
    "💀^1Killer💀",
    "^1Test^7Player",
    "a_really_long_alias_that_goes_on_and_on_forever_and_ever",
    "five",
    "six",
    "seven",
  ].map((name, i) => ({ name, firstSeen: "2025-09-04", lastSeen: "2025-09-04", timesSeen: 8 - i }));
  // Newest first, as the query returns them; one more than the card shows; one without time.
  const sessions = Array.from(
    { length: FORM_SESSIONS + 1 },
    (_, i) =>
      session(100 - i, `2025-10-${String(30 - i).padStart(2, "0")}`, i === 3 ? null : 200 + i),
  );
  const input = playerProfileInput(rows({ aliases: aliases, sessions }));
  assert.deepEqual(input.aliases, [
    "^3Снайпер^7Москва",
    "💀^1Killer💀",
    "a_really_long_alias_that_goes_on_and_on_forever_and_ever",
    "five",
  ]);
  assert.equal(input.moreAliases, 2);
  assert.equal(input.form.length, FORM_SESSIONS);
  assert.equal(input.form[0]!.date, "2025-10-21");
  assert.equal(input.form[FORM_SESSIONS - 1]!.date, "2025-10-30");
  assert.deepEqual(input.form.map((p) => p.dpm), [
    209,
    208,
    207,
    206,
    205,
    204,
    null,
    202,
    201,
    200,
  ]);
});

Deno.test("sparkline: points, gaps and ranges", () => {
  const box = { width: 100, height: 50, inset: 5 };
  assert.deepEqual(sparkPoints([], box), []);
  assert.deepEqual(sparkPoints([null], box), []);
  // A lone value sits in the middle.
  assert.deepEqual(sparkPoints([7], box), [{ index: 0, x: 50, y: 25, value: 7 }]);
  const points = sparkPoints([10, null, 30, 20], box);
  assert.deepEqual(points.map((p) => [p.x, p.y]), [[5, 45], [65, 5], [95, 25]]);
  assert.equal(sparkPath(points), "M5 45 M65 5 L95 25");
  assert.deepEqual(sparkRange([100, 110], { minSpan: 60 }), { low: 75, high: 135 });
  assert.deepEqual(sparkRange([10], { minSpan: 60, floor: 0 }), { low: 0, high: 60 });
  assert.deepEqual(sparkRange([100, 300], { reference: 400, minSpan: 60 }), {
    low: 100,
    high: 400,
  });
  assert.equal(sparkRange([null, null]), null);
});

Deno.test("player profile card: edge cases render at the card width", async () => {
  const longName = "^1Very^7Long^3Name^5With^2Colours^4And^6More^8Text^9Here_XXXXXXXXXXXXXXXXXX";
  const everything = playerProfileInput(rows({
    player: {
      guid: "FFFFFFFF",
      name: longName,
      displayName: null,
      isBot: true,
      firstSeen: "2019-01-01",
      lastSeen: "2025-12-31",
      discordLinked: true,
    },
    aliases: [
      "^3Снайпер^7Москва",
      "💀^1Killer💀",
      "^7W^1W^7W^1W^7W^1W^7W^1W^7W^1W^7W^1W^7W^1W^7W^1W^7W^1W",
      "^0black^>navy",
      "five",
    ].map((name) => ({ name, firstSeen: "2025-09-04", lastSeen: "2025-09-04", timesSeen: 1 })),
    totals: sums({
      rounds: 31234,
      kills: 123456,
      deaths: 30000,
      hits: 900000,
      shots: 2000000,
      headshots: 150000,
      damageGiven: 99999999,
      timedDamageGiven: 99999999,
      playedSeconds: 4_444_444,
      revivesGiven: 6000,
      timesRevived: 4000,
      dynamitesPlanted: 1200,
      dynamitesDefused: 1100,
      objectives: 3000,
    }),
    weapons: Array.from({ length: 8 }, (_, id) => ({
      id: id + 20,
      rounds: 100,
      hits: 50000,
      shots: 100000,
      kills: 12345 - id,
      deaths: 9999,
      headshots: 5000,
    })),
    maps: ["a_map_with_a_very_long_name_indeed_b7_final", "supply", "goldrush", "radar", "x"]
      .map((map, i) => ({
        map,
        ...sums({ rounds: 1000, kills: 5000, deaths: 1000, playedSeconds: 60000 }),
        timedDamageGiven: 9_999_000 - i,
      })),
    sessions: Array.from(
      { length: FORM_SESSIONS },
      (_, i) =>
        session(i, `2025-12-${String(31 - i).padStart(2, "0")}`, [300, 120, 450, 80][i % 4]!),
    ),
  }));
  assert.equal(everything.badges.length, 8);
  assert.ok(everything.achievements.every((a) => a.next === null), "every track complete");
  const { card: big } = await renderCard(everything);
  await assertGolden("player-edge-cases", big.png);

  const empty = playerProfileInput(rows({
    // A player stored without counted rounds: the sums of nothing are null.
    totals: Object.fromEntries(
      Object.keys(sums()).map((key) => [key, null]),
    ) as unknown as PlayerSums,
  }));
  assert.equal(empty.totals.rounds, 0);
  assert.deepEqual(empty.totals, {
    rounds: 0,
    playedSeconds: 0,
    kills: 0,
    deaths: 0,
    kdRatio: null,
    dpm: null,
    accuracy: null,
    headshotAccuracy: null,
    efficiency: null,
  });
  assert.deepEqual(empty.weapons, []);
  assert.deepEqual(empty.form, []);
  assert.deepEqual(empty.badges, []);
  const { card: blank } = await renderCard(empty);
  await assertGolden("player-empty", blank.png);

  // One session without played time: no point to draw.
  const noTime = playerProfileInput(rows({ sessions: [session(1, "2025-09-04", null)] }));
  assert.deepEqual(noTime.form, [{ sessionId: 1, date: "2025-09-04", dpm: null }]);
  await renderCard(noTime);
});
