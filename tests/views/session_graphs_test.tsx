import assert from "node:assert/strict";
import type { Db } from "../../db/client.ts";
import type {
  SessionGraphMapRow,
  SessionGraphPlayerMapRow,
} from "../../db/queries/session_graphs.ts";
import {
  listSessions,
  sessionDetail,
  sessionSummary,
  type SessionSummaryRow,
} from "../../db/queries/sessions.ts";
import type { PlayerSums } from "../../db/queries/sums.ts";
import { loadSessionGraphsInput } from "../../routes/cards/load_session_graphs.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  type GraphsPlayer,
  sessionGraphsCard,
  type SessionGraphsInput,
  sessionGraphsInput,
} from "../../views/cards/session_graphs.tsx";
import { linePath, niceScale, seriesStyle } from "../../views/components/charts.tsx";
import { statLine } from "../../views/json/stat_line.ts";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";
import { playerSums } from "../helpers/player_sums.ts";

const renderer = new CardRenderer(await createRenderer("native"));

async function sessionIdOf(db: Db, date: string): Promise<number> {
  const { items } = await listSessions(db, { limit: 10, offset: 0 });
  return items.find((s) => s.date === date)!.id;
}

async function graphsOf(db: Db, date: string): Promise<SessionGraphsInput> {
  return (await loadSessionGraphsInput(db, await sessionIdOf(db, date)))!;
}

async function renderChecked(input: SessionGraphsInput): Promise<Uint8Array> {
  const card = await renderer.render(sessionGraphsCard, input);
  const png = decodePng(card.png);
  assert.equal(png.width, sessionGraphsCard.width);
  assert.equal(card.fileName, `session-${input.id}-graphs.png`);
  return card.png;
}

dbTest("session graphs: the 12-player session matches its golden image", async (db) => {
  await seedCardFixtures(db);
  const input = await graphsOf(db, "2025-09-05");
  assert.deepEqual(input.maps.map((m) => m.map), [
    "braundorf_b4",
    "etl_sp_delivery",
    "braundorf_b4",
    "te_escape2",
  ]);
  assert.equal(input.players.length, 12);
  assert.deepEqual(input.teams, { A: { name: "Stags" }, B: { name: "Boars" } });
  // Concrete fixture numbers: the top DPM of the session and the first map's team kills.
  assert.equal(input.players[0]!.name, "Player26");
  assert.equal(input.players[0]!.dpm, 333.33);
  assert.deepEqual(input.maps[0]!.teamKills, { A: 177, B: 266 });
  assert.deepEqual(input.maps.map((m) => m.teamKills.A + m.teamKills.B), [443, 159, 453, 171]);
  // Ordered by session DPM; every player played every map here.
  for (let i = 1; i < input.players.length; i++) {
    assert.ok(input.players[i - 1]!.dpm! >= input.players[i]!.dpm!);
  }
  assert.ok(input.players.every((p) => p.dpmByMap.length === 4 && p.dpmByMap.every((v) => v)));
  await assertGolden("session-graphs-12-players", await renderChecked(input));
});

dbTest("session graphs: the six-map session matches its golden image", async (db) => {
  await seedCardFixtures(db);
  const input = await graphsOf(db, "2025-09-09");
  assert.equal(input.maps.length, 6);
  assert.equal(input.players.length, 8);
  await assertGolden("session-graphs-6-maps", await renderChecked(input));
});

dbTest("session graphs: per-map sums add up to the recap's session numbers", async (db) => {
  await seedCardFixtures(db);
  for (const date of ["2025-09-04", "2025-09-05", "2025-09-09"]) {
    const id = await sessionIdOf(db, date);
    const summary = (await sessionSummary(db, id))!;
    const detail = await sessionDetail(db, id, summary);
    const input = (await loadSessionGraphsInput(db, id))!;
    assert.equal(input.players.length, detail.players.length, date);
    for (const row of detail.players) {
      const recap = statLine(row);
      const graphs = input.players.find((p) => p.guid === row.guid)!;
      assert.equal(graphs.dpm, recap.dpm, `${date} ${row.name} dpm`);
      assert.equal(graphs.kills, recap.kills, `${date} ${row.name} kills`);
      assert.equal(graphs.revivesGiven, recap.revivesGiven, `${date} ${row.name} revives`);
      assert.equal(graphs.usefulKills, recap.usefulKills, `${date} ${row.name} useful kills`);
      assert.equal(graphs.deniedPlaytime, recap.deniedPlaytime, `${date} ${row.name} denied`);
    }
    const kills = input.maps.reduce((sum, m) => sum + m.kills, 0);
    assert.equal(kills, detail.players.reduce((sum, p) => sum + p.kills, 0), date);
  }
});

