/** Every parsed round as the truth states it: each Round 2 turned into Round 2-only numbers. */
import assert from "node:assert/strict";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import { pickRoundOne } from "../../domain/pick_round_one.ts";
import { roundTwoOnly } from "../../domain/round_two_only.ts";

/** Pairs each Round 2 with its Round 1 among `parsed` (by file name) and applies the differential. */
export function roundTwoOnlyAll(
  parsed: ReadonlyMap<string, ParsedRound>,
): Map<string, ParsedRound> {
  const names = [...parsed.values()].map((round) => round.file);
  const rounds = new Map<string, ParsedRound>();
  for (const [name, round] of parsed) {
    if (round.file.round !== 2) {
      rounds.set(name, round);
      continue;
    }
    const roundOne = pickRoundOne(round.file, names);
    assert.ok(roundOne, `${name} finds its Round 1`);
    const result = roundTwoOnly(parsed.get(roundOne.fileName)!, round);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    rounds.set(name, result.value);
  }
  return rounds;
}
