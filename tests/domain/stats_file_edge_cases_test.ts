/**
 * Edge cases of the round stats file (spec stats-file-format.md §11, rows 1–24) plus the parser's
 * own decisions (strict tokens, exact token counts, duplicate GUIDs, bots, colour codes, file names).
 *
 * Every input is built in code by mutating the byte-exact worked example of spec §12, so each test
 * shows exactly which bytes differ from a valid file.
 */
import { concatBytes } from "../helpers/bytes.ts";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { metricsOf } from "../../domain/metrics.ts";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound, ParseWarning, RoundPlayer } from "../../domain/parsed_round.ts";
import { pickRoundOne } from "../../domain/pick_round_one.ts";
import type { Result } from "../../domain/result.ts";
import { roundTwoOnly } from "../../domain/round_two_only.ts";
import { parsedRoundSchema, parseErrorSchema } from "../../domain/schemas.ts";
import { parseStatsFileName, type StatsFileName } from "../../domain/stats_file_name.ts";

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

const FIXTURES = new URL("../fixtures/worked_example/", import.meta.url);
const R1_NAME = "2025-11-14-213012-etl_supply-round-1.txt";
const R2_NAME = "2025-11-14-213845-etl_supply-round-2.txt";
const R1_BYTES = Deno.readFileSync(new URL(R1_NAME, FIXTURES));
const R2_BYTES = Deno.readFileSync(new URL(R2_NAME, FIXTURES));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The lines of a file without the final LF (the worked example is LF-only, pure ASCII/UTF-8). */
function linesOf(bytes: Uint8Array): string[] {
  const lines = decoder.decode(bytes).split("\n");
  assert.equal(lines.pop(), "", "fixture must end with LF");
  return lines;
}

const R1 = linesOf(R1_BYTES);
const R2 = linesOf(R2_BYTES);
/** Line indexes (0-based) inside the worked-example files. */
const R1_FOX = 1; // 3F2A9C1D  ^1Fox^7Trot, file line 2
const R1_BOB = 2; // B07E44A2  ^4b0b ^7the builder, file line 3
const R2_BOB = 1;
const R2_FOX = 3;
const FOX = "3F2A9C1D";
const BOB = "B07E44A2";
const NEWBIE = "9D0C5E7F";

/** Joins lines into file bytes, every line terminated by `eol` (LF like the writer by default). */
function fileOf(lines: readonly string[], eol = "\n"): Uint8Array {
  return encoder.encode(lines.map((line) => line + eol).join(""));
}

/** A player line split into its parts (only for well-formed worked-example lines). */
interface PlayerLine {
  guid: string;
  name: string;
  rounds: string;
  team: string;
  /** Mask first, then 5 tokens per weapon. */
  weapons: string[];
  /** f0..f37 as text. */
  fields: string[];
}

function splitPlayerLine(line: string): PlayerLine {
  const tab = line.indexOf("\t");
  assert.ok(tab > 0, `not a player line: ${line}`);
  const parts = line.slice(0, tab).split("\\");
  assert.equal(parts.length, 5, `unexpected prefix in ${line}`);
  const [guid, name, rounds, team, weapons] = parts as [string, string, string, string, string];
  return {
    guid,
    name,
    rounds,
    team,
    weapons: weapons.trim().split(" "),
    fields: line.slice(tab + 1).split("\t"),
  };
}

/** The writer's layout: weapon section, one space, TAB, 38 TAB-separated fields. */
function joinPlayerLine(p: PlayerLine): string {
  return `${p.guid}\\${p.name}\\${p.rounds}\\${p.team}\\${p.weapons.join(" ")} \t${
    p.fields.join("\t")
  }`;
}

/** A copy of `lines` with the player line at `index` changed by `change`. */
function editPlayer(
  lines: readonly string[],
  index: number,
  change: (p: PlayerLine) => void,
): string[] {
  const copy = [...lines];
  const player = splitPlayerLine(copy[index]!);
  change(player);
  copy[index] = joinPlayerLine(player);
  return copy;
}

/** A copy of `lines` whose header field `field` is `value` (or whose header is `value` entirely). */
function editHeader(lines: readonly string[], field: number, value: string): string[] {
  const copy = [...lines];
  const parts = copy[0]!.split("\\");
  parts[field] = value;
  copy[0] = parts.join("\\");
  return copy;
}

function parseLines(
  name: string,
  lines: readonly string[],
  options?: { botNamePattern?: RegExp },
): Result<ParsedRound, unknown> {
  return parseStatsFile(name, fileOf(lines), options);
}

/** Asserts success and that the JSON form satisfies the published schema; returns the round. */
function expectRound(result: Result<ParsedRound, unknown>): ParsedRound {
  if (!result.ok) assert.fail(`expected a parsed round, got ${JSON.stringify(result.error)}`);
  const checked = parsedRoundSchema.safeParse(JSON.parse(JSON.stringify(result.value)));
  assert.ok(
    checked.success,
    `round JSON violates parsedRoundSchema: ${JSON.stringify(checked.error?.issues)}`,
  );
  return result.value;
}

/** Asserts failure with `code` and a schema-valid error; returns the error. */
function expectError(result: Result<ParsedRound, unknown>, code: string): Record<string, unknown> {
  if (result.ok) {
    assert.fail(`expected error ${code}, got a round with ${result.value.players.length} players`);
  }
  const checked = parseErrorSchema.safeParse(result.error);
  assert.ok(checked.success, `error violates parseErrorSchema: ${JSON.stringify(result.error)}`);
  const error = result.error as Record<string, unknown>;
  assert.equal(error.code, code, JSON.stringify(error));
  return error;
}

function playerOf(round: ParsedRound, guid: string): RoundPlayer {
  const player = round.players.find((p) => p.guid === guid);
  assert.ok(player, `no player ${guid} in ${round.players.map((p) => p.guid).join(", ")}`);
  return player;
}

function rejections(round: ParsedRound): { reason: string; line: number }[] {
  return round.warnings.flatMap((w) =>
    w.code === "line_rejected" ? [{ reason: w.reason, line: w.line }] : []
  );
}

function warningsWith(round: ParsedRound, code: ParseWarning["code"]): ParseWarning[] {
  return round.warnings.filter((w) => w.code === code);
}

function lineOf(w: ParseWarning): number | undefined {
  return "line" in w ? w.line : undefined;
}

/** Asserts that exactly one line was rejected, with this reason, on this 1-based line. */
function expectOneRejection(round: ParsedRound, reason: string, line: number): void {
  assert.deepEqual(rejections(round), [{ reason, line }]);
}

