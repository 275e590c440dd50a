import assert from "node:assert/strict";
import {
  ACHIEVEMENTS,
  achievementsOf,
  BADGE_TIERS,
  badgesOf,
  badgeText,
  highestAchievements,
  KD_MIN_ROUNDS,
  type LifetimeTotals,
  nextAchievement,
} from "../../domain/achievements.ts";

const totals = (over: Partial<LifetimeTotals>): LifetimeTotals => ({
  rounds: 0,
  kills: 0,
  deaths: 0,
  revivesGiven: 0,
  timesRevived: 0,
  dynamitesPlanted: 0,
  dynamitesDefused: 0,
  objectives: 0,
  ...over,
});

const badge = (t: LifetimeTotals, track: string) => badgesOf(t).find((b) => b.track === track);
const names = (t: LifetimeTotals) => achievementsOf(t).map((a) => a.name);

Deno.test("empty totals earn no badge and no achievement", () => {
  assert.deepEqual(badgesOf(totals({})), []);
  assert.deepEqual(achievementsOf(totals({})), []);
  assert.deepEqual(highestAchievements(totals({})), []);
});

Deno.test("from 20 rounds even a player without kills has the first K/D tier (K/D 0)", () => {
  const badges = badgesOf(totals({ rounds: 20 }));
  assert.deepEqual(badges, [{
    track: "kd",
    tier: 1,
    tiers: 6,
    threshold: 0,
    label: "K/D 0",
    emoji: "⚔️",
  }]);
  assert.deepEqual(achievementsOf(totals({ rounds: 20 })).map((a) => a.name), ["Getting Started"]);
});

Deno.test("K/D counts from 20 rounds, not 19", () => {
  const strong = { kills: 300, deaths: 100 };
  assert.equal(KD_MIN_ROUNDS, 20);
  assert.equal(badge(totals({ ...strong, rounds: 19 }), "kd"), undefined);
  assert.deepEqual(names(totals({ ...strong, rounds: 19 })), [
    "First Blood Century",
    "Getting Started",
  ]);
  assert.equal(badge(totals({ ...strong, rounds: 20 }), "kd")?.tier, 6);
  assert.deepEqual(names(totals({ ...strong, rounds: 20 })), [
    "First Blood Century",
    "Getting Started",
    "Balanced Fighter",
    "Above Average",
    "Elite Killer",
    "Unstoppable",
  ]);
});

Deno.test("K/D without deaths is the kill count", () => {
  const t = totals({ rounds: 25, kills: 3, deaths: 0 });
  assert.equal(badge(t, "kd")?.threshold, 3);
  assert.equal(highestAchievements(t).find((a) => a.track === "kd")?.name, "Unstoppable");
  assert.equal(badge(totals({ rounds: 25, kills: 2, deaths: 0 }), "kd")?.label, "K/D 2.0");
});

Deno.test("a K/D exactly at a threshold reaches it, just below does not", () => {
  assert.equal(badge(totals({ rounds: 20, kills: 3, deaths: 2 }), "kd")?.label, "K/D 1.5");
  assert.equal(badge(totals({ rounds: 20, kills: 149, deaths: 100 }), "kd")?.label, "K/D 1.0");
  assert.equal(badge(totals({ rounds: 20, kills: 99, deaths: 100 }), "kd")?.label, "K/D 0");
  assert.equal(badge(totals({ rounds: 20, kills: 5, deaths: 2 }), "kd")?.tier, 5);
});

Deno.test("K/D 2.5 is a badge tier but not an achievement", () => {
  const t = totals({ rounds: 20, kills: 250, deaths: 100 });
  assert.equal(badge(t, "kd")?.label, "K/D 2.5");
  assert.equal(highestAchievements(t).find((a) => a.track === "kd")?.name, "Elite Killer");
});

