/**
 * Gaming sessions (domain-rules §2): consecutive rounds with no gap above the threshold. A pure
 * function of the round times, so a late upload or a rebuild gives the same grouping; each session
 * is keyed by its first round, so sessions elsewhere never renumber.
 */
import { chronological, timestampKey } from "./session_round.ts";

/** Default `SESSION_GAP_MINUTES`: a gap of exactly this long stays in the same session. */
export const DEFAULT_SESSION_GAP_MINUTES = 60;

export interface TimedRound {
  id: number;
  playedAt: number;
  localDateTime: string;
}

export interface SessionGroup<T extends TimedRound> {
  /** `YYYY-MM-DD-HHMMSS` of the first round. */
  key: string;
  rounds: T[];
}

/** Groups rounds into sessions: a gap strictly above `gapMinutes` starts a new one. */
export function groupIntoSessions<T extends TimedRound>(
  rounds: readonly T[],
  gapMinutes = DEFAULT_SESSION_GAP_MINUTES,
): SessionGroup<T>[] {
  const groups: SessionGroup<T>[] = [];
  let current: SessionGroup<T> | null = null;
  let previous: T | null = null;
  for (const round of chronological(rounds)) {
    if (
      current === null || previous === null || round.playedAt - previous.playedAt > gapMinutes * 60
    ) {
      current = { key: timestampKey(round.localDateTime), rounds: [] };
      groups.push(current);
    }
    current.rounds.push(round);
    previous = round;
  }
  return groups;
}