function fileName(name: string): StatsFileName {
  const parsed = parseStatsFileName(name);
  if (!parsed.ok) assert.fail(`bad test file name ${name}`);
  return parsed.value;
}

function sha24(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 24);
}

/** Concatenates byte chunks (strings are UTF-8 encoded). */
function bytesOf(...chunks: (string | number[])[]): Uint8Array {
  return concatBytes(
    chunks.map((c) => typeof c === "string" ? encoder.encode(c) : Uint8Array.from(c)),
  );
}

// ---------------------------------------------------------------------------------------------
// Baseline: the helpers reproduce the worked example, which parses to the spec's numbers
// ---------------------------------------------------------------------------------------------

Deno.test("helpers rebuild the worked example byte for byte", () => {
  assert.deepEqual(fileOf(R1), R1_BYTES);
  assert.deepEqual(fileOf(R2), R2_BYTES);
  assert.equal(splitPlayerLine(R1[R1_FOX]!).guid, FOX);
  assert.equal(splitPlayerLine(R1[R1_BOB]!).guid, BOB);
  assert.equal(splitPlayerLine(R2[R2_BOB]!).guid, BOB);
  assert.equal(splitPlayerLine(R2[R2_FOX]!).guid, FOX);
  for (const lines of [R1, R2]) {
    for (const line of lines.slice(1)) assert.equal(joinPlayerLine(splitPlayerLine(line)), line);
  }
});

Deno.test("§12 the worked example parses cleanly to the spec's numbers", () => {
  const r1 = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  assert.deepEqual(r1.warnings, []);
  assert.equal(r1.players.length, 2);
  assert.equal(r1.header.durationSeconds, 581);
  const fox = playerOf(r1, FOX);
  assert.equal(fox.name, "FoxTrot");
  assert.equal(fox.team, 2);
  assert.deepEqual(fox.weapons.map((w) => w.id), [3, 5, 11]);
  assert.equal(fox.metrics.kills, 8);
  assert.equal(fox.metrics.deaths, 3);
  assert.equal(fox.metrics.headshots, 6);
  assert.equal(fox.metrics.hits, 47);
  assert.equal(fox.metrics.shots, 145);
  assert.equal(fox.fields.damageGiven, 1874);

  const r2 = expectRound(parseStatsFile(R2_NAME, R2_BYTES));
  const diff = roundTwoOnly(r1, r2);
  assert.ok(diff.ok);
  const only = expectRound(diff);
  const fox2 = playerOf(only, FOX);
  assert.equal(fox2.differential, "subtracted");
  assert.equal(fox2.metrics.kills, 6);
  assert.equal(fox2.metrics.deaths, 3);
  assert.equal(fox2.fields.damageGiven, 1523);
  assert.equal(fox2.metrics.playedSeconds, 420);
  assert.equal(playerOf(only, NEWBIE).differential, "not_in_round_one");
  assert.equal(only.mvpGuid, FOX);
});

// ---------------------------------------------------------------------------------------------
// §11 rows 1–24
// ---------------------------------------------------------------------------------------------

Deno.test("§11.1 an empty file or a header-only file fails with insufficient_lines", () => {
  assert.equal(
    expectError(parseStatsFile(R1_NAME, new Uint8Array()), "insufficient_lines").lines,
    0,
  );
  const headerOnly = fileOf([R1[0]!]);
  assert.equal(expectError(parseStatsFile(R1_NAME, headerOnly), "insufficient_lines").lines, 1);
  const headerNoLf = encoder.encode(R1[0]!);
  assert.equal(expectError(parseStatsFile(R1_NAME, headerNoLf), "insufficient_lines").lines, 1);
  expectError(parseStatsFile(R1_NAME, encoder.encode("\n")), "insufficient_lines");
});

Deno.test("§11.2 a header with fewer than 8 backslash fields fails with invalid_header", () => {
  const seven = R1[0]!.split("\\").slice(0, 7).join("\\");
  const error = expectError(parseLines(R1_NAME, [seven, ...R1.slice(1)]), "invalid_header");
  assert.equal(error.fields, 7);
  const garbage = expectError(
    parseLines(R1_NAME, ["hello world", ...R1.slice(1)]),
    "invalid_header",
  );
  assert.equal(garbage.fields, 1);
  // 8 fields are enough (older writer), see §11.4.
  expectRound(parseLines(R1_NAME, [R1[0]!.split("\\").slice(0, 8).join("\\"), ...R1.slice(1)]));
});

Deno.test("§11.3 a header followed by blank lines or no valid player line fails with no_players", () => {
  const blank = expectError(parseLines(R1_NAME, [R1[0]!, ""]), "no_players");
  assert.equal(blank.rejectedLines, 0);
  const whitespace = expectError(parseLines(R1_NAME, [R1[0]!, "   ", "\t", ""]), "no_players");
  assert.equal(whitespace.rejectedLines, 0);
  const noBackslash = expectError(parseLines(R1_NAME, [R1[0]!, "garbage line"]), "no_players");
  assert.equal(noBackslash.rejectedLines, 0);
  // Every player line rejected (here: cut inside the weapon tuples) is also "no players".
  const cut = R1.slice(1).map((line) => line.slice(0, line.indexOf(" ")));
  const allRejected = expectError(parseLines(R1_NAME, [R1[0]!, ...cut]), "no_players");
  assert.equal(allRejected.rejectedLines, 2);
});

Deno.test("§11.4 an 8-field header has no playtime and takes its duration from field 7", () => {
  const eight = R1[0]!.split("\\").slice(0, 8).join("\\");
  const round = expectRound(parseLines(R1_NAME, [eight, ...R1.slice(1)]));
  assert.equal(round.header.playtimeRaw, null);
  assert.equal(round.header.playtimeSeconds, null);
  assert.equal(round.header.nextTimeLimitSeconds, 581);
  assert.equal(round.header.durationSeconds, 581);
  assert.equal(round.header.possiblyPartial, false, "an old writer's file is not a partial round");
  assert.deepEqual(warningsWith(round, "unknown_playtime"), []);
  assert.equal(round.players.length, 2);
});

Deno.test("§11.4 duration fallback: field 7 of 0:00 gives 300 s and is capped at the limit", () => {
  const zero = R1[0]!.split("\\").slice(0, 7).concat("0:00").join("\\");
  assert.equal(
    expectRound(parseLines(R1_NAME, [zero, ...R1.slice(1)])).header.durationSeconds,
    300,
  );
  const over = ["srv", "etl_supply", "legacy6", "1", "1", "2", "4:00", "9:41"].join("\\");
  assert.equal(
    expectRound(parseLines(R1_NAME, [over, ...R1.slice(1)])).header.durationSeconds,
    240,
  );
});

