/**
 * Per-player derived values (spec §7), one definition each. Every function takes totals, so the same
 * definition serves one round and any aggregate: callers sum first, then divide (sums over sums).
 */
import type { ExtendedFields } from "./extended_fields.ts";
import type { WeaponStats } from "./weapons.ts";

/** Counters a metric can be computed from: one round's values, or sums over many rounds. */
export interface PlayerTotals {
  kills: number;
  deaths: number;
  /** Head hits (weapon headshots), not headshot kills. */
  headshots: number;
  headshotKills: number;
  hits: number;
  shots: number;
  damageGiven: number;
  damageReceived: number;
  /** Seconds of play; rows without a played time contribute 0 here and nothing to damage-per-time. */
  playedSeconds: number;
  /** Damage dealt during `playedSeconds` (rows with no played time excluded), for DPM. */
  timedDamageGiven: number;
  timeDeadSeconds: number;
}

/** Derived values of a player over one round or many. Null where the value is undefined. */
export interface PlayerMetrics {
  kills: number;
  deaths: number;
  headshots: number;
  hits: number;
  shots: number;
  accuracy: number;
  kdRatio: number;
  efficiency: number;
  playedSeconds: number;
  dpm: number | null;
  timeDeadSeconds: number;
  timeDeadRatio: number;
  headshotAccuracy: number;
  headshotKillRate: number;
  timeAliveSeconds: number;
  fragPotential: number | null;
  damageRatio: number;
  mvpScore: number;
}

/** Tenths of a one-decimal minutes value, exactly (avoids 8.2 × 60 = 491.999…). */
export function minutesToTenths(minutes: number): number {
  return Math.round(minutes * 10);
}

/**
 * Seconds of a one-decimal minutes value. Exact (`tenths × 6`), where the reference's
 * `trunc(m × 60)` loses a second for some tenths; the samples' truth agrees with the exact value.
 */
export function minutesToSeconds(minutes: number): number {
  return minutesToTenths(minutes) * 6;
}

/** Rounds to one decimal, as the writer prints its floats. */
export function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Hits per shot, in percent; 0 without shots. */
export function accuracy(t: Pick<PlayerTotals, "hits" | "shots">): number {
  return t.shots > 0 ? (t.hits / t.shots) * 100 : 0;
}

/** Kills per death; kills when there are no deaths (the writer's kills + 1 is not copied). */
export function kdRatio(t: Pick<PlayerTotals, "kills" | "deaths">): number {
  return t.deaths > 0 ? t.kills / t.deaths : t.kills;
}

/** Kills as a percentage of kills + deaths; 0 when both are 0. */
export function efficiency(t: Pick<PlayerTotals, "kills" | "deaths">): number {
  const fights = t.kills + t.deaths;
  return fights > 0 ? (t.kills / fights) * 100 : 0;
}

/** Damage per minute: Σ timed damage × 60 / Σ played seconds; null without played time. */
export function dpm(t: Pick<PlayerTotals, "timedDamageGiven" | "playedSeconds">): number | null {
  return t.playedSeconds > 0 ? (t.timedDamageGiven * 60) / t.playedSeconds : null;
}

/** Dead time as a percentage of played time, with dead time clamped to played time. */
export function timeDeadRatio(t: Pick<PlayerTotals, "timeDeadSeconds" | "playedSeconds">): number {
  if (t.playedSeconds <= 0) return 0;
  return (Math.min(t.timeDeadSeconds, t.playedSeconds) / t.playedSeconds) * 100;
}

/** Head hits per hit, in percent (the correct headshot accuracy). */
export function headshotAccuracy(t: Pick<PlayerTotals, "headshots" | "hits">): number {
  return t.hits > 0 ? (t.headshots / t.hits) * 100 : 0;
}

/** Headshot kills per kill, in percent (a secondary stat). */
export function headshotKillRate(t: Pick<PlayerTotals, "headshotKills" | "kills">): number {
  return t.kills > 0 ? (Math.min(t.headshotKills, t.kills) / t.kills) * 100 : 0;
}

/** Seconds alive: played time minus dead time, never negative. */
export function timeAliveSeconds(
  t: Pick<PlayerTotals, "timeDeadSeconds" | "playedSeconds">,
): number {
  return Math.max(0, t.playedSeconds - t.timeDeadSeconds);
}

