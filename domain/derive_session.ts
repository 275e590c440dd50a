/**
 * Everything derived from one gaming session's rounds, as a pure function of them: match pairing,
 * round statuses and validity, persistent teams, map scores and the session score. The importer
 * recomputes it whenever a round of the session arrives, so arrival order never matters.
 */
import { type MatchState, pairRounds, type RoundStatus, roundStatuses } from "./matches.ts";
import type { EndedSessionRound } from "./round_meta.ts";
import { chronological } from "./session_round.ts";
import { type MapScore, scoreStopwatchMap } from "./stopwatch.ts";
import { detectTeams, type SessionTeams, sideOneTeam, type TeamLabel, teamNames } from "./teams.ts";

export type InvalidReason = "excluded_map" | "bot_players" | "orphan_r2";

export interface DerivedRound {
  id: number;
  status: RoundStatus;
  invalidReason: InvalidReason | null;
  /** Key of the match the round belongs to (null for rounds numbered above 2). */
  matchKey: string | null;
  /** For a paired Round 2: the Round 1 its Round 2-only numbers are computed against. */
  roundOneId: number | null;
  /** The persistent team that played Axis in this round (null when the rosters cannot tell). */
  axisTeam: TeamLabel | null;
}

export interface DerivedMatch {
  key: string;
  map: string;
  /** 1-based position in the session. */
  mapIndex: number;
  state: MatchState;
  roundOneId: number | null;
  roundTwoId: number | null;
  /** Both halves completed and valid: the map scores. */
  counted: boolean;
  score: MapScore | null;
}

export interface SessionScore {
  A: number;
  B: number;
  mapsWonA: number;
  mapsWonB: number;
  draws: number;
}

export interface SessionDerivation {
  key: string;
  rounds: DerivedRound[];
  matches: DerivedMatch[];
  teams: SessionTeams;
  teamNames: { A: string; B: string };
  score: SessionScore;
  firstRoundAt: number;
  lastRoundAt: number;
  /** Server-local date of the first round. */
  localDate: string;
}

/**
 * Derives a session from its rounds (all of them, valid or not). A round that carries its meta's
 * `ending` is scored from it (see `scoreStopwatchMap`).
 */
export function deriveSession(
  key: string,
  input: readonly EndedSessionRound[],
  roundMatchWindowMinutes?: number,
): SessionDerivation {
  const rounds = chronological(input);
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const paired = pairRounds(rounds, roundMatchWindowMinutes);
  const statuses = roundStatuses(rounds, paired);

  const matchOf = new Map<number, string>();
  for (const match of paired) {
    if (match.roundOneId !== null) matchOf.set(match.roundOneId, match.key);
    if (match.roundTwoId !== null) matchOf.set(match.roundTwoId, match.key);
  }
  const roundOneOf = new Map<number, number>();
  for (const match of paired) {
    if (match.state === "complete") roundOneOf.set(match.roundTwoId!, match.roundOneId!);
  }

  const derivedRounds: DerivedRound[] = rounds.map((round) => {
    const status = statuses.get(round.id)!;
    return {
      id: round.id,
      status,
      invalidReason: round.baseInvalidReason ?? (status === "orphan_r2" ? "orphan_r2" : null),
      matchKey: matchOf.get(round.id) ?? null,
      roundOneId: roundOneOf.get(round.id) ?? null,
      axisTeam: null,
    };
  });
  const derivedById = new Map(derivedRounds.map((r) => [r.id, r]));
  const counts = (id: number | null) => {
    const derived = id === null ? undefined : derivedById.get(id);
    return derived !== undefined && derived.invalidReason === null &&
      derived.status === "completed";
  };

  const teams = detectTeams(
    rounds.filter((r) => {
      const derived = derivedById.get(r.id)!;
      return derived.invalidReason === null && derived.status !== "cancelled" && r.round <= 2;
    }),
  );

  for (const derived of derivedRounds) {
    derived.axisTeam = sideOneTeam(byId.get(derived.id)!, teams.members);
  }

  const score: SessionScore = { A: 0, B: 0, mapsWonA: 0, mapsWonB: 0, draws: 0 };
  const matches: DerivedMatch[] = paired.map((match, index) => {
    const counted = match.state === "complete" && counts(match.roundOneId) &&
      counts(match.roundTwoId);
    const mapScore = counted
      ? scoreStopwatchMap(byId.get(match.roundOneId!)!, byId.get(match.roundTwoId!)!, teams.members)
      : null;
    if (mapScore) {
      score.A += mapScore.pointsA;
      score.B += mapScore.pointsB;
      if (mapScore.winner === "A") score.mapsWonA++;
      else if (mapScore.winner === "B") score.mapsWonB++;
      else if (mapScore.winner === "draw") score.draws++;
    }
    return { ...match, mapIndex: index + 1, counted, score: mapScore };
  });

  const first = rounds[0]!;
  return {
    key,
    rounds: derivedRounds,
    matches,
    teams,
    teamNames: teamNames(key),
    score,
    firstRoundAt: first.playedAt,
    lastRoundAt: rounds.at(-1)!.playedAt,
    localDate: first.localDateTime.slice(0, 10),
  };
}