Deno.test("§11.5 a negative, zero, 1e309 or text playtime is unknown and marks the round possibly partial", () => {
  for (const playtime of ["-12345", "-581412", "0", "-0", "1e309", "abc", "", "NaN", "Infinity"]) {
    const round = expectRound(parseLines(R1_NAME, editHeader(R1, 8, playtime)));
    const h = round.header;
    assert.equal(h.playtimeRaw, playtime, playtime);
    assert.equal(h.playtimeSeconds, null, playtime);
    assert.equal(h.possiblyPartial, true, playtime);
    assert.equal(warningsWith(round, "unknown_playtime").length, 1, playtime);
    assert.equal(h.durationSeconds, 581, `${playtime}: duration falls back to field 7 (9:41)`);
    assert.equal(round.players.length, 2, playtime);
  }
});

Deno.test("§11.6 a shutdown-path Round 2 (winner 0, negative playtime, no Round 1) parses as an orphan", () => {
  // Written at map change: winner 0, playtime negative, header round label wrong (says 1).
  let lines = editHeader(R2, 5, "0");
  lines = editHeader(lines, 8, "-1731000");
  lines = editHeader(lines, 3, "1");
  const round = expectRound(parseLines(R2_NAME, lines));
  assert.equal(round.file.round, 2, "the file name decides the round");
  assert.equal(round.header.headerRound, 1);
  assert.equal(warningsWith(round, "header_round_mismatch").length, 1);
  assert.equal(round.header.winnerTeam, 0);
  assert.deepEqual(round.header.sideDiagnostics, [], "winner 0 is a legal value");
  assert.equal(round.header.scoreConfidence, "missing");
  assert.equal(round.header.possiblyPartial, true);
  assert.equal(round.header.playtimeSeconds, null);
  assert.equal(round.values, "cumulative");
  assert.equal(round.roundOne, null);
  assert.equal(round.players.length, 3);
  // No Round 1 anywhere → orphan.
  assert.equal(pickRoundOne(round.file, []), null);
});

Deno.test("§11.7 a surrender header is parsed as written and the duration comes from playtime, not field 7", () => {
  // Round 1 surrendered by the attackers after 312 s: field 7 = full limit, winner = defender.
  const r1 = expectRound(
    parseLines(R1_NAME, editHeader(editHeader(editHeader(R1, 5, "1"), 7, "12:00"), 8, "312000")),
  );
  assert.equal(r1.header.defenderTeam, 1);
  assert.equal(r1.header.winnerTeam, 1);
  assert.equal(r1.header.timeLimit, "12:00");
  assert.equal(r1.header.nextTimeLimit, "12:00");
  assert.equal(r1.header.nextTimeLimitSeconds, 720);
  assert.equal(r1.header.playtimeRaw, "312000");
  assert.equal(r1.header.playtimeSeconds, 312);
  assert.equal(r1.header.durationSeconds, 312, "never field 7 (720 s)");
  assert.equal(r1.header.possiblyPartial, false);

  // Round 2 surrendered after 100 s: field 7 = Round 1's time (inflated).
  const r2 = expectRound(
    parseLines(R2_NAME, editHeader(editHeader(editHeader(R2, 5, "1"), 7, "9:41"), 8, "100250")),
  );
  assert.equal(r2.header.nextTimeLimit, "9:41");
  assert.equal(r2.header.nextTimeLimitSeconds, 581);
  assert.equal(r2.header.winnerTeam, 1);
  assert.equal(r2.header.playtimeSeconds, 100.25);
  assert.equal(r2.header.durationSeconds, 100, "never field 7 (581 s)");
});

Deno.test("§11.8 a player line truncated inside the weapon tuples is rejected with weapon_token_count", () => {
  const fox = R1[R1_FOX]!;
  const cut = fox.slice(0, fox.indexOf("130") + 3); // "...\2088 4 12 1 0 1 41 130", no TAB
  const round = expectRound(parseLines(R1_NAME, [R1[0]!, cut, R1[R1_BOB]!]));
  expectOneRejection(round, "weapon_token_count", 2);
  assert.deepEqual(round.players.map((p) => p.guid), [BOB]);

  // One tuple token missing but the TAB fields intact: still rejected, never partially imported.
  const short = editPlayer(R1, R1_FOX, (p) => {
    p.weapons.pop();
  });
  const shortRound = expectRound(parseLines(R1_NAME, short));
  expectOneRejection(shortRound, "weapon_token_count", 2);
  assert.equal(shortRound.players.length, 1);
});

Deno.test("weapon section must hold exactly 1 + 5·popcount(mask) tokens (surplus rejected too)", () => {
  const surplus = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons.push("0");
    }),
  ));
  expectOneRejection(surplus, "weapon_token_count", 2);
  // Mask 0 with no tuples is a valid (weaponless) line.
  const bare = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons = ["0"];
    }),
  ));
  assert.deepEqual(rejections(bare), []);
  assert.deepEqual(playerOf(bare, FOX).weapons, []);
  assert.equal(playerOf(bare, FOX).metrics.kills, 0);
  // Mask bits above 27 name no weapon and need no tuple.
  const high = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons[0] = String(2088 + 2 ** 28 + 2 ** 30);
    }),
  ));
  assert.deepEqual(rejections(high), []);
  assert.deepEqual(playerOf(high, FOX).weapons.map((w) => w.id), [3, 5, 11]);
});

Deno.test("§11.9 a player line truncated inside the TAB fields is rejected with extended_field_count", () => {
  const fox = R1[R1_FOX]!;
  const tabs = fox.split("\t");
  const cut = tabs.slice(0, 21).join("\t"); // weapons + f0..f19
  const round = expectRound(parseLines(R1_NAME, [R1[0]!, cut, R1[R1_BOB]!]));
  expectOneRejection(round, "extended_field_count", 2);
  assert.deepEqual(round.players.map((p) => p.guid), [BOB]);

  // Cut right after the weapon section: no TAB at all.
  const noTab = fox.slice(0, fox.indexOf("\t"));
  expectOneRejection(
    expectRound(parseLines(R1_NAME, [R1[0]!, noTab, R1[R1_BOB]!])),
    "extended_field_count",
    2,
  );
  // 37 fields (f37 missing) is not enough.
  expectOneRejection(
    expectRound(parseLines(R1_NAME, editPlayer(R1, R1_FOX, (p) => void p.fields.pop()))),
    "extended_field_count",
    2,
  );
  // A 39th non-empty field is too many.
  expectOneRejection(
    expectRound(parseLines(R1_NAME, editPlayer(R1, R1_FOX, (p) => void p.fields.push("7")))),
    "extended_field_count",
    2,
  );
});

