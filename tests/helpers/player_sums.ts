/** Player sums for card tests: every counter 0 unless given. */
import type { PlayerSums } from "../../db/queries/sums.ts";

export function playerSums(overrides: Partial<PlayerSums> = {}): PlayerSums {
  return {
    rounds: 0,
    kills: 0,
    deaths: 0,
    headshots: 0,
    headshotKills: 0,
    hits: 0,
    shots: 0,
    damageGiven: 0,
    damageReceived: 0,
    teamDamageGiven: 0,
    timedDamageGiven: 0,
    playedSeconds: 0,
    timeDeadSeconds: 0,
    gibs: 0,
    xp: 0,
    revivesGiven: 0,
    timesRevived: 0,
    objectives: 0,
    dynamitesPlanted: 0,
    dynamitesDefused: 0,
    usefulKills: 0,
    deniedPlaytime: 0,
    multikills: 0,
    ...overrides,
  };
}
