/** Round meta: header decoding and validation, and how it corrects a round and its scoring. */
import assert from "node:assert/strict";
import { deriveSession } from "../../domain/derive_session.ts";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import {
  applyRoundMeta,
  encodeRoundMetaHeader,
  type EndedSessionRound,
  metaDurationSeconds,
  parseRoundMetaHeader,
  roundEndingOf,
  type RoundMeta,
  roundMetaFromJson,
  roundMetaMismatch,
} from "../../domain/round_meta.ts";
import { sessionRoundOf } from "../../domain/session_round_of.ts";
import { WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";

const FOXTROT = "3F2A9C1D";
const B0B = "B07E44A2";

const OBJECTIVE_META = {
  version: 1,
  map: "etl_supply",
  round: 1,
  startedAt: "2025-11-14T20:20:00Z",
  endedAt: "2025-11-14T20:30:12.500Z",
  pausedSeconds: 42,
  endReason: "objective",
  surrenderedBy: null,
  winner: "allies",
};

function meta(document: Record<string, unknown>): RoundMeta {
  const result = roundMetaFromJson(document);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function worked(name: typeof WORKED_R1 | typeof WORKED_R2): ParsedRound {
  const parsed = parseStatsFile(name, workedExample(name));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Session rounds of the worked example, each optionally with its meta applied. */
function workedSession(
  metas: { r1?: RoundMeta; r2?: RoundMeta } = {},
): EndedSessionRound[] {
  return ([[1, WORKED_R1, metas.r1], [2, WORKED_R2, metas.r2]] as const).map(
    ([id, name, roundMeta]) => {
      const parsed = worked(name);
      const round = roundMeta ? applyRoundMeta(parsed, roundMeta) : parsed;
      const playedAt = Date.parse(`${parsed.file.localDateTime}Z`) / 1000;
      return {
        ...sessionRoundOf(id, round, playedAt, new Set()),
        ending: roundMeta ? roundEndingOf(roundMeta) : null,
      };
    },
  );
}

function mapScore(rounds: EndedSessionRound[]) {
  const derived = deriveSession("2025-11-14-213012", rounds);
  const score = derived.matches[0]!.score!;
  const teamOf = (guid: string) => derived.teams.members.get(guid)!;
  return { score, foxtrot: teamOf(FOXTROT), b0b: teamOf(B0B) };
}

Deno.test("a round meta header decodes from standard and URL-safe base64, padded or not", () => {
  const standard = encodeRoundMetaHeader(OBJECTIVE_META);
  assert.match(standard, /=$/, "this document's base64 ends in padding");
  for (const value of [standard, standard.replace(/=+$/, "")]) {
    const result = parseRoundMetaHeader(value);
    assert.ok(result.ok, value);
    assert.equal(result.value.map, "etl_supply");
    assert.equal(result.value.endReason, "objective");
    assert.equal(result.value.endedAt, "2025-11-14T20:30:12.500Z");
  }
  // Valid documents are ASCII without '?', '>' or '~', so their base64 never uses '+' or '/':
  // a document with such a map shows that both alphabets decode (and then fail validation).
  const odd = encodeRoundMetaHeader({ ...OBJECTIVE_META, map: "?>?~?>?~" });
  assert.match(odd, /[+/]/);
  const urlSafe = odd.replaceAll("+", "-").replaceAll("/", "_");
  for (const value of [odd, urlSafe]) {
    const result = parseRoundMetaHeader(value);
    assert.ok(!result.ok);
    assert.match(result.error.message, /^X-Etl-Round-Meta: map: /);
  }
});

Deno.test("a round meta is normalised: absent fields are null, offsets become UTC", () => {
  const result = roundMetaFromJson({
    version: 1,
    startedAt: "2025-11-14T21:20:00+01:00",
    endedAt: "2025-11-14T21:25:00+01:00",
    endReason: "time_limit",
  });
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    version: 1,
    map: null,
    round: null,
    startedAt: "2025-11-14T20:20:00.000Z",
    endedAt: "2025-11-14T20:25:00.000Z",
    pausedSeconds: 0,
    endReason: "time_limit",
    surrenderedBy: null,
    winner: null,
  });
});

Deno.test("a bad round meta header is refused with a message naming the problem", () => {
  const cases: [string, string][] = [
    ["", "empty"],
    ["not base64!", "not base64"],
    [btoa("{not json"), "not JSON"],
    [btoa("\xff\xfe"), "UTF-8"],
    ["A".repeat(5000), "longer than 4096"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, version: 2 }), "version"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, pausedSecs: 3 }), "pausedSecs"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, endReason: "boredom" }), "endReason"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, startedAt: "yesterday" }), "startedAt"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, pausedSeconds: -1 }), "pausedSeconds"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, map: "../etc" }), "map"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, endedAt: null }), "go together"],
    [
      encodeRoundMetaHeader({ ...OBJECTIVE_META, endedAt: "2025-11-14T20:19:59Z" }),
      "before startedAt",
    ],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, pausedSeconds: 5000 }), "longer than the round"],
    [encodeRoundMetaHeader({ ...OBJECTIVE_META, surrenderedBy: "axis" }), "surrenderedBy"],
    [
      encodeRoundMetaHeader({
        ...OBJECTIVE_META,
        endReason: "surrender",
        surrenderedBy: "allies",
        winner: "allies",
      }),
      "cannot be the team that surrendered",
    ],
    [encodeRoundMetaHeader([1, 2]), "document"],
  ];
  for (const [value, expected] of cases) {
    const result = parseRoundMetaHeader(value);
    assert.ok(!result.ok, `accepted ${value.slice(0, 40)}`);
    assert.equal(result.error.code, "invalid_round_meta");
    assert.match(result.error.message, /^X-Etl-Round-Meta: /);
    assert.ok(
      result.error.message.includes(expected),
      `${JSON.stringify(result.error.message)} should mention ${expected}`,
    );
  }
});