Deno.test("trailing empty TAB fields beyond the 38th are tolerated", () => {
  const round = expectRound(parseLines(R1_NAME, [R1[0]!, R1[R1_FOX]! + "\t\t", R1[R1_BOB]!]));
  assert.deepEqual(rejections(round), []);
  assert.equal(playerOf(round, FOX).fields.revivesGiven, 0);
  assert.equal(playerOf(round, FOX).fields.damageGiven, 1874);
});

Deno.test("§11.10 a non-integer weapon token rejects the line with invalid_weapon_token", () => {
  for (const token of ["4x", "1.0", "", "0x4", "1e3", "١"]) {
    const lines = editPlayer(R1, R1_FOX, (p) => {
      p.weapons[1] = token; // Colt hits
    });
    if (token === "") {
      // An empty token disappears in the whitespace split, so the count is off instead.
      expectOneRejection(expectRound(parseLines(R1_NAME, lines)), "weapon_token_count", 2);
      continue;
    }
    const round = expectRound(parseLines(R1_NAME, lines));
    expectOneRejection(round, "invalid_weapon_token", 2);
    const warning = round.warnings.find((w) => w.code === "line_rejected");
    assert.ok(warning && warning.message.length > 0, "the rejection is logged");
    assert.deepEqual(round.players.map((p) => p.guid), [BOB]);
  }
  // A non-integer mask is rejected as well.
  const mask = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons[0] = "2088a";
    }),
  ));
  expectOneRejection(mask, "invalid_weapon_mask", 2);
});

Deno.test("§11.11 a non-integer or float token in an integer TAB field reads as 0 with invalid_field_value", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.fields[0] = "100.0"; // damage_given, float-looking → 0 (reference quirk)
      p.fields[9] = "abc"; // xp
      p.fields[4] = " "; // gibs, blank
      p.fields[28] = "12abc"; // denied_playtime: parseInt would say 12
    }),
  ));
  assert.deepEqual(rejections(round), []);
  const fox = playerOf(round, FOX);
  assert.equal(fox.fields.damageGiven, 0);
  assert.equal(fox.fields.xp, 0);
  assert.equal(fox.fields.gibs, 0);
  assert.equal(fox.fields.deniedPlaytime, 0);
  assert.equal(fox.metrics.kills, 8, "the rest of the line is kept");
  const invalid = warningsWith(round, "invalid_field_value");
  assert.equal(invalid.length, 4);
  assert.ok(invalid.every((w) => lineOf(w) === 2));

  // A float field with text is 0 as well.
  const text = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.fields[8] = "88,5";
    }),
  ));
  assert.equal(playerOf(text, FOX).fields.timePlayedPercent, 0);
  assert.equal(warningsWith(text, "invalid_field_value").length, 1);
});

Deno.test("§11.12 values outside 0..2^31-1 reject the line with value_out_of_range", () => {
  const cases: { where: "weapon" | "field"; index: number; value: string }[] = [
    { where: "weapon", index: 1, value: "2147483648" },
    { where: "weapon", index: 3, value: "99999999999999999999" },
    { where: "weapon", index: 2, value: "-1" },
    { where: "weapon", index: 5, value: "9007199254740993" },
    { where: "field", index: 0, value: "2147483648" },
    { where: "field", index: 1, value: "99999999999999999999" },
    { where: "field", index: 9, value: "-1" },
    { where: "field", index: 22, value: "2147483648.0" },
    { where: "field", index: 25, value: "-0.1" },
    { where: "field", index: 8, value: "99999999999999999999.5" },
  ];
  for (const c of cases) {
    const round = expectRound(parseLines(
      R1_NAME,
      editPlayer(R1, R1_FOX, (p) => {
        (c.where === "weapon" ? p.weapons : p.fields)[c.index] = c.value;
      }),
    ));
    assert.deepEqual(
      rejections(round),
      [{ reason: "value_out_of_range", line: 2 }],
      JSON.stringify(c),
    );
    assert.deepEqual(round.players.map((p) => p.guid), [BOB]);
  }
  // The bounds themselves are accepted exactly.
  const max = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons[1] = "2147483647"; // Colt hits; the other weapons' hits 0 keep the sum in range
      p.weapons[6] = "0";
      p.weapons[11] = "0";
      p.fields[0] = "2147483647";
    }),
  ));
  assert.deepEqual(rejections(max), []);
  assert.equal(playerOf(max, FOX).weapons[0]!.hits, 2147483647);
  assert.equal(playerOf(max, FOX).fields.damageGiven, 2147483647);
  // An out-of-range mask is rejected too.
  const mask = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons[0] = "2147483648";
    }),
  ));
  assert.equal(rejections(mask).length, 1);
  assert.ok(
    ["value_out_of_range", "invalid_weapon_mask"].includes(rejections(mask)[0]!.reason),
    JSON.stringify(rejections(mask)),
  );
  // A float field written as 1e309 never becomes Infinity.
  const inf = parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.fields[22] = "1e309";
    }),
  );
  const infRound = expectRound(inf);
  const fox = infRound.players.find((p) => p.guid === FOX);
  if (fox) assert.ok(Number.isFinite(fox.fields.timePlayedMinutes));
});

