import assert from "node:assert/strict";
import { emptyTotals } from "../../domain/metrics.ts";
import {
  describeMinimum,
  LEADERBOARD_CATEGORIES,
  type LeaderboardCategory,
  type LeaderboardTotals,
  meetsMinimums,
  periodStart,
  rankLeaderboard,
  resolveCategory,
  seasonLabel,
} from "../../domain/leaderboards.ts";
import {
  ACCURACY_RECORD_RULE,
  countsForAccuracyRecord,
  MATCH_RECORDS,
  pickRecord,
  ROUND_RECORDS,
} from "../../domain/records.ts";

const totals = (over: Partial<LeaderboardTotals>): LeaderboardTotals => ({
  ...emptyTotals(),
  rounds: 0,
  teamDamageGiven: 0,
  revivesGiven: 0,
  gibs: 0,
  objectives: 0,
  multikills: 0,
  grenadeKills: 0,
  grenadeHits: 0,
  grenadeRounds: 0,
  ...over,
});

const category = (name: string): LeaderboardCategory => {
  const found = resolveCategory(name);
  assert.ok(found, name);
  return found;
};

Deno.test("the registry holds the 13 categories of §7.1 with unique keys and aliases", () => {
  assert.deepEqual(LEADERBOARD_CATEGORIES.map((c) => c.key), [
    "kills",
    "kd",
    "dpm",
    "accuracy",
    "headshots",
    "games",
    "revives",
    "gibs",
    "objectives",
    "efficiency",
    "teamwork",
    "multikills",
    "grenades",
  ]);
  const names = LEADERBOARD_CATEGORIES.flatMap((c) => [c.key, ...c.aliases]);
  assert.equal(new Set(names).size, names.length);
});

Deno.test("categories resolve by key or alias, case-insensitively; unknown names are null", () => {
  const cases: [string, string][] = [
    ["kills", "kills"],
    ["k", "kills"],
    ["KILL", "kills"],
    ["ratio", "kd"],
    ["damage", "dpm"],
    ["Acc", "accuracy"],
    ["hs", "headshots"],
    ["headshot", "headshots"],
    ["played", "games"],
    ["medic", "revives"],
    ["revive", "revives"],
    ["gib", "gibs"],
    ["obj", "objectives"],
    ["objective", "objectives"],
    ["ef", "efficiency"],
    ["team", "teamwork"],
    ["multi", "multikills"],
    ["multikill", "multikills"],
    ["nades", "grenades"],
    ["nade", "grenades"],
    ["grenade", "grenades"],
    [" dpm ", "dpm"],
  ];
  for (const [name, key] of cases) assert.equal(resolveCategory(name)?.key, key, name);
  for (const name of ["", "kill s", "deaths", "toString", "__proto__", "constructor"]) {
    assert.equal(resolveCategory(name), null, name);
  }
});

Deno.test("headshots are head hits per hit (not per kill), efficiency is sums over sums", () => {
  const t = totals({ kills: 200, deaths: 100, headshots: 30, hits: 600 });
  assert.equal(category("hs").value(t), 5);
  assert.equal(category("hs").title, "Headshot accuracy");
  // Rounds 30–10 (75 %) and 0–10 (0 %): the reference's mean of rounds says 37.5 %, the sums 60 %.
  assert.equal(category("ef").value(totals({ kills: 30, deaths: 20 })), 60);
  assert.equal(category("kd").value(totals({ kills: 30, deaths: 20 })), 1.5);
  assert.equal(category("dpm").value(totals({ timedDamageGiven: 9000, playedSeconds: 1800 })), 300);
  assert.equal(category("dpm").value(totals({ damageGiven: 100, playedSeconds: 0 })), null);
  assert.equal(category("acc").value(totals({ hits: 250, shots: 1000 })), 25);
  assert.equal(category("team").value(totals({ teamDamageGiven: 50, damageGiven: 2000 })), 2.5);
  assert.equal(category("team").order, "asc");
  assert.equal(category("objectives").value(totals({ objectives: 7 })), 7);
  const nades = category("nades");
  assert.equal(nades.value(totals({ grenadeKills: 12, grenadeHits: 30 })), 12);
  assert.deepEqual(nades.context(totals({ grenadeKills: 12, grenadeHits: 30 })), {
    grenadeHits: 30,
    aoeRatio: 2.5,
  });
});