/** Damage per minute alive; null without time alive. */
export function fragPotential(
  t: Pick<PlayerTotals, "timedDamageGiven" | "timeDeadSeconds" | "playedSeconds">,
): number | null {
  const alive = timeAliveSeconds(t);
  return alive > 0 ? (t.timedDamageGiven * 60) / alive : null;
}

/** Damage given per damage received (received floored at 1). */
export function damageRatio(t: Pick<PlayerTotals, "damageGiven" | "damageReceived">): number {
  return t.damageGiven / Math.max(1, t.damageReceived);
}

/** Round MVP score: 10 × K/D + efficiency % + damage given / 100. */
export function mvpScore(t: Pick<PlayerTotals, "kills" | "deaths" | "damageGiven">): number {
  return 10 * kdRatio(t) + efficiency(t) + t.damageGiven / 100;
}

/** Every metric of {@link PlayerMetrics} from totals. */
export function metricsOf(t: PlayerTotals): PlayerMetrics {
  return {
    kills: t.kills,
    deaths: t.deaths,
    headshots: t.headshots,
    hits: t.hits,
    shots: t.shots,
    accuracy: accuracy(t),
    kdRatio: kdRatio(t),
    efficiency: efficiency(t),
    playedSeconds: t.playedSeconds,
    dpm: dpm(t),
    timeDeadSeconds: t.timeDeadSeconds,
    timeDeadRatio: timeDeadRatio(t),
    headshotAccuracy: headshotAccuracy(t),
    headshotKillRate: headshotKillRate(t),
    timeAliveSeconds: timeAliveSeconds(t),
    fragPotential: fragPotential(t),
    damageRatio: damageRatio(t),
    mvpScore: mvpScore(t),
  };
}

/**
 * One player-round's totals from its weapon tuples and extended fields. Kills, deaths, head hits,
 * hits and shots come from the weapons, never from the TAB fields. Played time is f22 only: a
 * player with f22 = 0 gets 0 s and a null DPM (spec §11 #18), not the header's round duration.
 */
export function roundTotals(
  player: { weapons: readonly WeaponStats[]; fields: ExtendedFields },
): PlayerTotals {
  let kills = 0, deaths = 0, headshots = 0, hits = 0, shots = 0;
  for (const weapon of player.weapons) {
    kills += weapon.kills;
    deaths += weapon.deaths;
    headshots += weapon.headshots;
    hits += weapon.hits;
    shots += weapon.shots;
  }
  const f = player.fields;
  const playedSeconds = minutesToSeconds(f.timePlayedMinutes);
  return {
    kills,
    deaths,
    headshots,
    headshotKills: f.headshotKills,
    hits,
    shots,
    damageGiven: f.damageGiven,
    damageReceived: f.damageReceived,
    playedSeconds,
    timedDamageGiven: playedSeconds > 0 ? f.damageGiven : 0,
    timeDeadSeconds: minutesToSeconds(f.timeDeadMinutes),
  };
}

/** Totals of nothing: every counter 0. */
export function emptyTotals(): PlayerTotals {
  return {
    kills: 0,
    deaths: 0,
    headshots: 0,
    headshotKills: 0,
    hits: 0,
    shots: 0,
    damageGiven: 0,
    damageReceived: 0,
    playedSeconds: 0,
    timedDamageGiven: 0,
    timeDeadSeconds: 0,
  };
}

/** Adds totals field by field (for aggregates over rounds, matches, sessions, careers). */
export function sumTotals(rows: Iterable<PlayerTotals>): PlayerTotals {
  const sum = emptyTotals();
  for (const row of rows) {
    for (const key of Object.keys(sum) as (keyof PlayerTotals)[]) sum[key] += row[key];
  }
  return sum;
}

/**
 * The round MVP: the highest {@link mvpScore} above 0, first in file order on ties; null if nobody
 * scores above 0.
 */
export function pickRoundMvp<T extends { metrics: Pick<PlayerMetrics, "mvpScore"> }>(
  players: readonly T[],
): T | null {
  let best: T | null = null;
  for (const player of players) {
    if (
      player.metrics.mvpScore > 0 &&
      (best === null || player.metrics.mvpScore > best.metrics.mvpScore)
    ) {
      best = player;
    }
  }
  return best;
}