Deno.test("§11.12 huge numbers in the header still give a schema-valid round", () => {
  const failures: string[] = [];
  for (const field of [3, 4, 5, 6, 7, 8]) {
    for (const value of ["99999999999999999999", "2147483648", "9".repeat(400), "-1"]) {
      for (const [name, original] of [[R1_NAME, R1]] as const) {
        const result = parseLines(name, editHeader(original, field, value));
        if (!result.ok) {
          if (!parseErrorSchema.safeParse(result.error).success) {
            failures.push(`field ${field} = ${value.slice(0, 24)}: invalid error`);
          }
          continue;
        }
        // Both the JSON form and the in-memory value (no Infinity hidden behind JSON's null).
        for (
          const [form, value_] of [
            ["json", JSON.parse(JSON.stringify(result.value))],
            ["in memory", result.value],
          ] as const
        ) {
          const checked = parsedRoundSchema.safeParse(value_);
          if (!checked.success) {
            failures.push(
              `${name} header field ${field} = ${value.slice(0, 24)}${
                value.length > 24 ? "…" : ""
              } (${form}): ` +
                checked.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
            );
          }
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("§11.12 a line with every value at 2^31-1 gives totals that still fit 0..2^31-1", () => {
  // Each token is in range, but Σ over 3 weapons is not: the round must still satisfy its schema
  // (reject the line, or keep totals bounded) instead of producing kills > 2^31-1.
  const max = String(2 ** 31 - 1);
  const lines = editPlayer(R1, R1_FOX, (p) => {
    p.weapons = [p.weapons[0]!, ...p.weapons.slice(1).map(() => max)];
    p.fields = p.fields.map((f) => f.includes(".") ? `${max}.0` : max);
  });
  expectRound(parseLines(R1_NAME, lines));
});

Deno.test("§11.12 Round 2-only recomputed fields (f8, f21, f24) stay within the schema bounds", () => {
  const r1 = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  const failures: string[] = [];
  // Each case: FoxTrot's Round 2 fields set to these in-range values (R1 f22 is 9.7).
  const cases: Record<number, string>[] = [
    { 8: "2147483647.0" }, // played % → (alive_R2 − alive_R1) / Δminutes × 100
    { 25: "2147483647.0" }, // dead minutes → dead ratio = dead / Δminutes × 100
    { 0: "2147483647", 22: "9.8" }, // damage given / 6 s → writer DPM recomputed
  ];
  for (const edits of cases) {
    const what = JSON.stringify(edits);
    const r2 = expectRound(parseLines(
      R2_NAME,
      editPlayer(R2, R2_FOX, (p) => {
        for (const [field, value] of Object.entries(edits)) p.fields[Number(field)] = value;
      }),
    ));
    const only = roundTwoOnly(r1, r2);
    if (!only.ok) {
      failures.push(`${what}: ${JSON.stringify(only.error)}`);
      continue;
    }
    const checked = parsedRoundSchema.safeParse(JSON.parse(JSON.stringify(only.value)));
    if (!checked.success) {
      failures.push(
        `${what}: ` +
          checked.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
      );
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("§11.13 a backslash inside a name is kept by the right-anchored parse", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.name = "^1Fox\\^7Trot";
    }),
  ));
  assert.deepEqual(rejections(round), []);
  const fox = playerOf(round, FOX);
  assert.equal(fox.rawName, "^1Fox\\^7Trot");
  assert.equal(fox.name, "Fox\\Trot");
  assert.equal(fox.team, 2);
  assert.equal(fox.metrics.kills, 8);

  const many = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.name = "\\a\\\\b\\";
    }),
  ));
  assert.equal(playerOf(many, FOX).rawName, "\\a\\\\b\\");
  assert.equal(playerOf(many, FOX).team, 2);
});

Deno.test("§11.14 a TAB inside a name cuts the prefix and the line is rejected with too_few_fields", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.name = "^1Fox\t^7Trot";
    }),
  ));
  expectOneRejection(round, "too_few_fields", 2);
  assert.deepEqual(round.players.map((p) => p.guid), [BOB]);
});

Deno.test("§11.15 an empty GUID is stored as ? with an empty_guid warning", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.guid = "";
    }),
  ));
  const fox = playerOf(round, "?");
  assert.equal(fox.writtenGuid, "?");
  assert.equal(fox.name, "FoxTrot");
  const warnings = warningsWith(round, "empty_guid");
  assert.equal(warnings.length, 1);
  assert.equal(lineOf(warnings[0]!), 2);

  // All empty-GUID players collide: the second one is rejected as a duplicate.
  let both = editPlayer(R1, R1_FOX, (p) => {
    p.guid = "";
  });
  both = editPlayer(both, R1_BOB, (p) => {
    p.guid = "  ";
  });
  const collided = expectRound(parseLines(R1_NAME, both));
  assert.deepEqual(collided.players.map((p) => p.guid), ["?"]);
  assert.equal(collided.players[0]!.name, "FoxTrot");
  expectOneRejection(collided, "duplicate_guid", 3);
});

Deno.test("§11.16 a duplicate GUID in one file keeps the first line and rejects the later one", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_BOB, (p) => {
      p.guid = FOX.toLowerCase(); // upper-cased → same GUID
    }),
  ));
  assert.equal(round.players.length, 1);
  assert.equal(round.players[0]!.name, "FoxTrot");
  assert.equal(round.players[0]!.line, 2);
  expectOneRejection(round, "duplicate_guid", 3);

  // A byte-identical duplicated line is rejected the same way.
  const dup = expectRound(parseLines(R1_NAME, [...R1, R1[R1_FOX]!]));
  expectOneRejection(dup, "duplicate_guid", 4);
  assert.equal(dup.players.length, 2);
});

Deno.test("§11.17 a [BOT] name marks a bot with GUID + 24 hex of SHA-256(clean name)", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.guid = "OMNIBOT0";
      p.name = "^1[BOT]^7Alpha";
    }),
  ));
  const bot = round.players.find((p) => p.isBot);
  assert.ok(bot);
  assert.equal(bot.name, "[BOT]Alpha");
  assert.equal(bot.writtenGuid, "OMNIBOT0");
  assert.equal(bot.guid, "OMNIBOT0" + sha24("[BOT]Alpha"));
  assert.equal(bot.guid.length, 32);
  assert.equal(round.botCount, 1);
  assert.equal(round.humanCount, 1);
  assert.equal(round.isBotRound, false, "1 bot vs 1 human is not a bot round");
  assert.equal(playerOf(round, BOB).isBot, false);

  // Case-insensitive and left-trimmed after colour stripping; a human GUID does not matter.
  const trimmed = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.name = "  ^3[bot]Beta";
    }),
  ));
  assert.equal(trimmed.botCount, 1);
  assert.ok(trimmed.players.find((p) => p.writtenGuid === FOX)!.isBot);
});

Deno.test("bot round: bots > 0 and (no humans or bots outnumber humans)", () => {
  const botLine = (guid: string, name: string) =>
    joinPlayerLine({ ...splitPlayerLine(R1[R1_FOX]!), guid, name });
  const twoBots = expectRound(parseLines(R1_NAME, [
    R1[0]!,
    botLine("OMNIBOT0", "[BOT]One"),
    botLine("OMNIBOT0", "[BOT]Two"),
    R1[R1_BOB]!,
  ]));
  assert.equal(twoBots.botCount, 2);
  assert.equal(twoBots.humanCount, 1);
  assert.equal(twoBots.isBotRound, true);

  const onlyBot = expectRound(parseLines(R1_NAME, [R1[0]!, botLine("OMNIBOT0", "[BOT]One")]));
  assert.equal(onlyBot.botCount, 1);
  assert.equal(onlyBot.humanCount, 0);
  assert.equal(onlyBot.isBotRound, true);

  const humans = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  assert.equal(humans.botCount, 0);
  assert.equal(humans.humanCount, 2);
  assert.equal(humans.isBotRound, false);
});