Deno.test("minimums are strict: more than 10 or 50 rounds, and the per-category sums", () => {
  const kills = category("kills");
  assert.equal(meetsMinimums(kills, totals({ rounds: 10 })), false);
  assert.equal(meetsMinimums(kills, totals({ rounds: 11 })), true);
  assert.equal(meetsMinimums(category("games"), totals({ rounds: 1 })), true);

  const kd = category("kd");
  assert.equal(meetsMinimums(kd, totals({ rounds: 50, deaths: 10 })), false);
  assert.equal(meetsMinimums(kd, totals({ rounds: 51, deaths: 0 })), false);
  assert.equal(meetsMinimums(kd, totals({ rounds: 51, deaths: 1 })), true);

  const acc = category("accuracy");
  assert.equal(meetsMinimums(acc, totals({ rounds: 51, shots: 1000 })), false);
  assert.equal(meetsMinimums(acc, totals({ rounds: 51, shots: 1001 })), true);

  const hs = category("headshots");
  assert.equal(meetsMinimums(hs, totals({ rounds: 51, kills: 500 })), false);
  assert.equal(meetsMinimums(hs, totals({ rounds: 51, kills: 501 })), true);

  const team = category("teamwork");
  assert.equal(meetsMinimums(team, totals({ rounds: 51, damageGiven: 0 })), false);
  assert.equal(meetsMinimums(team, totals({ rounds: 51, damageGiven: 1 })), true);

  const nades = category("grenades");
  assert.equal(meetsMinimums(nades, totals({ rounds: 90, grenadeRounds: 10 })), false);
  assert.equal(meetsMinimums(nades, totals({ rounds: 11, grenadeRounds: 11 })), true);

  for (const key of ["dpm", "efficiency"]) {
    assert.equal(meetsMinimums(category(key), totals({ rounds: 50 })), false, key);
    assert.equal(meetsMinimums(category(key), totals({ rounds: 51 })), true, key);
  }
  for (const key of ["revives", "gibs", "objectives", "multikills"]) {
    assert.equal(meetsMinimums(category(key), totals({ rounds: 10 })), false, key);
    assert.equal(meetsMinimums(category(key), totals({ rounds: 11 })), true, key);
  }
  assert.deepEqual(kd.minimums.map(describeMinimum), ["more than 50 rounds", "more than 0 deaths"]);
});

Deno.test("ranking drops players below the minimums, shares ranks on ties and orders them by name", () => {
  const kills = category("kills");
  const ranked = rankLeaderboard(kills, [
    { guid: "A", name: "zed", totals: totals({ rounds: 20, kills: 100 }) },
    { guid: "B", name: "Bob", totals: totals({ rounds: 20, kills: 300 }) },
    { guid: "C", name: "amy", totals: totals({ rounds: 20, kills: 100 }) },
    { guid: "D", name: "newbie", totals: totals({ rounds: 3, kills: 900 }) },
    { guid: "E", name: "eve", totals: totals({ rounds: 30, kills: 50 }) },
  ]);
  assert.deepEqual(ranked.map((r) => [r.rank, r.guid, r.value]), [
    [1, "B", 300],
    [2, "C", 100],
    [2, "A", 100],
    [4, "E", 50],
  ]);
});

Deno.test("an ascending category ranks the lowest value first and skips undefined values", () => {
  const team = category("teamwork");
  const ranked = rankLeaderboard(team, [
    {
      guid: "A",
      name: "a",
      totals: totals({ rounds: 60, teamDamageGiven: 30, damageGiven: 1000 }),
    },
    {
      guid: "B",
      name: "b",
      totals: totals({ rounds: 60, teamDamageGiven: 10, damageGiven: 1000 }),
    },
    { guid: "C", name: "c", totals: totals({ rounds: 60, teamDamageGiven: 0, damageGiven: 0 }) },
  ]);
  assert.deepEqual(ranked.map((r) => [r.rank, r.guid, r.value]), [[1, "B", 1], [2, "A", 3]]);
});

Deno.test("7d and 30d are rolling windows ending now", () => {
  const now = Date.parse("2025-05-20T15:30:00Z");
  assert.equal(periodStart("7d", now), "2025-05-13T15:30:00.000Z");
  assert.equal(periodStart("30d", now), "2025-04-20T15:30:00.000Z");
  assert.equal(periodStart("all", now), null);
});

