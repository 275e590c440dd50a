/** Builds the session-level view of a parsed round. */
import type { ParsedRound } from "./parsed_round.ts";
import type { BaseInvalidReason, SessionRound } from "./session_round.ts";

/** Why a round can never count: a filler map (case-insensitive), or any bot among its players. */
export function baseInvalidReason(
  round: { map: string; botCount: number },
  excludedMaps: ReadonlySet<string>,
): BaseInvalidReason | null {
  if (excludedMaps.has(round.map.toLowerCase())) return "excluded_map";
  if (round.botCount > 0) return "bot_players";
  return null;
}

/** The session-level facts of a parsed round played at `playedAt` (UTC epoch seconds). */
export function sessionRoundOf(
  id: number,
  round: ParsedRound,
  playedAt: number,
  excludedMaps: ReadonlySet<string>,
): SessionRound {
  const h = round.header;
  return {
    id,
    map: round.file.map,
    round: round.file.round,
    playedAt,
    localDateTime: round.file.localDateTime,
    durationSeconds: h.durationSeconds,
    durationMeasured: h.playtimeSeconds !== null,
    timeLimitSeconds: h.timeLimitSeconds,
    nextTimeLimitSeconds: h.nextTimeLimitSeconds,
    nextTimeLimit: h.nextTimeLimit,
    defenderTeam: h.defenderTeam,
    winnerTeam: h.winnerTeam,
    scoreConfidence: h.scoreConfidence,
    baseInvalidReason: baseInvalidReason(
      { map: round.file.map, botCount: round.botCount },
      excludedMaps,
    ),
    roster: round.players.filter((p) => !p.isBot).map((p) => ({ guid: p.guid, team: p.team })),
  };
}
