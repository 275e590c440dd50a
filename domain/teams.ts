/**
 * Persistent teams of a gaming session (domain-rules §5): the real groups of players, stable across
 * side swaps. Detected from scratch from the session's valid rounds, so the result depends only on
 * those rounds: seeded by the sides of the earliest Round 1, every other player votes by overlap.
 */
import { createHash } from "node:crypto";
import { chronological, type SessionRound } from "./session_round.ts";

export type TeamLabel = "A" | "B";
export type TeamConfidence = "high" | "medium" | "low";

export interface SessionTeams {
  /** GUID → persistent team. Team A = the Axis side of the earliest Round 1. */
  members: Map<string, TeamLabel>;
  confidence: TeamConfidence;
}

const isSide = (team: number) => team === 1 || team === 2;

/** Detects the persistent teams from the rounds that count for the session. */
export function detectTeams(rounds: readonly SessionRound[]): SessionTeams {
  const ordered = chronological(rounds);
  const members = new Map<string, TeamLabel>();
  const seedRound = ordered.find((r) => r.round === 1) ?? ordered[0];
  if (!seedRound) return { members, confidence: "low" };

  for (const player of seedRound.roster) {
    if (player.team === 1) members.set(player.guid, "A");
    else if (player.team === 2) members.set(player.guid, "B");
  }
  const seeds = new Map(members);

  const votes = new Map<string, { a: number; b: number }>();
  for (const round of ordered) {
    const sideCounts = { 1: { a: 0, b: 0 }, 2: { a: 0, b: 0 } } as Record<
      1 | 2,
      { a: number; b: number }
    >;
    for (const player of round.roster) {
      const seed = seeds.get(player.guid);
      if (seed && isSide(player.team)) sideCounts[player.team as 1 | 2][seed === "A" ? "a" : "b"]++;
    }
    for (const player of round.roster) {
      if (seeds.has(player.guid) || !isSide(player.team)) continue;
      const tally = votes.get(player.guid) ?? { a: 0, b: 0 };
      tally.a += sideCounts[player.team as 1 | 2].a;
      tally.b += sideCounts[player.team as 1 | 2].b;
      votes.set(player.guid, tally);
    }
  }
  for (const [guid, tally] of [...votes].sort(([a], [b]) => a.localeCompare(b))) {
    members.set(guid, tally.a > tally.b ? "A" : "B");
  }

  const lateJoiners = votes.size;
  const firstThree = [...rounds].sort((a, b) => a.id - b.id).slice(0, 3);
  const knownR1s = firstThree.filter((r) => r.round === 1 && isSide(r.defenderTeam)).length;
  let confidence: TeamConfidence = "low";
  if (lateJoiners === 0 && firstThree.length > 0 && knownR1s / firstThree.length >= 0.7) {
    confidence = "high";
  } else if (lateJoiners <= 1 && knownR1s >= 1) confidence = "medium";
  return { members, confidence };
}

/**
 * Which persistent team played a side in one round: +1 per Team A player on side 1 and Team B
 * player on side 2, −1 for the reverse. Positive → side 1 is Team A, negative → Team B.
 */
export function sideOneTeam(
  round: SessionRound,
  members: ReadonlyMap<string, TeamLabel>,
): TeamLabel | null {
  let score = 0;
  for (const player of round.roster) {
    const team = members.get(player.guid);
    if (!team || !isSide(player.team)) continue;
    score += (player.team === 1) === (team === "A") ? 1 : -1;
  }
  return score > 0 ? "A" : score < 0 ? "B" : null;
}

const TEAM_NAMES = [
  "Wolves",
  "Ravens",
  "Vipers",
  "Falcons",
  "Bears",
  "Hounds",
  "Foxes",
  "Hawks",
  "Lions",
  "Cobras",
  "Rhinos",
  "Badgers",
  "Sharks",
  "Panthers",
  "Owls",
  "Jackals",
  "Stags",
  "Boars",
  "Eagles",
  "Lynxes",
  "Bison",
  "Scorpions",
  "Mambas",
  "Coyotes",
] as const;

/** Two distinct team names, picked deterministically from the session key. */
export function teamNames(sessionKey: string): { A: string; B: string } {
  const digest = createHash("sha256").update(sessionKey).digest();
  const first = digest[0]! % TEAM_NAMES.length;
  const offset = 1 + (digest[1]! % (TEAM_NAMES.length - 1));
  return { A: TEAM_NAMES[first]!, B: TEAM_NAMES[(first + offset) % TEAM_NAMES.length]! };
}