Deno.test("the meta duration is end − start − pauses, in whole seconds", () => {
  assert.equal(metaDurationSeconds(meta(OBJECTIVE_META)), 570); // 612.5 s − 42 s
  assert.equal(
    metaDurationSeconds(meta({ version: 1, endReason: "map_change" })),
    null,
  );
});

Deno.test("a meta must name the file's map and round when it names them", () => {
  const m = meta(OBJECTIVE_META);
  assert.equal(roundMetaMismatch(m, { map: "etl_supply", round: 1 }), null);
  assert.match(roundMetaMismatch(m, { map: "radar", round: 1 })!.message, /map etl_supply/);
  assert.match(roundMetaMismatch(m, { map: "etl_supply", round: 2 })!.message, /round 1/);
  const anonymous = meta({ version: 1, endReason: "unknown" });
  assert.equal(roundMetaMismatch(anonymous, { map: "radar", round: 2 }), null);
});

Deno.test("an objective meta times the round from the game and keeps the engine's time to beat", () => {
  const before = worked(WORKED_R1).header;
  const after = applyRoundMeta(worked(WORKED_R1), meta(OBJECTIVE_META)).header;
  assert.equal(before.durationSeconds, 581);
  assert.equal(after.durationSeconds, 570);
  assert.equal(after.outcome, "Completed");
  assert.equal(after.stopwatchState, "TIME_SET");
  assert.equal(after.winnerTeam, 2);
  assert.equal(after.timeToBeatSeconds, 581, "the clock the engine set for Round 2");
  assert.equal(after.nextTimeLimit, before.nextTimeLimit, "the written clock stays as written");
  assert.equal(after.playtimeSeconds, before.playtimeSeconds);
});

Deno.test("an attacker surrender makes the round a fullhold won by the defenders", () => {
  // Worked Round 1: Axis (1) defends; the header says Allies completed in 9:41.
  const surrender = meta({
    version: 1,
    startedAt: "2025-11-14T20:20:00Z",
    endedAt: "2025-11-14T20:23:20Z",
    endReason: "surrender",
    surrenderedBy: "allies",
  });
  const header = applyRoundMeta(worked(WORKED_R1), surrender).header;
  assert.equal(header.winnerTeam, 1, "the side that did not surrender won");
  assert.equal(header.durationSeconds, 200);
  assert.equal(header.outcome, "Fullhold");
  assert.equal(header.stopwatchState, "FULL_HOLD");
  assert.equal(header.timeToBeatSeconds, null);
  assert.equal(header.nextTimeLimitMinutes, 12, "Round 2 gets the full limit");
});

