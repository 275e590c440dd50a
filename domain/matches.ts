/**
 * Matches within a gaming session (domain-rules §3): the canonical pairing walks rounds in time
 * order with one open Round 1 slot, then restart detection marks replaced rounds.
 */
import { DEFAULT_ROUND_MATCH_WINDOW_MINUTES } from "./pick_round_one.ts";
import { chronological, type SessionRound, timestampKey } from "./session_round.ts";

export type MatchState = "complete" | "abandoned" | "orphan";
export type RoundStatus = "completed" | "cancelled" | "substitution" | "orphan_r2";

export interface PairedMatch {
  /** `YYYY-MM-DD-HHMMSS` of the Round 1 (of the Round 2 for an orphan). */
  key: string;
  map: string;
  roundOneId: number | null;
  roundTwoId: number | null;
  state: MatchState;
}

/** Tolerance for a Round 2 written a little before its Round 1 (clock skew). */
const EARLY_TOLERANCE_SECONDS = 60;
const RESTART_WINDOW_SECONDS = 15 * 60;
const RESTART_STRICT_SECONDS = 5 * 60;
const COUNTERPART_WINDOW_SECONDS = 20 * 60;

const sameMap = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Pairs Round 1s with Round 2s in time order, one open Round 1 at a time: a new Round 1 abandons
 * the open one; a Round 2 completes the open Round 1 of the same map within
 * [−60 s, `windowMinutes`], otherwise it is an orphan (and the open Round 1 is abandoned).
 * Rounds numbered above 2 take no part.
 */
export function pairRounds(
  rounds: readonly SessionRound[],
  windowMinutes = DEFAULT_ROUND_MATCH_WINDOW_MINUTES,
): PairedMatch[] {
  const matches: PairedMatch[] = [];
  let open: SessionRound | null = null;
  const abandon = (round: SessionRound) =>
    matches.push({
      key: timestampKey(round.localDateTime),
      map: round.map,
      roundOneId: round.id,
      roundTwoId: null,
      state: "abandoned",
    });
  for (const round of chronological(rounds)) {
    if (round.round === 1) {
      if (open) abandon(open);
      open = round;
      continue;
    }
    if (round.round !== 2) continue;
    const gap = open ? round.playedAt - open.playedAt : NaN;
    if (
      open && sameMap(open.map, round.map) && gap >= -EARLY_TOLERANCE_SECONDS &&
      gap <= windowMinutes * 60
    ) {
      matches.push({
        key: timestampKey(open.localDateTime),
        map: open.map,
        roundOneId: open.id,
        roundTwoId: round.id,
        state: "complete",
      });
    } else {
      if (open) abandon(open);
      matches.push({
        key: timestampKey(round.localDateTime),
        map: round.map,
        roundOneId: null,
        roundTwoId: round.id,
        state: "orphan",
      });
    }
    open = null;
  }
  if (open) abandon(open);
  return matches.sort((a, b) => a.key.localeCompare(b.key));
}

function guidSet(round: SessionRound): string {
  return [...new Set(round.roster.map((p) => p.guid))].sort().join(",");
}

/**
 * Round statuses (domain-rules §3): orphan Round 2s are `orphan_r2`; an earlier completed round of
 * the same map and half, 0–15 min before a later one and not part of a complete match, was
 * replaced: `cancelled` when the players were the same, `substitution` when the roster changed.
 */
export function roundStatuses(
  rounds: readonly SessionRound[],
  matches: readonly PairedMatch[],
): Map<number, RoundStatus> {
  const status = new Map<number, RoundStatus>();
  const completeIds = new Set<number>();
  for (const match of matches) {
    if (match.state === "orphan") status.set(match.roundTwoId!, "orphan_r2");
    if (match.state === "complete") {
      completeIds.add(match.roundOneId!);
      completeIds.add(match.roundTwoId!);
    }
  }
  const ordered = chronological(rounds);
  for (const round of ordered) if (!status.has(round.id)) status.set(round.id, "completed");

  const hasCounterpart = (earlier: SessionRound) =>
    ordered.some((other) => {
      if (!sameMap(other.map, earlier.map) || other.round === earlier.round) return false;
      const s = status.get(other.id);
      if (s !== "completed" && s !== "substitution") return false;
      const gap = earlier.round === 1
        ? other.playedAt - earlier.playedAt
        : earlier.playedAt - other.playedAt;
      return gap > 0 && gap <= COUNTERPART_WINDOW_SECONDS;
    });

  for (const later of ordered) {
    for (const earlier of ordered) {
      const gap = later.playedAt - earlier.playedAt;
      if (gap <= 0 || gap > RESTART_WINDOW_SECONDS) continue;
      if (earlier.round !== later.round || !sameMap(earlier.map, later.map)) continue;
      if (status.get(earlier.id) !== "completed" || completeIds.has(earlier.id)) continue;
      if (gap > RESTART_STRICT_SECONDS && hasCounterpart(earlier)) continue;
      const a = guidSet(earlier), b = guidSet(later);
      status.set(earlier.id, a === "" || b === "" || a === b ? "cancelled" : "substitution");
    }
  }
  return status;
}