dbTest("session graphs: an unknown session loads as null", async (db) => {
  assert.equal(await loadSessionGraphsInput(db, 12345), null);
});

// ---- Builder and edge cases, from rows and inputs built here ----

const summary: SessionSummaryRow = {
  id: 7,
  key: "2025-01-01-200000",
  server: "^1Red ^7Server",
  date: "2025-01-01",
  startedAt: "2025-01-01T19:00:00Z",
  endedAt: "2025-01-01T20:00:00Z",
  rounds: 4,
  maps: 2,
  players: 3,
  teamAName: "Axe",
  teamBName: "Bow",
  scoreA: 2,
  scoreB: 2,
  mapsWonA: 1,
  mapsWonB: 1,
  draws: 0,
  teamConfidence: "high",
  substitutions: 0,
};

function sums(values: Partial<PlayerSums>): PlayerSums {
  return playerSums({ rounds: 2, ...values });
}

function row(
  matchId: number,
  guid: string,
  team: "A" | "B" | null,
  values: Partial<PlayerSums>,
): SessionGraphPlayerMapRow {
  return { matchId, guid, name: `name ${guid}`, team, ...sums(values) };
}

const MAPS: SessionGraphMapRow[] = [
  { matchId: 10, map: "supply", index: 1, counted: true, winner: "A" },
  { matchId: 11, map: "radar", index: 2, counted: true, winner: "B" },
];

Deno.test("session graphs builder: per-map DPM, gaps, session sums over sums, team kills", () => {
  const input = sessionGraphsInput(summary, {
    maps: MAPS,
    players: [
      // 6000 damage in 20 min = 300 DPM; 1000 damage in 10 min = 100 DPM; session 7000/30 min.
      row(10, "AAA", "A", {
        kills: 20,
        deaths: 5,
        damageGiven: 6000,
        timedDamageGiven: 6000,
        playedSeconds: 1200,
        revivesGiven: 3,
        timesRevived: 1,
        usefulKills: 4,
        deniedPlaytime: 95,
      }),
      row(11, "AAA", "A", {
        kills: 4,
        deaths: 9,
        damageGiven: 1000,
        timedDamageGiven: 1000,
        playedSeconds: 600,
        revivesGiven: 2,
      }),
      // Played radar only, without any damage: DPM 0 there, a gap on supply.
      row(11, "BBB", "B", { kills: 0, deaths: 7, playedSeconds: 600 }),
      // No played time at all: DPM null everywhere.
      row(10, "CCC", null, { kills: 1, deaths: 2 }),
      // A row of a match that is not among the maps is ignored.
      row(99, "DDD", "B", { kills: 50, playedSeconds: 60, timedDamageGiven: 100 }),
    ],
  });
  assert.deepEqual(input.maps, [
    { map: "supply", teamKills: { A: 20, B: 0 }, kills: 21, deaths: 7 },
    { map: "radar", teamKills: { A: 4, B: 0 }, kills: 4, deaths: 16 },
  ]);
  assert.deepEqual(input.players.map((p) => p.guid), ["AAA", "BBB", "CCC"]);
  const [a, b, c] = input.players as [GraphsPlayer, GraphsPlayer, GraphsPlayer];
  assert.deepEqual(a.dpmByMap, [300, 100]);
  assert.equal(a.dpm, 233.33); // 7000 × 60 / 1800, not the mean of 300 and 100
  assert.deepEqual(
    [a.kills, a.deaths, a.revivesGiven, a.timesRevived, a.usefulKills, a.deniedPlaytime],
    [24, 14, 5, 1, 4, 95],
  );
  assert.deepEqual(b.dpmByMap, [null, 0]);
  assert.equal(b.dpm, 0);
  assert.deepEqual(c.dpmByMap, [null, null]);
  assert.equal(c.dpm, null);
  assert.deepEqual(input.teams, { A: { name: "Axe" }, B: { name: "Bow" } });
});

Deno.test("session graphs builder: a session without rows has no maps and no players", () => {
  const input = sessionGraphsInput(summary, { maps: [], players: [] });
  assert.deepEqual(input.maps, []);
  assert.deepEqual(input.players, []);
});

Deno.test("chart helpers: nice scales, broken lines, dashed colours past twelve", () => {
  assert.deepEqual(niceScale(378, 5), { max: 400, step: 100, ticks: [0, 100, 200, 300, 400] });
  assert.deepEqual(niceScale(440, 5).ticks, [0, 100, 200, 300, 400, 500]);
  assert.deepEqual(niceScale(0, 4).ticks, [0, 0.25, 0.5, 0.75, 1]);
  assert.equal(
    linePath([{ x: 0, y: 1 }, { x: 2, y: 3 }, null, { x: 5, y: 5 }, { x: 6, y: 4 }]),
    "M0 1 L2 3 M5 5 L6 4",
  );
  assert.equal(linePath([{ x: 0, y: 1 }, null]), "");
  assert.equal(seriesStyle(0).dashed, false);
  assert.equal(seriesStyle(12).colour, seriesStyle(0).colour);
  assert.equal(seriesStyle(12).dashed, true);
  assert.equal(new Set(Array.from({ length: 12 }, (_, i) => seriesStyle(i).colour)).size, 12);
});