Deno.test("a defender surrender is a completion timed by the game, not by the inflated clock", () => {
  const surrender = meta({
    version: 1,
    startedAt: "2025-11-14T20:20:00Z",
    endedAt: "2025-11-14T20:25:00Z",
    endReason: "surrender",
    surrenderedBy: "axis",
  });
  const header = applyRoundMeta(worked(WORKED_R1), surrender).header;
  assert.equal(header.winnerTeam, 2);
  assert.equal(header.outcome, "Completed");
  assert.equal(header.stopwatchState, "TIME_SET");
  assert.equal(header.timeToBeatSeconds, 300);
  assert.equal(header.nextTimeLimitMinutes, 5);
});

Deno.test("a meta without times keeps the header's duration; a measured one is capped at the limit", () => {
  const untimed = applyRoundMeta(
    worked(WORKED_R2),
    meta({ version: 1, endReason: "map_change", winner: null }),
  ).header;
  assert.equal(untimed.durationSeconds, 425);
  assert.equal(untimed.winnerTeam, 2, "no winner in the meta: the header's stands");
  assert.equal(untimed.outcome, worked(WORKED_R2).header.outcome);

  const long = applyRoundMeta(
    worked(WORKED_R2),
    meta({
      version: 1,
      startedAt: "2025-11-14T20:29:00Z",
      endedAt: "2025-11-14T20:40:00Z",
      endReason: "time_limit",
      winner: "axis",
    }),
  ).header;
  assert.equal(long.durationSeconds, 581, "660 s measured, capped at the 9:41 limit");
  assert.equal(long.outcome, "Fullhold");
});

Deno.test("without meta the worked example's map goes to b0b's team (Round 2 winner)", () => {
  const { score, b0b } = mapScore(workedSession());
  assert.equal(score.decidedBy, "round_two_winner");
  assert.equal(score.winner, b0b);
});

Deno.test("a Round 2 attacker surrender in the meta gives the map to the Round 2 defenders", () => {
  const surrender = meta({
    version: 1,
    map: "etl_supply",
    round: 2,
    startedAt: "2025-11-14T20:33:00Z",
    endedAt: "2025-11-14T20:35:00Z",
    endReason: "surrender",
    surrenderedBy: "allies",
  });
  const { score, foxtrot } = mapScore(workedSession({ r2: surrender }));
  assert.equal(score.decidedBy, "round_two_winner");
  assert.equal(score.winner, foxtrot, "FoxTrot's team defended as Axis in Round 2");
});

Deno.test("the game's measured times decide when both attacks completed", () => {
  // Round 2's winner is unknown ("draw" declared), so the round times decide: Round 2's clock
  // (7:05) against Round 1's time – 9:41 on the clock, 300 s as the game measured it.
  const noWinner = meta({ version: 1, endReason: "unknown", winner: "draw" });
  const fast = meta({
    version: 1,
    startedAt: "2025-11-14T20:20:00Z",
    endedAt: "2025-11-14T20:25:00Z",
    endReason: "objective",
    winner: "allies",
  });
  const byClock = mapScore(workedSession({ r2: noWinner }));
  assert.equal(byClock.score.decidedBy, "round_times");
  assert.equal(byClock.score.winner, byClock.b0b, "425 s beats the clock's 581 s");

  const measured = mapScore(workedSession({ r1: fast, r2: noWinner }));
  assert.equal(measured.score.decidedBy, "round_times");
  assert.equal(measured.score.winner, measured.foxtrot, "425 s does not beat a measured 300 s");
});

Deno.test("a surrender does not make the surrendering attackers look like defenders", () => {
  // Round 1 ends after 200 s with Axis (the header's defender) winning. Without the end reason,
  // a measured time that short reads as a completion, i.e. Axis attacking.
  const surrender = meta({
    version: 1,
    startedAt: "2025-11-14T20:20:00Z",
    endedAt: "2025-11-14T20:23:20Z",
    endReason: "surrender",
    surrenderedBy: "allies",
  });
  const withEnding = mapScore(workedSession({ r1: surrender }));
  assert.equal(withEnding.score.roundOneAttackers, withEnding.foxtrot);

  const rounds = workedSession({ r1: surrender });
  rounds[0] = { ...rounds[0]!, ending: null };
  const withoutEnding = mapScore(rounds);
  assert.equal(withoutEnding.score.roundOneAttackers, withoutEnding.b0b);
});