Deno.test("bots sharing a GUID prefix but with different names are two players", () => {
  const botLine = (name: string) =>
    joinPlayerLine({ ...splitPlayerLine(R1[R1_FOX]!), guid: "OMNIBOT0", name });
  const round = expectRound(
    parseLines(R1_NAME, [R1[0]!, botLine("[BOT]One"), botLine("^2[BOT]Two")]),
  );
  assert.deepEqual(rejections(round), []);
  assert.deepEqual(round.players.map((p) => p.guid), [
    "OMNIBOT0" + sha24("[BOT]One"),
    "OMNIBOT0" + sha24("[BOT]Two"),
  ]);
});

Deno.test("bots with the same name and GUID prefix collide: the later line is a duplicate_guid", () => {
  const botLine = (name: string) =>
    joinPlayerLine({ ...splitPlayerLine(R1[R1_FOX]!), guid: "OMNIBOT0", name });
  const round = expectRound(
    parseLines(R1_NAME, [R1[0]!, botLine("[BOT]One"), botLine("^3[BOT]^7One")]),
  );
  assert.equal(round.players.length, 1);
  expectOneRejection(round, "duplicate_guid", 3);
});

Deno.test("an OMNIBOT GUID marks a bot; without the [BOT] name it keeps the bare GUID and collides", () => {
  const line = (name: string, guid = "omnibot0") =>
    joinPlayerLine({ ...splitPlayerLine(R1[R1_FOX]!), guid, name });
  const round = expectRound(
    parseLines(R1_NAME, [R1[0]!, line("Alpha"), line("Beta"), R1[R1_BOB]!]),
  );
  const bot = round.players[0]!;
  assert.equal(bot.isBot, true);
  assert.equal(bot.guid, "OMNIBOT0");
  assert.equal(bot.name, "Alpha");
  expectOneRejection(round, "duplicate_guid", 3);
  assert.equal(round.botCount, 1);
  assert.equal(round.humanCount, 1);
});

Deno.test("the bot name pattern can be overridden; a raw name starting [BOT] still counts", () => {
  const line = (name: string, guid: string) =>
    joinPlayerLine({ ...splitPlayerLine(R1[R1_FOX]!), guid, name });
  const round = expectRound(parseLines(
    R1_NAME,
    [R1[0]!, line("BOT_x", "AAAAAAAA"), line("[BOT]y", "BBBBBBBB"), R1[R1_BOB]!],
    { botNamePattern: /^BOT_/ },
  ));
  const byName = new Map(round.players.map((p) => [p.name, p]));
  assert.equal(byName.get("BOT_x")!.isBot, true);
  assert.equal(byName.get("BOT_x")!.guid, "AAAAAAAA" + sha24("BOT_x"));
  assert.equal(byName.get("[BOT]y")!.isBot, true, "raw name starts with [BOT]");
  assert.equal(playerOf(round, BOB).isBot, false);
});

Deno.test("§11.18 a player with f22 = 0 gets 0 played seconds, a null DPM and a no_played_time warning", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.fields[22] = "0.0";
    }),
  ));
  const fox = playerOf(round, FOX);
  assert.equal(fox.metrics.playedSeconds, 0, "not the header duration");
  assert.equal(fox.metrics.dpm, null);
  assert.equal(fox.metrics.fragPotential, null);
  assert.equal(fox.metrics.timeAliveSeconds, 0);
  assert.equal(fox.metrics.kills, 8);
  const warnings = warningsWith(round, "no_played_time");
  assert.equal(warnings.length, 1);
  assert.equal(lineOf(warnings[0]!), 2);

  // Round 2 differential with a zero f22 delta: 0 s and no DPM either.
  const r1 = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  const r2 = expectRound(parseLines(
    R2_NAME,
    editPlayer(R2, R2_FOX, (p) => {
      p.fields[22] = "9.7";
    }),
  ));
  const only = expectRound(roundTwoOnly(r1, r2));
  const fox2 = playerOf(only, FOX);
  assert.equal(fox2.differential, "subtracted");
  assert.equal(fox2.metrics.playedSeconds, 0);
  assert.equal(fox2.metrics.dpm, null);
});

Deno.test("§11.19 a spectator line (team 3) is kept with team 3", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.team = "3";
    }),
  ));
  assert.equal(playerOf(round, FOX).team, 3);
  assert.deepEqual(warningsWith(round, "unknown_team"), []);
  assert.equal(round.players.length, 2);
});

Deno.test("a non-digit or out-of-range team reads as 0 with an unknown_team warning", () => {
  for (const team of ["4", "x", "", "-1", "1.0", "99999999999999999999"]) {
    const round = expectRound(parseLines(
      R1_NAME,
      editPlayer(R1, R1_FOX, (p) => {
        p.team = team;
      }),
    ));
    assert.equal(playerOf(round, FOX).team, 0, team);
    assert.equal(warningsWith(round, "unknown_team").length, 1, team);
    assert.deepEqual(rejections(round), [], team);
  }
});

Deno.test("§11.20 undecodable bytes in a name are dropped (G\\xE9od → God)", () => {
  const fox = R1[R1_FOX]!;
  const afterName = fox.slice(fox.indexOf("\\0\\2\\"));
  const bytes = bytesOf(
    R1[0]! + "\n" + FOX + "\\",
    [0x47, 0xe9, 0x6f, 0x64],
    afterName + "\n" + R1[R1_BOB]! + "\n",
  );
  const round = expectRound(parseStatsFile(R1_NAME, bytes));
  assert.equal(playerOf(round, FOX).rawName, "God");
  assert.equal(playerOf(round, FOX).name, "God");
  assert.equal(playerOf(round, FOX).metrics.kills, 8);

  // A truncated multi-byte sequence and a stray 0xFF vanish too; valid UTF-8 is kept.
  const mixed = bytesOf(
    R1[0]! + "\n" + FOX + "\\",
    [0xc3, 0x5a, 0xff],
    "é",
    afterName + "\n",
  );
  assert.equal(playerOf(expectRound(parseStatsFile(R1_NAME, mixed)), FOX).name, "Zé");
});

Deno.test("§11.21 CRLF and lone CR line ends parse exactly like LF", () => {
  const lf = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  for (const eol of ["\r\n", "\r"]) {
    const round = expectRound(parseStatsFile(R1_NAME, fileOf(R1, eol)));
    assert.deepEqual(round, lf, JSON.stringify(eol));
  }
  const mixed = encoder.encode(`${R1[0]}\r\n${R1[1]}\r${R1[2]}\n`);
  assert.deepEqual(expectRound(parseStatsFile(R1_NAME, mixed)), lf);
  const noFinalEol = encoder.encode(R1.join("\r\n"));
  assert.deepEqual(expectRound(parseStatsFile(R1_NAME, noFinalEol)), lf);
});

