/** Every sample file's players equal the truth they were generated from (Round 2 truth is R2-only). */
import { roundTwoOnlyAll } from "../helpers/round_two_only_all.ts";
import assert from "node:assert/strict";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import { loadSampleSet, type SampleSet, type TruthFile } from "../helpers/fixtures.ts";
import { TRUTH_FIELDS } from "../helpers/truth_fields.ts";

const PLAYED_TOLERANCE_SECONDS = 6;

/** Parses every file of a set and turns each Round 2 into Round 2-only numbers via its picked R1. */
function roundsOf(set: SampleSet): { truth: TruthFile[]; rounds: Map<string, ParsedRound> } {
  const { truth, bytes } = loadSampleSet(set);
  const parsed = new Map<string, ParsedRound>();
  for (const [name, data] of bytes) {
    const result = parseStatsFile(name, data);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    parsed.set(name, result.value);
  }
  const rounds = roundTwoOnlyAll(parsed);
  return { truth: truth.files, rounds };
}

for (const set of ["clean", "edge"] as const) {
  const { truth, rounds } = roundsOf(set);

  Deno.test(`${set} samples: every Round 2 pairs with the Round 1 the truth names`, () => {
    for (const file of truth.filter((f) => f.round === 2)) {
      assert.equal(rounds.get(file.file)?.roundOne?.fileName, file.r1, file.file);
    }
  });

  Deno.test(`${set} samples: each round holds exactly the truth's players, no warnings`, () => {
    for (const file of truth) {
      const round = rounds.get(file.file)!;
      assert.deepEqual(
        round.players.map((p) => p.guid).sort(),
        Object.keys(file.players).sort(),
        file.file,
      );
      assert.deepEqual(round.warnings, [], file.file);
    }
  });

  Deno.test(`${set} samples: kills, deaths, head hits, team and every counter equal the truth`, () => {
    for (const file of truth) {
      for (const player of rounds.get(file.file)!.players) {
        const expected = file.players[player.guid]!;
        const where = `${file.file} ${player.guid}`;
        assert.equal(player.metrics.kills, expected.kills, `${where} kills`);
        assert.equal(player.metrics.deaths, expected.deaths, `${where} deaths`);
        assert.equal(player.metrics.headshots, expected.headshots, `${where} headshots`);
        assert.equal(player.team, expected.team, `${where} team`);
        for (const [truthKey, fieldKey] of Object.entries(TRUTH_FIELDS)) {
          assert.equal(player.fields[fieldKey], expected[truthKey], `${where} ${truthKey}`);
        }
      }
    }
  });

  Deno.test(`${set} samples: weapon tuples equal the truth (zero-delta rows aside)`, () => {
    for (const file of truth) {
      for (const player of rounds.get(file.file)!.players) {
        const actual = Object.fromEntries(
          player.weapons
            .filter((w) => w.hits + w.shots + w.kills + w.deaths + w.headshots > 0)
            .map((w) => [w.code, {
              hits: w.hits,
              shots: w.shots,
              kills: w.kills,
              deaths: w.deaths,
              headshots: w.headshots,
            }]),
        );
        assert.deepEqual(actual, file.players[player.guid]!.weapons, `${file.file} ${player.guid}`);
      }
    }
  });

  Deno.test(`${set} samples: played and dead seconds within ${PLAYED_TOLERANCE_SECONDS} s of the truth`, () => {
    for (const file of truth) {
      for (const player of rounds.get(file.file)!.players) {
        const expected = file.players[player.guid]!;
        const where = `${file.file} ${player.guid}`;
        const played = Math.abs(player.metrics.playedSeconds - expected.played_ms / 1000);
        const dead = Math.abs(player.metrics.timeDeadSeconds - expected.dead_ms / 1000);
        assert.ok(played <= PLAYED_TOLERANCE_SECONDS, `${where} played off by ${played} s`);
        assert.ok(dead <= PLAYED_TOLERANCE_SECONDS, `${where} dead off by ${dead} s`);
      }
    }
  });
}

Deno.test("edge samples: a player who left after Round 1 has no Round 2 row", () => {
  const { truth, rounds } = roundsOf("edge");
  let leavers = 0;
  for (const file of truth.filter((f) => f.round === 2)) {
    const roundOne = rounds.get(file.r1!)!;
    const roundTwo = rounds.get(file.file)!;
    for (const player of roundOne.players) {
      if (!(player.guid in file.players)) {
        leavers++;
        assert.ok(!roundTwo.players.some((p) => p.guid === player.guid));
      }
    }
  }
  assert.ok(leavers > 0, "the edge set has leavers");
});

Deno.test("edge samples: a player who joined in Round 2 keeps their file numbers as R2-only", () => {
  const { truth, rounds } = roundsOf("edge");
  const joiners = truth
    .filter((f) => f.round === 2)
    .flatMap((f) =>
      rounds.get(f.file)!.players.filter((p) => p.differential === "not_in_round_one")
    );
  assert.ok(joiners.length > 0, "the edge set has joiners");
});