Deno.test("a season is the calendar quarter in UTC, from its first instant to its last", () => {
  const cases: [string, string, string][] = [
    ["2025-01-01T00:00:00Z", "2025-01-01T00:00:00.000Z", "2025-Q1"],
    ["2025-03-31T23:59:59.999Z", "2025-01-01T00:00:00.000Z", "2025-Q1"],
    ["2025-04-01T00:00:00Z", "2025-04-01T00:00:00.000Z", "2025-Q2"],
    ["2025-06-30T12:00:00Z", "2025-04-01T00:00:00.000Z", "2025-Q2"],
    ["2025-07-01T00:00:00Z", "2025-07-01T00:00:00.000Z", "2025-Q3"],
    ["2025-09-30T23:59:59Z", "2025-07-01T00:00:00.000Z", "2025-Q3"],
    ["2025-10-01T00:00:00Z", "2025-10-01T00:00:00.000Z", "2025-Q4"],
    ["2025-12-31T23:59:59.999Z", "2025-10-01T00:00:00.000Z", "2025-Q4"],
    ["2024-02-29T08:00:00Z", "2024-01-01T00:00:00.000Z", "2024-Q1"],
  ];
  for (const [now, start, label] of cases) {
    assert.equal(periodStart("season", Date.parse(now)), start, now);
    assert.equal(seasonLabel(Date.parse(now)), label, now);
  }
  // Late on 31 March in New York is already 1 April in UTC: the new season has begun.
  assert.equal(
    periodStart("season", Date.parse("2025-03-31T22:30:00-04:00")),
    "2025-04-01T00:00:00.000Z",
  );
});

// Records (domain/records.ts)

Deno.test("records cover the §7.3 round and match categories", () => {
  assert.deepEqual(ROUND_RECORDS.map((r) => r.key), [
    "kills",
    "damage",
    "revives",
    "gibs",
    "headshots",
    "xp",
    "accuracy",
    "timesRevived",
    "usefulKills",
    "objectivesStolen",
    "objectivesReturned",
    "dynamitesPlanted",
    "dynamitesDefused",
  ]);
  assert.deepEqual(MATCH_RECORDS.map((r) => r.key), [
    "damage",
    "kills",
    "headshots",
    "xp",
    "revives",
    "gibs",
  ]);
});

Deno.test("the accuracy record needs more than 50 bullets and at most 15 per second played", () => {
  assert.deepEqual(ACCURACY_RECORD_RULE, { bulletsMoreThan: 50, maxBulletsPerSecond: 15 });
  assert.equal(countsForAccuracyRecord({ bulletsFired: 50, playedSeconds: 600, shots: 50 }), false);
  assert.equal(countsForAccuracyRecord({ bulletsFired: 51, playedSeconds: 600, shots: 51 }), true);
  assert.equal(countsForAccuracyRecord({ bulletsFired: 150, playedSeconds: 10, shots: 150 }), true);
  assert.equal(
    countsForAccuracyRecord({ bulletsFired: 151, playedSeconds: 10, shots: 151 }),
    false,
  );
  assert.equal(countsForAccuracyRecord({ bulletsFired: 100, playedSeconds: 600, shots: 0 }), false);
});

Deno.test("a record tie goes to the most recent, then to the name", () => {
  const at = (value: number, playedAt: string, name: string, guid = name) => ({
    guid,
    name,
    value,
    playedAt,
  });
  assert.equal(pickRecord([]), null);
  assert.equal(
    pickRecord([
      at(30, "2025-01-01T20:00:00Z", "old"),
      at(30, "2025-02-01T20:00:00Z", "new"),
      at(29, "2025-03-01T20:00:00Z", "less"),
    ])?.name,
    "new",
  );
  assert.equal(
    pickRecord([
      at(30, "2025-02-01T20:00:00Z", "zed"),
      at(30, "2025-02-01T20:00:00.000Z", "Amy"),
    ])?.name,
    "Amy",
  );
  // Fractional seconds compare as times, not as text.
  assert.equal(
    pickRecord([
      at(30, "2025-02-01T20:00:00Z", "a"),
      at(30, "2025-02-01T20:00:00.5Z", "b"),
    ])?.name,
    "b",
  );
});
