/** Sessions, pairing, teams and map winners of the sample corpus equal its truth. */
import assert from "node:assert/strict";
import { deriveSession } from "../../domain/derive_session.ts";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import { sessionRoundOf } from "../../domain/session_round_of.ts";
import type { SessionRound } from "../../domain/session_round.ts";
import { groupIntoSessions } from "../../domain/sessions.ts";
import { localToUtcMs } from "../../domain/time_zones.ts";
import { loadSampleSet, type SampleSet } from "../helpers/fixtures.ts";

function sampleRounds(set: SampleSet): { rounds: SessionRound[]; names: Map<number, string> } {
  const { bytes } = loadSampleSet(set);
  const rounds: SessionRound[] = [];
  const names = new Map<number, string>();
  let id = 0;
  for (const [name, data] of bytes) {
    const parsed = parseStatsFile(name, data);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const playedAt = localToUtcMs(parsed.value.file.localDateTime, "Europe/Berlin") / 1000;
    rounds.push(sessionRoundOf(++id, parsed.value, playedAt, new Set(["mp_sillyctf"])));
    names.set(id, name);
  }
  return { rounds, names };
}

for (const set of ["clean", "edge"] as const) {
  Deno.test(`${set} samples: sessions group exactly as the truth says`, () => {
    const { truth } = loadSampleSet(set);
    const { rounds, names } = sampleRounds(set);
    const groups = groupIntoSessions(rounds);
    assert.deepEqual(
      groups.map((g) => g.rounds.map((r) => names.get(r.id))),
      truth.sessions.map((s) => s.files),
    );
  });

  Deno.test(`${set} samples: maps pair, score and name their winner as the truth says`, () => {
    const { truth } = loadSampleSet(set);
    const { rounds, names } = sampleRounds(set);
    const groups = groupIntoSessions(rounds);
    groups.forEach((group, index) => {
      const derived = deriveSession(group.key, group.rounds);
      const expected = truth.sessions[index]!.maps;
      assert.equal(derived.matches.length, expected.length);
      derived.matches.forEach((match, m) => {
        const map = expected[m]!;
        assert.equal(names.get(match.roundOneId!), map.r1);
        assert.equal(match.roundTwoId === null ? null : names.get(match.roundTwoId), map.r2);
        if (map.r2 === null) {
          assert.equal(match.state, "abandoned");
          assert.equal(match.counted, false);
          return;
        }
        assert.equal(match.state, "complete");
        assert.ok(match.counted, `${map.r1} counts`);
        const score = match.score!;
        const teamOf = (guids: string[]) => {
          const labels = new Set(guids.map((g) => derived.teams.members.get(g)));
          assert.equal(labels.size, 1, `roster ${guids} is one persistent team`);
          return [...labels][0];
        };
        const teamA = teamOf(map.team_a!);
        assert.notEqual(teamA, teamOf(map.team_b!));
        const expectedWinner = map.winner === "tie"
          ? "draw"
          : map.winner === "A"
          ? teamA
          : teamOf(map.team_b!);
        assert.equal(score.winner, expectedWinner, `${map.r1}: winner`);
        assert.equal(score.roundOneAttackers, teamA, `${map.r1}: Round 1 attackers`);
      });
    });
  });
}