Deno.test("§11.22 a Round 2 with no Round 1 yet is an orphan; the nearest earlier Round 1 is chosen once present", () => {
  const r2 = fileName(R2_NAME);
  assert.equal(pickRoundOne(r2, []), null, "no candidate → orphan");
  assert.equal(
    pickRoundOne(r2, [fileName("2025-11-14-214500-etl_supply-round-1.txt")]),
    null,
    "a later Round 1 is not its partner",
  );
  assert.equal(
    pickRoundOne(r2, [fileName("2025-11-14-205300-etl_supply-round-1.txt")]),
    null,
    "45 min 45 s earlier is stale",
  );
  const nearest = pickRoundOne(r2, [
    fileName("2025-11-14-210000-etl_supply-round-1.txt"),
    fileName(R1_NAME),
    fileName("2025-11-14-213500-etl_frostbite-round-1.txt"),
    fileName("2025-11-14-213600-etl_supply-round-2.txt"),
    fileName("2025-11-14-215000-etl_supply-round-1.txt"),
  ]);
  assert.equal(nearest?.fileName, R1_NAME);
  // Exactly 45 minutes earlier is still inside the window; the midnight crossing is searched.
  assert.equal(
    pickRoundOne(r2, [fileName("2025-11-14-205345-etl_supply-round-1.txt")])?.fileName,
    "2025-11-14-205345-etl_supply-round-1.txt",
  );
  assert.equal(
    pickRoundOne(fileName("2025-11-15-001000-etl_supply-round-2.txt"), [
      fileName("2025-11-14-233500-etl_supply-round-1.txt"),
    ])?.fileName,
    "2025-11-14-233500-etl_supply-round-1.txt",
  );

  // Parsed before its Round 1 arrives, the Round 2 is raw cumulative; re-parsed with it, Round 2-only.
  const orphan = expectRound(parseStatsFile(R2_NAME, R2_BYTES));
  assert.equal(orphan.values, "cumulative");
  assert.equal(orphan.roundOne, null);
  assert.equal(playerOf(orphan, FOX).metrics.kills, 14);
  const repaired = expectRound(
    roundTwoOnly(expectRound(parseStatsFile(R1_NAME, R1_BYTES)), orphan),
  );
  assert.equal(repaired.values, "round_two_only");
  assert.equal(repaired.roundOne?.fileName, R1_NAME);
  assert.equal(playerOf(repaired, FOX).metrics.kills, 6);
});

Deno.test("§11.23 a replay pairs with the old Round 1 and a player whose counters drop falls back to Round 2 raw values", () => {
  // The replay's Round 1 is missing; the old Round 1 (38 min earlier) is the nearest candidate.
  const oldR1Name = "2025-11-14-210000-etl_supply-round-1.txt";
  const chosen = pickRoundOne(fileName(R2_NAME), [fileName(oldR1Name)]);
  assert.equal(chosen?.fileName, oldR1Name);
  const oldR1 = expectRound(parseStatsFile(oldR1Name, R1_BYTES));

  // New game: FoxTrot's cumulative counters are lower than in the old Round 1.
  const r2Lines = editPlayer(R2, R2_FOX, (p) => {
    p.weapons = ["8", "1", "5", "1", "0", "0"]; // Colt only: 1 kill
    p.fields[0] = "300";
    p.fields[1] = "200";
    p.fields[22] = "3.0";
  });
  const r2 = expectRound(parseLines(R2_NAME, r2Lines));
  const only = expectRound(roundTwoOnly(oldR1, r2));
  const fox = playerOf(only, FOX);
  assert.equal(fox.differential, "counter_reset_fallback");
  assert.deepEqual(fox.weapons, playerOf(r2, FOX).weapons, "weapons are the Round 2 raw values");
  assert.equal(fox.fields.damageGiven, 300);
  assert.equal(fox.fields.damageReceived, 200);
  assert.equal(fox.fields.timePlayedMinutes, 3);
  assert.equal(fox.metrics.kills, 1);
  assert.equal(fox.metrics.playedSeconds, 180);
  const resets = warningsWith(only, "counter_reset_fallback");
  assert.equal(resets.length, 1);
  assert.equal((resets[0] as { guid: string }).guid, FOX);
  // The other players are subtracted normally.
  assert.equal(playerOf(only, BOB).differential, "subtracted");
  assert.equal(playerOf(only, NEWBIE).differential, "not_in_round_one");
});

Deno.test("§11.23 one dropped counter (kills, deaths, damage given/received or f22) is enough for the fallback", () => {
  const r1 = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  // Fox R2 weapons: mask, Luger(2), Colt(3), MP40(4), Thompson(5), Grenade(11); tuple h s k d hs.
  const drops: Record<string, (p: PlayerLine) => void> = {
    kills: (p) => {
      // MP40 kills 5 → 0, Thompson kills 6 → 0: total 3 < 8
      p.weapons[1 + 2 * 5 + 2] = "0";
      p.weapons[1 + 3 * 5 + 2] = "0";
    },
    deaths: (p) => {
      // MP40 deaths 2 → 0, Thompson deaths 3 → 0: total 1 < 3
      p.weapons[1 + 2 * 5 + 3] = "0";
      p.weapons[1 + 3 * 5 + 3] = "0";
    },
    damageGiven: (p) => {
      p.fields[0] = "1873";
    },
    damageReceived: (p) => {
      p.fields[1] = "1310";
    },
    timePlayedMinutes: (p) => {
      p.fields[22] = "9.6";
    },
  };
  for (const [what, drop] of Object.entries(drops)) {
    const r2 = expectRound(parseLines(R2_NAME, editPlayer(R2, R2_FOX, drop)));
    const only = expectRound(roundTwoOnly(r1, r2));
    const fox = playerOf(only, FOX);
    assert.equal(fox.differential, "counter_reset_fallback", what);
    assert.deepEqual(fox.weapons, playerOf(r2, FOX).weapons, what);
    assert.equal(fox.fields.damageGiven, playerOf(r2, FOX).fields.damageGiven, what);
    assert.equal(playerOf(only, BOB).differential, "subtracted", what);
  }
});

