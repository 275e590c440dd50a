/** What session-level rules (pairing, teams, scoring) know about one stored round. */
import type { ScoreConfidence } from "./round_header.ts";

/** A player's side in one round: 1 Axis, 2 Allies (0 unknown and 3 spectator are ignored). */
export interface RosterEntry {
  guid: string;
  team: number;
}

/** Why a round never counts, whatever its session says. */
export type BaseInvalidReason = "excluded_map" | "bot_players";

export interface SessionRound {
  id: number;
  map: string;
  round: number;
  /** UTC epoch seconds of the file time (≈ round end + 3 s). */
  playedAt: number;
  /** Naive server-local `YYYY-MM-DDTHH:MM:SS` of the file name. */
  localDateTime: string;
  durationSeconds: number;
  /** True when `durationSeconds` was measured (header playtime), not estimated from the clock. */
  durationMeasured: boolean;
  timeLimitSeconds: number | null;
  nextTimeLimitSeconds: number | null;
  nextTimeLimit: string;
  defenderTeam: number;
  winnerTeam: number;
  scoreConfidence: ScoreConfidence | "time_fallback";
  baseInvalidReason: BaseInvalidReason | null;
  /** Human players and their sides as written in this round's file. */
  roster: readonly RosterEntry[];
}

/** `YYYY-MM-DD-HHMMSS` of a naive local date-time: the key of matches and sessions. */
export function timestampKey(localDateTime: string): string {
  return localDateTime.replace("T", "-").replaceAll(":", "");
}

/** Rounds ordered by time, then id (stable for equal timestamps). */
export function chronological<T extends { playedAt: number; id: number }>(
  rounds: readonly T[],
): T[] {
  return [...rounds].sort((a, b) => a.playedAt - b.playedAt || a.id - b.id);
}
