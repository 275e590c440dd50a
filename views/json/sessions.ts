/** JSON of gaming sessions for the read API (and the Discord commands built on it). */
import type {
  SessionMapRow,
  SessionPlayerRow,
  SessionRoundRow,
  SessionSummaryRow,
} from "../../db/queries/sessions.ts";
import { statLine } from "./stat_line.ts";

export function sessionSummaryJson(row: SessionSummaryRow) {
  const result = row.scoreA > row.scoreB ? "A" : row.scoreB > row.scoreA ? "B" : "tie";
  return {
    id: row.id,
    key: row.key,
    server: row.server,
    date: row.date,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationSeconds: Math.round((Date.parse(row.endedAt) - Date.parse(row.startedAt)) / 1000),
    roundCount: row.rounds,
    mapCount: row.maps,
    playerCount: row.players,
    teams: {
      A: { name: row.teamAName, score: row.scoreA, mapsWon: row.mapsWonA },
      B: { name: row.teamBName, score: row.scoreB, mapsWon: row.mapsWonB },
    },
    draws: row.draws,
    result,
    teamConfidence: row.teamConfidence,
  };
}

function roundJson(round: SessionRoundRow) {
  return {
    id: round.id,
    round: round.round,
    fileName: round.fileName,
    playedAt: round.playedAt,
    localDateTime: round.localDateTime,
    durationSeconds: round.durationSeconds,
    defenderTeam: round.defenderTeam,
    winnerTeam: round.winnerTeam,
    outcome: round.outcome,
    timeLimit: round.timeLimit,
    timeSet: round.outcome === "Completed" ? round.nextTimeLimit : null,
    /** Which persistent team played Axis (side 1) this round. */
    axisTeam: round.sideOneTeam,
    status: round.status,
    valid: round.isValid,
    invalidReason: round.invalidReason,
    mvp: round.mvpGuid ? { guid: round.mvpGuid, name: round.mvpName ?? round.mvpGuid } : null,
  };
}

export function sessionDetailJson(
  summary: SessionSummaryRow,
  detail: { maps: SessionMapRow[]; rounds: SessionRoundRow[]; players: SessionPlayerRow[] },
  rosters: { guid: string; name: string; team: "A" | "B" }[],
) {
  const base = sessionSummaryJson(summary);
  const roster = (team: "A" | "B") =>
    rosters.filter((r) => r.team === team).map(({ guid, name }) => ({ guid, name }));
  return {
    ...base,
    teams: {
      A: { ...base.teams.A, players: roster("A") },
      B: { ...base.teams.B, players: roster("B") },
    },
    maps: detail.maps.map((map) => ({
      index: map.index,
      matchId: map.matchId,
      key: map.key,
      map: map.map,
      state: map.state,
      counted: map.counted,
      winner: map.winner,
      points: { A: map.pointsA, B: map.pointsB },
      decidedBy: map.decidedBy,
      rounds: detail.rounds.filter((r) => r.matchId === map.matchId).map(roundJson),
    })),
    players: detail.players.map((p) => ({
      guid: p.guid,
      name: p.name,
      team: p.team,
      ...statLine(p),
    })),
  };
}
