/** Spec §12 reproduced number for number. */
import assert from "node:assert/strict";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound, RoundPlayer } from "../../domain/parsed_round.ts";
import { roundTwoOnly } from "../../domain/round_two_only.ts";
import { WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";

function parse(name: typeof WORKED_R1 | typeof WORKED_R2): ParsedRound {
  const result = parseStatsFile(name, workedExample(name));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function roundTwo(): ParsedRound {
  const result = roundTwoOnly(parse(WORKED_R1), parse(WORKED_R2));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function player(round: ParsedRound, guid: string): RoundPlayer {
  const found = round.players.find((p) => p.guid === guid);
  assert.ok(found, `player ${guid} present`);
  return found;
}

const near = (actual: number | null, expected: number, places = 2) =>
  assert.equal(actual === null ? null : Number(actual.toFixed(places)), expected);

const weaponRows = (p: RoundPlayer) =>
  p.weapons.map((w) => [w.code, w.hits, w.shots, w.kills, w.deaths, w.headshots]);

Deno.test("worked example Round 1 header: trusted sides, Completed, time set 581 s, next limit 10 min", () => {
  const { header, file } = parse(WORKED_R1);
  assert.equal(file.map, "etl_supply");
  assert.equal(file.localDateTime, "2025-11-14T21:30:12");
  assert.equal(header.serverNameClean, "My Stopwatch Server");
  assert.equal(header.defenderTeam, 1);
  assert.equal(header.winnerTeam, 2);
  assert.equal(header.scoreConfidence, "verified_header");
  assert.equal(header.outcome, "Completed");
  assert.equal(header.stopwatchState, "TIME_SET");
  assert.equal(header.timeToBeatSeconds, 581);
  assert.equal(header.nextTimeLimitMinutes, 10);
  assert.equal(header.durationSeconds, 581);
});

Deno.test("worked example Round 2 header: limit 9:41, Completed in 7:05, playtime 425 s", () => {
  const { header } = parse(WORKED_R2);
  assert.equal(header.timeLimitSeconds, 581);
  assert.equal(header.nextTimeLimitSeconds, 425);
  assert.equal(header.outcome, "Completed");
  assert.equal(header.stopwatchState, "TIME_SET");
  assert.equal(header.durationSeconds, 425);
  assert.equal(header.timeToBeatSeconds, null);
});

Deno.test("worked example FoxTrot Round 1: weapons, kills 8, deaths 3, accuracy 32.41 %, DPM 193.20", () => {
  const p = player(parse(WORKED_R1), "3F2A9C1D");
  assert.equal(p.rawName, "^1Fox^7Trot");
  assert.equal(p.name, "FoxTrot");
  assert.equal(p.team, 2);
  assert.deepEqual(weaponRows(p), [
    ["WS_COLT", 4, 12, 1, 0, 1],
    ["WS_THOMPSON", 41, 130, 6, 3, 5],
    ["WS_GRENADE", 2, 3, 1, 0, 0],
  ]);
  const m = p.metrics;
  assert.deepEqual([m.kills, m.deaths, m.headshots, m.hits, m.shots], [8, 3, 6, 47, 145]);
  assert.equal(p.fields.bulletsFired, 145);
  near(m.accuracy, 32.41);
  near(m.kdRatio, 2.667, 3);
  near(m.efficiency, 72.73);
  assert.equal(p.fields.damageGiven, 1874);
  assert.equal(p.fields.damageReceived, 1311);
  assert.equal(m.playedSeconds, 582);
  near(m.dpm, 193.20);
  assert.equal(p.fields.headshotKills, 1);
  assert.equal(p.fields.xp, 54);
  assert.equal(p.fields.timeDeadMinutes, 1.2);
  assert.equal(p.fields.timeDeadRatio, 12.2);
});

Deno.test("worked example FoxTrot Round 2-only: weapon deltas, zero rows still present", () => {
  const p = player(roundTwo(), "3F2A9C1D");
  assert.equal(p.differential, "subtracted");
  assert.equal(p.team, 1);
  assert.deepEqual(weaponRows(p), [
    ["WS_LUGER", 3, 9, 1, 0, 0],
    ["WS_COLT", 0, 0, 0, 0, 0],
    ["WS_MP40", 37, 110, 5, 2, 4],
    ["WS_THOMPSON", 0, 0, 0, 0, 0],
    ["WS_GRENADE", 1, 2, 0, 1, 0],
  ]);
});

Deno.test("worked example FoxTrot Round 2-only: the differential table of §12", () => {
  const p = player(roundTwo(), "3F2A9C1D");
  const m = p.metrics;
  const f = p.fields;
  assert.deepEqual([m.kills, m.deaths], [6, 3]);
  assert.deepEqual([m.headshots, m.hits, m.shots], [4, 41, 121]);
  near(m.accuracy, 33.88);
  assert.deepEqual([f.damageGiven, f.damageReceived], [1523, 987]);
  assert.equal(f.teamDamageGiven, 11);
  assert.equal(f.gibs, 2);
  assert.equal(f.bulletsFired, 121);
  assert.equal(f.timePlayedMinutes, 7);
  assert.equal(m.playedSeconds, 420);
  near(m.dpm, 217.57);
  near(m.kdRatio, 2);
  near(m.efficiency, 66.67);
  assert.equal(f.timePlayedPercent, 82.5);
  assert.equal(f.timeDeadMinutes, 0.9);
  assert.equal(f.timeDeadRatio, 12.9);
  assert.deepEqual([f.xp, f.killingSpree, f.headshotKills], [61, 4, 2]);
  assert.deepEqual([f.killAssists, f.usefulKills, f.deniedPlaytime], [1, 2, 33]);
  assert.deepEqual([f.objectivesReturned, f.dynamitesDefused, f.multikill3x], [1, 1, 1]);
});

Deno.test("worked example other Round 2 rows: b0b subtracted, newbie kept as written", () => {
  const round = roundTwo();
  const b0b = player(round, "B07E44A2");
  assert.equal(b0b.name, "b0b the builder");
  assert.deepEqual([b0b.metrics.kills, b0b.metrics.deaths], [7, 8]);
  assert.equal(b0b.fields.damageGiven, 1688);
  assert.equal(b0b.metrics.playedSeconds, 420);
  near(b0b.metrics.dpm, 241.14);

  const newbie = player(round, "9D0C5E7F");
  assert.equal(newbie.differential, "not_in_round_one");
  assert.deepEqual([newbie.metrics.kills, newbie.metrics.deaths], [2, 4]);
  assert.equal(newbie.fields.damageGiven, 702);
  assert.equal(newbie.metrics.playedSeconds, 390);
  near(newbie.metrics.dpm, 108.0);
});

Deno.test("worked example MVP scores: FoxTrot 101.90 wins over b0b 72.30 and newbie 45.35", () => {
  const round = roundTwo();
  near(player(round, "3F2A9C1D").metrics.mvpScore, 101.90);
  near(player(round, "B07E44A2").metrics.mvpScore, 72.30);
  near(player(round, "9D0C5E7F").metrics.mvpScore, 45.35);
  assert.equal(round.mvpGuid, "3F2A9C1D");
});

Deno.test("worked example Round 2-only result records the Round 1 it used and R2 header facts", () => {
  const round = roundTwo();
  assert.equal(round.values, "round_two_only");
  assert.equal(round.roundOne?.fileName, WORKED_R1);
  assert.equal(round.file.fileName, WORKED_R2);
  assert.equal(round.header.winnerTeam, 2);
  assert.deepEqual(round.players.map((p) => p.name), ["b0b the builder", "newbie", "FoxTrot"]);
  assert.deepEqual(round.warnings, []);
});
