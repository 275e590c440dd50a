import { localSeconds, type StatsFileName } from "./stats_file_name.ts";

/** Default for `ROUND_MATCH_WINDOW_MINUTES`: a Round 1 older than this is stale (spec §8). */
export const DEFAULT_ROUND_MATCH_WINDOW_MINUTES = 45;

/** Why a candidate cannot be the Round 1 of a given Round 2. */
export type RoundOneRejection =
  | "not_round_one"
  | "different_map"
  | "different_date"
  | "not_earlier"
  | "too_old";

/** How a candidate file relates to a Round 2: the exact same-timestamp partner, a candidate, or why not. */
export type RoundOneCandidacy = "exact" | "candidate" | RoundOneRejection;

function previousDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/**
 * Judges one candidate for a Round 2 (spec §8 step 1): same map (exact text), round 1, dated on the
 * Round 2's date or the day before, strictly earlier and at most `windowMinutes` earlier. A Round 1
 * with the very same date and time is the exact partner and skips the window check.
 */
export function roundOneCandidacy(
  roundTwo: StatsFileName,
  candidate: StatsFileName,
  windowMinutes = DEFAULT_ROUND_MATCH_WINDOW_MINUTES,
): RoundOneCandidacy {
  if (candidate.round !== 1) return "not_round_one";
  if (candidate.map !== roundTwo.map) return "different_map";
  if (candidate.date === roundTwo.date && candidate.time === roundTwo.time) return "exact";
  if (candidate.date !== roundTwo.date && candidate.date !== previousDate(roundTwo.date)) {
    return "different_date";
  }
  const gap = localSeconds(roundTwo) - localSeconds(candidate);
  if (gap <= 0) return "not_earlier";
  if (gap > windowMinutes * 60) return "too_old";
  return "candidate";
}

/**
 * Picks the Round 1 of a Round 2 from candidate files: the exact same-timestamp partner if present,
 * otherwise the latest candidate inside the window. Null means the Round 2 is an orphan.
 */
export function pickRoundOne(
  roundTwo: StatsFileName,
  candidates: readonly StatsFileName[],
  windowMinutes = DEFAULT_ROUND_MATCH_WINDOW_MINUTES,
): StatsFileName | null {
  let best: StatsFileName | null = null;
  for (const candidate of candidates) {
    const candidacy = roundOneCandidacy(roundTwo, candidate, windowMinutes);
    if (candidacy === "exact") return candidate;
    if (
      candidacy === "candidate" && (best === null || localSeconds(candidate) > localSeconds(best))
    ) {
      best = candidate;
    }
  }
  return best;
}
