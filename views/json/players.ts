/** JSON of players for the read API. */
import { accuracy, headshotAccuracy, kdRatio } from "../../domain/metrics.ts";
import { WEAPON_CODES, WEAPON_NAMES } from "../../domain/weapons.ts";
import type { playerProfile, PlayerSearchRow } from "../../db/queries/players.ts";
import { round2, statLine } from "./stat_line.ts";

export function playerSearchJson(row: PlayerSearchRow) {
  return {
    guid: row.guid,
    name: row.name,
    matchedAlias: row.matchedAlias,
    lastSeen: row.lastSeen,
    rounds: row.rounds,
  };
}

export function playerProfileJson(profile: NonNullable<Awaited<ReturnType<typeof playerProfile>>>) {
  const { player } = profile;
  return {
    guid: player.guid,
    name: player.name,
    displayName: player.displayName,
    isBot: player.isBot,
    firstSeen: player.firstSeen,
    lastSeen: player.lastSeen,
    discordLinked: player.discordLinked,
    aliases: profile.aliases,
    totals: statLine(profile.totals),
    maps: profile.maps.map(({ map, ...sums }) => ({ map, ...statLine(sums) })),
    weapons: profile.weapons.map((w) => ({
      id: w.id,
      code: WEAPON_CODES[w.id],
      name: WEAPON_NAMES[w.id],
      rounds: w.rounds,
      kills: w.kills,
      deaths: w.deaths,
      hits: w.hits,
      shots: w.shots,
      headshots: w.headshots,
      accuracy: round2(accuracy(w)),
      headshotAccuracy: round2(headshotAccuracy(w)),
      kdRatio: round2(kdRatio(w)),
    })),
    recentSessions: profile.sessions.map((s) => ({
      sessionId: s.sessionId,
      key: s.key,
      date: s.date,
      team: s.team,
      teamScore: s.teamScore,
      opponentScore: s.opponentScore,
      result: s.teamScore === null || s.opponentScore === null
        ? null
        : s.teamScore > s.opponentScore
        ? "won"
        : s.teamScore < s.opponentScore
        ? "lost"
        : "tied",
      ...statLine(s),
    })),
  };
}