Deno.test("every badge threshold is reached exactly at its value and not one below", () => {
  for (const { track, thresholds } of BADGE_TIERS) {
    if (track === "kd") continue;
    thresholds.forEach((threshold, index) => {
      const at = badge(totals({ [track]: threshold }), track);
      assert.equal(at?.tier, index + 1, `${track} at ${threshold}`);
      assert.equal(at?.threshold, threshold);
      const below = badge(totals({ [track]: threshold - 1 }), track);
      assert.equal(below?.tier, index === 0 ? undefined : index, `${track} at ${threshold - 1}`);
    });
  }
});

Deno.test("every achievement is reached exactly at its threshold and not one below", () => {
  for (const achievement of ACHIEVEMENTS) {
    if (achievement.track === "kd") continue;
    const at = totals({ [achievement.track]: achievement.threshold });
    const below = totals({ [achievement.track]: achievement.threshold - 1 });
    assert.ok(achievementsOf(at).includes(achievement), achievement.name);
    assert.ok(!achievementsOf(below).includes(achievement), achievement.name);
  }
});

Deno.test("a badge keeps only the highest tier reached, with a readable label", () => {
  const t = totals({
    rounds: 5000,
    kills: 10000,
    deaths: 10000,
    revivesGiven: 600,
    timesRevived: 3000,
    dynamitesPlanted: 50,
    dynamitesDefused: 199,
    objectives: 2500,
  });
  assert.deepEqual(
    badgesOf(t).map((b) => [b.track, b.tier, b.label]),
    [
      ["kills", 3, "10k kills"],
      ["rounds", 3, "5k rounds"],
      ["kd", 2, "K/D 1.0"],
      ["revivesGiven", 2, "500 revives given"],
      ["timesRevived", 3, "3k times revived"],
      ["dynamitesPlanted", 1, "50 dynamites planted"],
      ["dynamitesDefused", 1, "50 dynamites defused"],
      ["objectives", 3, "2.5k objectives stolen or returned"],
    ],
  );
});

Deno.test("badge text stacks the emoji as ×n from the second tier", () => {
  assert.equal(badgeText(badge(totals({ kills: 1000 }), "kills")!), "💀");
  assert.equal(badgeText(badge(totals({ kills: 10000 }), "kills")!), "💀×3");
  assert.equal(badgeText(badge(totals({ rounds: 30000 }), "rounds")!), "🎮×5");
});

Deno.test("highest achievements list one per track in track order", () => {
  const t = totals({ rounds: 260, kills: 2600, deaths: 1300 });
  assert.deepEqual(highestAchievements(t).map((a) => a.name), [
    "Elite Warrior",
    "Community Veteran",
    "Elite Killer",
  ]);
});

Deno.test("next achievement says how far away it is", () => {
  assert.deepEqual(nextAchievement(totals({ kills: 420 }), "kills"), {
    achievement: { track: "kills", threshold: 500, name: "Killing Machine" },
    current: 420,
    remaining: 80,
    roundsToQualify: 0,
  });
  assert.equal(
    nextAchievement(totals({ kills: 500 }), "kills")?.achievement.name,
    "Thousand Killer",
  );
  assert.equal(nextAchievement(totals({ rounds: 9 }), "rounds")?.remaining, 1);
  assert.equal(nextAchievement(totals({ rounds: 20, kills: 3, deaths: 2 }), "kd")?.remaining, 0.5);
});

Deno.test("next achievement is null once a track is complete", () => {
  assert.equal(nextAchievement(totals({ kills: 10000 }), "kills"), null);
  assert.equal(nextAchievement(totals({ rounds: 1000 }), "rounds"), null);
  assert.equal(nextAchievement(totals({ rounds: 20, kills: 30, deaths: 10 }), "kd"), null);
});

Deno.test("below 20 rounds the next K/D achievement is the first, waiting on the round gate", () => {
  assert.deepEqual(nextAchievement(totals({ rounds: 12, kills: 40, deaths: 10 }), "kd"), {
    achievement: { track: "kd", threshold: 1.0, name: "Balanced Fighter" },
    current: 4,
    remaining: 0,
    roundsToQualify: 8,
  });
});