Deno.test("§11.24 time dead above time played is clamped: time alive never negative, dead ratio ≤ 100", () => {
  const round = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.fields[25] = "20.0"; // 1200 s dead in 582 s played
      p.fields[24] = "206.2";
    }),
  ));
  const fox = playerOf(round, FOX);
  assert.equal(fox.metrics.playedSeconds, 582);
  assert.equal(fox.metrics.timeDeadSeconds, 1200);
  assert.equal(fox.metrics.timeAliveSeconds, 0);
  assert.equal(fox.metrics.timeDeadRatio, 100);
  assert.equal(fox.metrics.fragPotential, null);

  // The same clamp on Round 2-only values (f25 is per-round, f22 a 7.0-minute delta).
  const r1 = expectRound(parseStatsFile(R1_NAME, R1_BYTES));
  const r2 = expectRound(parseLines(
    R2_NAME,
    editPlayer(R2, R2_FOX, (p) => {
      p.fields[25] = "30.0";
    }),
  ));
  const fox2 = playerOf(expectRound(roundTwoOnly(r1, r2)), FOX);
  assert.equal(fox2.metrics.playedSeconds, 420);
  assert.equal(fox2.metrics.timeAliveSeconds, 0);
  assert.ok(fox2.metrics.timeDeadRatio <= 100);
  assert.equal(fox2.metrics.timeDeadRatio, 100);

  // And on aggregate totals (read time).
  const m = metricsOf({
    kills: 1,
    deaths: 1,
    headshots: 0,
    headshotKills: 0,
    hits: 1,
    shots: 2,
    damageGiven: 100,
    damageReceived: 100,
    playedSeconds: 60,
    timedDamageGiven: 100,
    timeDeadSeconds: 600,
  });
  assert.equal(m.timeAliveSeconds, 0);
  assert.equal(m.timeDeadRatio, 100);
  assert.equal(m.fragPotential, null);
});

// ---------------------------------------------------------------------------------------------
// Further decisions of the parser
// ---------------------------------------------------------------------------------------------

Deno.test("colour codes: only ^[0-9A-Za-z] is stripped, so ^^1x → ^x and ^? is kept", () => {
  const cases: [string, string][] = [
    ["^1Fox^7Trot", "FoxTrot"],
    ["^^1x", "^x"],
    ["//^?/M.Gekku", "//^?/M.Gekku"],
    ["^a^Zb^", "b^"],
    ["^^^^", "^^^^"],
    ["^1^2^3", ""],
  ];
  for (const [raw, clean] of cases) {
    const round = expectRound(parseLines(
      R1_NAME,
      editPlayer(R1, R1_FOX, (p) => {
        p.name = raw;
      }),
    ));
    assert.equal(playerOf(round, FOX).rawName, raw);
    assert.equal(playerOf(round, FOX).name, clean, raw);
  }
  const header = expectRound(parseStatsFile(R1_NAME, R1_BYTES)).header;
  assert.equal(header.serverName, "^1My ^7Stopwatch Server");
  assert.equal(header.serverNameClean, "My Stopwatch Server");
});

Deno.test("strict integer tokens: signs allowed, anything else in a weapon tuple is rejected", () => {
  const plus = expectRound(parseLines(
    R1_NAME,
    editPlayer(R1, R1_FOX, (p) => {
      p.weapons[1] = "+4";
      p.fields[0] = "+1874";
    }),
  ));
  assert.deepEqual(rejections(plus), []);
  assert.equal(playerOf(plus, FOX).weapons[0]!.hits, 4);
  assert.equal(playerOf(plus, FOX).fields.damageGiven, 1874);
  for (const token of ["12abc", "4.", ".4", "+", "-", "4e0", "Infinity", "NaN"]) {
    const round = expectRound(parseLines(
      R1_NAME,
      editPlayer(R1, R1_FOX, (p) => {
        p.weapons[1] = token;
      }),
    ));
    expectOneRejection(round, "invalid_weapon_token", 2);
  }
});

Deno.test("the round number comes from the file name, not header field 3", () => {
  const round = expectRound(parseLines(R1_NAME, editHeader(R1, 3, "2")));
  assert.equal(round.file.round, 1);
  assert.equal(round.values, "single_round");
  assert.equal(round.header.headerRound, 2);
  assert.equal(warningsWith(round, "header_round_mismatch").length, 1);
  const asR2 = expectRound(parseStatsFile("2025-11-14-213012-etl_supply-round-2.txt", R1_BYTES));
  assert.equal(asR2.file.round, 2);
  assert.equal(asR2.values, "cumulative");
});

Deno.test("sidecar files are ignored_file; other names are invalid_file_name", () => {
  const ignored: [string, string][] = [
    ["2025-11-14-213012-etl_supply-round-1_ws.txt", "weapon_stats_sidecar"],
    ["2025-11-14-213012-etl_supply-round-2-endstats.txt", "endstats"],
    ["2025-11-14-213012-etl_supply-round-1_engagements.txt", "engagements"],
    ["gametime-etl_supply-R1-1763152212.json", "gametime"],
  ];
  for (const [name, kind] of ignored) {
    const error = expectError(parseStatsFile(name, R1_BYTES), "ignored_file");
    assert.equal(error.kind, kind, name);
    assert.equal(error.fileName, name);
  }
  const invalid = [
    "",
    "notes.txt",
    "2025-11-14-213012-etl_supply-round-1.txt.bak",
    "2025-11-14-213012-etl_supply-round-0.txt",
    "2025-11-14-213012-etl_supply-round-11.txt",
    "2019-11-14-213012-etl_supply-round-1.txt",
    "2025-13-14-213012-etl_supply-round-1.txt",
    "2025-11-14-246012-etl_supply-round-1.txt",
    "2025-11-14-213012-etl supply-round-1.txt",
    "2025-11-14-213012-../x-round-1.txt",
    "dir/2025-11-14-213012-etl_supply-round-1.txt",
    `2025-11-14-213012-${"m".repeat(51)}-round-1.txt`,
  ];
  for (const name of invalid) {
    expectError(parseStatsFile(name, R1_BYTES), "invalid_file_name");
  }
  // Maps may contain - . + and digits.
  const odd = expectRound(
    parseStatsFile("2025-11-14-213012-te-escape2.v1+b-round-1.txt", R1_BYTES),
  );
  assert.equal(odd.file.map, "te-escape2.v1+b");
  assert.equal(warningsWith(odd, "header_map_mismatch").length, 1);
});

Deno.test("lines without a backslash are skipped; blank lines silently", () => {
  const round = expectRound(
    parseLines(R1_NAME, [R1[0]!, "", R1[R1_FOX]!, "   ", "junk", R1[R1_BOB]!]),
  );
  assert.equal(round.players.length, 2);
  assert.deepEqual(rejections(round), []);
  const skipped = warningsWith(round, "line_without_fields");
  assert.deepEqual(skipped.map(lineOf), [5]);
  assert.deepEqual(round.players.map((p) => p.line), [3, 6]);
});