const LONG_NAME = "^1[CLAN]^7Someone^3WithAVeryVeryLongName😀ЖЖЖ^5xxxxxxxxxxxx";

function graphsPlayer(
  name: string,
  team: "A" | "B" | null,
  dpmByMap: (number | null)[],
  extra: Partial<GraphsPlayer> = {},
): GraphsPlayer {
  const values = dpmByMap.filter((v): v is number => v !== null);
  return {
    guid: name.toUpperCase().slice(0, 8).padEnd(8, "X"),
    name,
    team,
    dpm: values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null,
    dpmByMap,
    kills: 10,
    deaths: 8,
    revivesGiven: 2,
    timesRevived: 1,
    usefulKills: 3,
    deniedPlaytime: 75,
    ...extra,
  };
}

Deno.test("session graphs: one map, a single player with an extreme name renders dots", async () => {
  const input: SessionGraphsInput = {
    id: 99,
    date: "2025-01-01",
    server: "test-server",
    teams: { A: { name: "Team A" }, B: { name: "Team B" } },
    maps: [{ map: "supply", teamKills: { A: 12, B: 0 }, kills: 12, deaths: 3 }],
    players: [graphsPlayer(LONG_NAME, "A", [245.5])],
  };
  const bytes = await renderChecked(input);
  const png = decodePng(bytes);
  assert.ok(png.height > 500 && png.height < 900, `height ${png.height}`);
  await assertGolden("session-graphs-one-map", bytes);
});

Deno.test("session graphs: 20 players over 10 maps with gaps, zero and no DPM render", async () => {
  const maps = [
    "goldrush",
    "etl_sp_delivery",
    "frostbite",
    "te_escape2",
    "braundorf_b4",
    "missile_b3",
    "radar",
    "supply",
    "a_really_long_custom_map_name_final_v2",
    "adlernest",
  ].map((map, i) => ({
    map,
    teamKills: { A: 30 + 7 * i, B: 60 - 5 * i },
    kills: 95,
    deaths: 96,
  }));
  const names = [
    LONG_NAME,
    "^^^^ 😀 Жук",
    "^2Grün^7Spieler",
    "Андрей_Петрович_Снайпер_Длинный",
    "   ",
    "^0dark^>navy",
  ];
  const players = Array.from({ length: 20 }, (_, p) =>
    graphsPlayer(
      names[p] ?? `Player${p}`,
      p % 2 === 0 ? "A" : "B",
      maps.map((_, m) => (p + m) % 7 === 3 ? null : p === 5 ? 0 : 80 + ((p * 37 + m * 53) % 260)),
      { revivesGiven: p, deniedPlaytime: 61 * p },
    ));
  players.push(graphsPlayer("NoPlayTime", null, maps.map(() => null)));
  players.sort((a, b) => (b.dpm ?? -1) - (a.dpm ?? -1));
  const input: SessionGraphsInput = {
    id: 100,
    date: "2025-01-02",
    server: "server",
    teams: {
      A: { name: "A team with a name far too long for the key" },
      B: { name: "Б" },
    },
    maps,
    players,
  };
  const bytes = await renderChecked(input);
  const png = decodePng(bytes);
  assert.ok(png.height < 1800, `height ${png.height}`);
  await assertGolden("session-graphs-crowded", bytes);
});

Deno.test("session graphs: no maps, and players without teams, render", async () => {
  const empty: SessionGraphsInput = {
    id: 101,
    date: "2025-01-03",
    server: "server",
    teams: { A: { name: "Team A" }, B: { name: "Team B" } },
    maps: [],
    players: [],
  };
  const emptyPng = decodePng(await renderChecked(empty));
  assert.ok(emptyPng.height < 500, `height ${emptyPng.height}`);
  const noTeams: SessionGraphsInput = {
    ...empty,
    id: 102,
    maps: [
      { map: "supply", teamKills: { A: 0, B: 0 }, kills: 40, deaths: 44 },
      { map: "radar", teamKills: { A: 0, B: 0 }, kills: 0, deaths: 0 },
    ],
    players: [
      graphsPlayer("solo", null, [0, 0], { revivesGiven: 0, deniedPlaytime: 0 }),
      graphsPlayer("other", null, [150, null]),
    ],
  };
  await renderChecked(noTeams);
});
