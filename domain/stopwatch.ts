/**
 * Stopwatch scoring of one map (domain-rules §4.2): 2 points to the map winner, 1–1 for a draw
 * (double fullhold or nobody completed), decided between persistent teams by reading the rosters.
 * A round's meta (how it ended, measured by the game) is preferred over the header's clock fields.
 */
import type { EndedSessionRound } from "./round_meta.ts";
import type { SessionRound } from "./session_round.ts";
import type { TeamLabel } from "./teams.ts";

export type MapWinner = TeamLabel | "draw";
export type ScoreBasis =
  | "double_fullhold"
  | "round_two_winner"
  | "round_times"
  | "ambiguous_roster";

export interface MapScore {
  /** Null when the rosters cannot tell which team played which side. */
  winner: MapWinner | null;
  pointsA: number;
  pointsB: number;
  ambiguous: boolean;
  decidedBy: ScoreBasis;
  /** Persistent team that attacked in Round 1, when known. */
  roundOneAttackers: TeamLabel | null;
}

/** Playtime this close to the limit counts as a fullhold when inferring the defender. */
const FULLHOLD_TOLERANCE_SECONDS = 5;

const isSide = (value: number): value is 1 | 2 => value === 1 || value === 2;
const other = (side: 1 | 2): 1 | 2 => (side === 1 ? 2 : 1);
const otherTeam = (team: TeamLabel): TeamLabel => (team === "A" ? "B" : "A");

function majoritySide(
  round: SessionRound,
  members: ReadonlyMap<string, TeamLabel>,
  team: TeamLabel,
): 1 | 2 | null {
  let one = 0, two = 0;
  for (const player of round.roster) {
    if (members.get(player.guid) !== team) continue;
    if (player.team === 1) one++;
    else if (player.team === 2) two++;
  }
  return one > two ? 1 : two > one ? 2 : null;
}

/** Round 1 side of each team; null when the rosters are ambiguous (roster changed). */
function roundOneSides(
  roundOne: SessionRound,
  members: ReadonlyMap<string, TeamLabel>,
): { A: 1 | 2; B: 1 | 2 } | null {
  let a = majoritySide(roundOne, members, "A");
  let b = majoritySide(roundOne, members, "B");
  if (a === null && b !== null) a = other(b);
  if (b === null && a !== null) b = other(a);
  if (a === null || b === null || a === b) return null;
  return { A: a, B: b };
}

/**
 * The defending side, trusting what the winner and how the round ended imply over the header: an
 * objective means the winner attacked, a time limit that it defended. A surrender ends the round
 * early whoever defended, so neither the clock nor the winner tells the side: the header stands.
 */
function defenderOf(round: EndedSessionRound): 1 | 2 | null {
  const header = isSide(round.defenderTeam) ? round.defenderTeam : null;
  const reason = round.ending?.endReason;
  if (reason === "surrender") return header;
  if (isSide(round.winnerTeam) && reason === "objective") return other(round.winnerTeam);
  if (isSide(round.winnerTeam) && reason === "time_limit") return round.winnerTeam;
  if (!isSide(round.winnerTeam) || !round.durationMeasured || !round.timeLimitSeconds) {
    return header;
  }
  const completed = round.durationSeconds < round.timeLimitSeconds - FULLHOLD_TOLERANCE_SECONDS;
  return completed ? other(round.winnerTeam) : round.winnerTeam;
}

/** Whether a round's attackers completed the objective, or null when nothing tells. */
function attackersCompleted(round: EndedSessionRound, defender: 1 | 2 | null): boolean | null {
  if (defender !== null && isSide(round.winnerTeam)) return round.winnerTeam !== defender;
  const ending = round.ending;
  if (ending?.endReason === "objective") return true;
  if (ending?.endReason === "time_limit") return false;
  if (ending?.endReason === "surrender") {
    // A defender surrender hands the round to the attackers; otherwise assume the attackers gave up.
    return ending.surrenderedBy !== null && ending.surrenderedBy === defender;
  }
  if (round.durationMeasured) {
    return round.timeLimitSeconds
      ? round.durationSeconds < round.timeLimitSeconds
      : round.durationSeconds > 0;
  }
  if (round.timeLimitSeconds !== null && round.nextTimeLimitSeconds !== null) {
    return round.timeLimitSeconds - round.nextTimeLimitSeconds > 30;
  }
  return null;
}

/** The time a round's attackers took: measured by the game when its meta says, else the clock. */
function attackTime(round: EndedSessionRound): number {
  if (round.ending?.timed) return round.durationSeconds;
  return round.nextTimeLimitSeconds ?? round.durationSeconds;
}

function points(winner: MapWinner): { pointsA: number; pointsB: number } {
  if (winner === "draw") return { pointsA: 1, pointsB: 1 };
  return winner === "A" ? { pointsA: 2, pointsB: 0 } : { pointsA: 0, pointsB: 2 };
}

/** Scores a complete map (both halves completed and valid) between the persistent teams. */
export function scoreStopwatchMap(
  roundOne: EndedSessionRound,
  roundTwo: EndedSessionRound,
  members: ReadonlyMap<string, TeamLabel>,
): MapScore {
  const sides = roundOneSides(roundOne, members);
  const defenderOne = defenderOf(roundOne);
  const defenderTwo = isSide(roundTwo.defenderTeam)
    ? roundTwo.defenderTeam
    : defenderOne
    ? other(defenderOne)
    : null;
  const teamOnRoundOneSide = (side: 1 | 2): TeamLabel | null =>
    sides ? (sides.A === side ? "A" : "B") : null;
  const roundOneAttackers = defenderOne ? teamOnRoundOneSide(other(defenderOne)) : null;

  let winner: MapWinner | null;
  let decidedBy: ScoreBasis;
  if (
    defenderOne && roundOne.winnerTeam === defenderOne && defenderTwo &&
    roundTwo.winnerTeam === defenderTwo
  ) {
    winner = "draw";
    decidedBy = "double_fullhold";
  } else if (isSide(roundTwo.winnerTeam)) {
    // Sides swap: the team on the winning side in Round 2 played the other side in Round 1.
    winner = teamOnRoundOneSide(other(roundTwo.winnerTeam));
    decidedBy = "round_two_winner";
  } else {
    decidedBy = "round_times";
    const first = attackersCompleted(roundOne, defenderOne);
    const second = attackersCompleted(roundTwo, defenderTwo);
    const firstAttackers = roundOneAttackers;
    if (first === null || second === null || firstAttackers === null) {
      winner = first === null || second === null ? "draw" : null;
    } else if (first && second) {
      winner = attackTime(roundTwo) < attackTime(roundOne)
        ? otherTeam(firstAttackers)
        : firstAttackers;
    } else if (first) winner = firstAttackers;
    else if (second) winner = otherTeam(firstAttackers);
    else winner = "draw";
  }

  if (!sides || winner === null) {
    return {
      winner: null,
      pointsA: 0,
      pointsB: 0,
      ambiguous: true,
      decidedBy: "ambiguous_roster",
      roundOneAttackers,
    };
  }
  return { winner, ...points(winner), ambiguous: false, decidedBy, roundOneAttackers };
}
