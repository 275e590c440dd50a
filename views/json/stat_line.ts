/** A player's numbers as shown everywhere: sums plus the metrics derived from them (sums over sums). */
import { metricsOf } from "../../domain/metrics.ts";
import type { PlayerSums } from "../../db/queries/sums.ts";

/** Two decimals for ratios; null stays null. */
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

export interface StatLine {
  rounds: number;
  kills: number;
  deaths: number;
  kdRatio: number;
  dpm: number | null;
  accuracy: number;
  efficiency: number;
  headshots: number;
  headshotAccuracy: number;
  headshotKills: number;
  damageGiven: number;
  damageReceived: number;
  damageRatio: number;
  teamDamageGiven: number;
  playedSeconds: number;
  timeDeadSeconds: number;
  timeDeadRatio: number;
  gibs: number;
  xp: number;
  revivesGiven: number;
  timesRevived: number;
  objectives: number;
  dynamitesPlanted: number;
  dynamitesDefused: number;
  usefulKills: number;
  deniedPlaytime: number;
  multikills: number;
}

/** Sums (possibly from an empty set: nulls) → the shown stat line. */
export function statLine(sums: Partial<Record<keyof PlayerSums, number | null>>): StatLine {
  const n = (key: keyof PlayerSums) => Number(sums[key] ?? 0);
  const metrics = metricsOf({
    kills: n("kills"),
    deaths: n("deaths"),
    headshots: n("headshots"),
    headshotKills: n("headshotKills"),
    hits: n("hits"),
    shots: n("shots"),
    damageGiven: n("damageGiven"),
    damageReceived: n("damageReceived"),
    playedSeconds: n("playedSeconds"),
    timedDamageGiven: n("timedDamageGiven"),
    timeDeadSeconds: n("timeDeadSeconds"),
  });
  return {
    rounds: n("rounds"),
    kills: metrics.kills,
    deaths: metrics.deaths,
    kdRatio: round2(metrics.kdRatio)!,
    dpm: round2(metrics.dpm),
    accuracy: round2(metrics.accuracy)!,
    efficiency: round2(metrics.efficiency)!,
    headshots: metrics.headshots,
    headshotAccuracy: round2(metrics.headshotAccuracy)!,
    headshotKills: n("headshotKills"),
    damageGiven: n("damageGiven"),
    damageReceived: n("damageReceived"),
    damageRatio: round2(metrics.damageRatio)!,
    teamDamageGiven: n("teamDamageGiven"),
    playedSeconds: metrics.playedSeconds,
    timeDeadSeconds: Math.min(metrics.timeDeadSeconds, metrics.playedSeconds),
    timeDeadRatio: round2(metrics.timeDeadRatio)!,
    gibs: n("gibs"),
    xp: n("xp"),
    revivesGiven: n("revivesGiven"),
    timesRevived: n("timesRevived"),
    objectives: n("objectives"),
    dynamitesPlanted: n("dynamitesPlanted"),
    dynamitesDefused: n("dynamitesDefused"),
    usefulKills: n("usefulKills"),
    deniedPlaytime: n("deniedPlaytime"),
    multikills: n("multikills"),
  };
}
