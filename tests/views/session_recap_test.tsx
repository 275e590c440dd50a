import assert from "node:assert/strict";
import { listSessions, sessionDetail, sessionSummary } from "../../db/queries/sessions.ts";
import type { Db } from "../../db/client.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  type RecapPlayer,
  sessionRecapCard,
  type SessionRecapInput,
  sessionRecapInput,
} from "../../views/cards/session_recap.tsx";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";

const renderer = new CardRenderer(await createRenderer("native"));

async function recapOf(db: Db, date: string): Promise<SessionRecapInput> {
  const { items } = await listSessions(db, { limit: 10, offset: 0 });
  const summary = (await sessionSummary(db, items.find((s) => s.date === date)!.id))!;
  return sessionRecapInput(summary, await sessionDetail(db, summary.id, summary));
}

dbTest("session recap: the 12-player session matches its golden image", async (db) => {
  await seedCardFixtures(db);
  const input = await recapOf(db, "2025-09-05");
  assert.equal(input.players.length, 12);
  assert.equal(input.maps.length, 4);
  // Ranked by kills; each team's MVP is its top killer.
  for (let i = 1; i < input.players.length; i++) {
    assert.ok(input.players[i - 1]!.kills >= input.players[i]!.kills);
  }
  for (const team of ["A", "B"] as const) {
    const best = Math.max(...input.players.filter((p) => p.team === team).map((p) => p.kills));
    assert.equal(input.mvps[team]!.kills, best);
  }
  // Every scored map knows which team attacked in each round.
  for (const map of input.maps.filter((m) => m.winner !== null)) {
    assert.ok(map.rounds.every((r) => r.attackers !== null), map.map);
  }
  const card = await renderer.render(sessionRecapCard, input);
  assert.equal(decodePng(card.png).width, sessionRecapCard.width);
  await assertGolden("session-recap-12-players", card.png);
});

dbTest("session recap: the six-map session matches its golden image", async (db) => {
  await seedCardFixtures(db);
  const input = await recapOf(db, "2025-09-09");
  assert.equal(input.maps.length, 6);
  assert.equal(input.teams.A.score + input.teams.B.score, 12);
  await assertGolden("session-recap-6-maps", (await renderer.render(sessionRecapCard, input)).png);
});

const player = (name: string, kills: number, team: "A" | "B" | null): RecapPlayer => ({
  guid: name.toUpperCase().padEnd(8, "X"),
  name,
  team,
  kills,
  deaths: 3,
  kdRatio: kills / 3,
  dpm: kills > 0 ? 201.5 : null,
  accuracy: 31.2,
  damageGiven: kills * 120,
  damageReceived: 900,
  revivesGiven: 2,
  timeDeadSeconds: 95,
  headshotKills: 1,
  gibs: 0,
});

Deno.test("session recap: one map, extreme names and a team without players render", async () => {
  const longName = "^1[CLAN]^7Someone^3WithAVeryVeryLongName😀ЖЖЖ^5xxxxxxxxxxxx";
  const input: SessionRecapInput = {
    id: 99,
    date: "2025-01-01",
    server: "^1Red ^7Server",
    durationSeconds: 900,
    teams: {
      A: { name: "Team A", score: 2, mapsWon: 1 },
      B: { name: "Team B", score: 0, mapsWon: 0 },
    },
    draws: 0,
    maps: [{
      map: "supply",
      counted: true,
      winner: "A",
      points: { A: 2, B: 0 },
      rounds: [
        { round: 1, attackers: "A", completed: true, timeSetSeconds: 312, durationSeconds: 312 },
        { round: 2, attackers: "B", completed: false, timeSetSeconds: null, durationSeconds: 312 },
      ],
    }],
    players: [player(longName, 12, "A"), player("^^^^ 😀 Жук", 0, "A")],
    mvps: { A: player(longName, 12, "A") },
  };
  const card = await renderer.render(sessionRecapCard, input);
  const png = decodePng(card.png);
  assert.equal(png.width, sessionRecapCard.width);
  assert.ok(png.height > 400 && png.height < 900, `height ${png.height}`);
  await assertGolden("session-recap-edge-names", card.png);
});

Deno.test("session recap: a marathon session draws its latest 14 maps only", async () => {
  const map = (i: number) => ({
    map: `map_${i}`,
    counted: true,
    winner: "A" as const,
    points: { A: 2, B: 0 },
    rounds: [{
      round: 1,
      attackers: "A" as const,
      completed: true,
      timeSetSeconds: 300,
      durationSeconds: 300,
    }],
  });
  const base: SessionRecapInput = {
    id: 1,
    date: "2025-01-01",
    server: "s",
    durationSeconds: 3600,
    teams: { A: { name: "A", score: 0, mapsWon: 0 }, B: { name: "B", score: 0, mapsWon: 0 } },
    draws: 0,
    maps: [],
    players: [player("p", 1, "A")],
    mvps: {},
  };
  const heightWith = async (count: number) =>
    decodePng(
      (await renderer.render(sessionRecapCard, {
        ...base,
        maps: Array.from({ length: count }, (_, i) => map(i)),
      })).png,
    ).height;
  const fourteen = await heightWith(14);
  const sixty = await heightWith(60);
  // One extra line ("46 earlier maps not shown"), not 46 more rows.
  assert.ok(sixty - fourteen < 40, `${fourteen} → ${sixty}`);
});
