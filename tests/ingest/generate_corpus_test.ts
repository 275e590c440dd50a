/** The corpus generator: determinism, exact writer format, and truth the project's parser recovers. */
import { roundTwoOnlyAll } from "../helpers/round_two_only_all.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import {
  localSeconds,
  parseStatsFileName,
  type StatsFileName,
} from "../../domain/stats_file_name.ts";
import {
  type CorpusFileTruth,
  type CorpusPlayerTruth,
  generateCorpus,
} from "../../ingest/corpus/generate_corpus.ts";
import { runScript } from "../helpers/run_cli.ts";
import { TRUTH_FIELDS } from "../helpers/truth_fields.ts";

const PLAYED_TOLERANCE_SECONDS = 6;
const SESSION_GAP_SECONDS = 60 * 60;
const ROUND_MATCH_WINDOW_SECONDS = 45 * 60;

const OPTIONS = { sessions: 5, mapsPerSession: 8, seed: 2024, noise: true } as const;
const corpus = generateCorpus(OPTIONS);
const { truth } = corpus;
const encoder = new TextEncoder();
const texts = new Map(corpus.files.map((f) => [f.name, f.text]));

/** Parses every stats file and turns each Round 2 into Round 2-only numbers via its picked R1. */
function parseCorpus() {
  const raw = new Map<string, ParsedRound>();
  const ignored: string[] = [];
  for (const file of corpus.files) {
    const result = parseStatsFile(file.name, encoder.encode(file.text));
    if (!result.ok) {
      if (result.error.code === "ignored_file") {
        ignored.push(file.name);
        continue;
      }
      throw new Error(`${file.name}: ${result.error.message}`);
    }
    raw.set(file.name, result.value);
  }
  const rounds = roundTwoOnlyAll(raw);
  return { raw, rounds, ignored };
}
const { raw, rounds, ignored } = parseCorpus();

const truthValue = (player: CorpusPlayerTruth, key: string) =>
  (player as unknown as Record<string, number>)[key];

Deno.test("generateCorpus: the same options give identical output, another seed differs", () => {
  const again = generateCorpus(OPTIONS);
  assert.deepEqual(again, corpus);
  const other = generateCorpus({ ...OPTIONS, seed: 2025 });
  assert.notDeepEqual(
    other.files.map((f) => f.text),
    corpus.files.map((f) => f.text),
  );
  const defaults = generateCorpus({ sessions: 2 });
  assert.deepEqual(defaults.truth.sessions.map((s) => s.maps.length), [6, 6]);
  assert.equal(Object.keys(defaults.truth.files[0]!.players).length, 12);
  assert.equal(defaults.truth.seed, 1);
});

Deno.test("generateCorpus: invalid options throw RangeError", () => {
  assert.throws(() => generateCorpus({ sessions: 0 }), RangeError);
  assert.throws(() => generateCorpus({ sessions: 1.5 }), RangeError);
  assert.throws(() => generateCorpus({ sessions: 1, playersPerTeam: 0 }), RangeError);
  assert.throws(() => generateCorpus({ sessions: 1, start: "2025-02-30" }), RangeError);
  assert.throws(() => generateCorpus({ sessions: 3, start: "2035-12-30" }), RangeError);
  assert.throws(() => generateCorpus({ sessions: 1, start: "2019-12-30" }), RangeError);
});

Deno.test("generateCorpus: files are in the writer's exact byte format", () => {
  const int = /^\d+$/;
  const float = /^\d+\.\d$/;
  const floatFields = new Set([8, 21, 22, 23, 24, 25, 26]);
  for (const file of truth.files) {
    const text = texts.get(file.file)!;
    assert.ok(text.endsWith("\n") && !text.includes("\r"), file.file);
    const lines = text.slice(0, -1).split("\n");
    const header = lines[0]!.split("\\");
    assert.equal(header.length, 9, file.file);
    assert.deepEqual(header.slice(0, 4), [
      "^1ET^7Legacy ^3Stopwatch",
      file.map,
      "etl_stopwatch",
      String(file.round),
    ]);
    assert.match(header[6]!, /^\d+:\d\d$/);
    assert.match(header[7]!, /^\d+:\d\d$/);
    assert.match(header[8]!, /^\d{5,}$/);
    const guids = lines.slice(1).map((line) => {
      const tab = line.indexOf("\t");
      const prefix = line.slice(0, tab).split("\\");
      assert.equal(prefix.length, 5, line);
      const [guid, name, sessionRounds, team, weapons] = prefix as [
        string,
        string,
        string,
        string,
        string,
      ];
      assert.match(guid, /^[0-9A-F]{8}$/);
      assert.ok(!name.startsWith("[BOT]") && name.length > 0, name);
      assert.match(sessionRounds, /^[01]$/);
      assert.match(team, /^[12]$/);
      assert.ok(weapons.endsWith(" "), "the weapon section ends with a space before the TAB");
      const tokens = weapons.trim().split(" ").map(Number);
      const mask = tokens[0]!;
      const ids = [...Array(28).keys()].filter((id) => mask & (1 << id));
      assert.equal(tokens.length, 1 + 5 * ids.length, line);
      for (let i = 0; i < ids.length; i++) {
        const [hits, shots, kills, deaths, heads] = tokens.slice(1 + 5 * i, 6 + 5 * i) as [
          number,
          number,
          number,
          number,
          number,
        ];
        assert.ok(hits + shots + kills + deaths > 0, `${line}: a set bit has activity`);
        assert.ok(hits <= shots && heads <= hits, `${line}: hits ≤ shots, heads ≤ hits`);
      }
      const fields = line.slice(tab + 1).split("\t");
      assert.equal(fields.length, 38, line);
      fields.forEach((value, i) => assert.match(value, floatFields.has(i) ? float : int, line));
      const shots = ids.reduce((sum, _, i) => sum + tokens[2 + 5 * i]!, 0);
      assert.equal(Number(fields[20]), shots, "f20 = Σ shots");
      return guid;
    });
    assert.equal(new Set(guids).size, guids.length, `${file.file}: GUIDs unique`);
  }
});

Deno.test("generateCorpus: every file parses without warnings; sidecars are ignored", () => {
  assert.equal(raw.size, truth.files.length);
  assert.ok(ignored.length > 0, "noise adds sidecars");
  assert.ok(ignored.some((n) => n.endsWith("-endstats.txt")));
  assert.ok(ignored.some((n) => n.endsWith("_ws.txt")));
  for (const name of ignored) assert.ok(!truth.files.some((f) => f.file === name));
  for (const file of truth.files) {
    assert.deepEqual(raw.get(file.file)!.warnings, [], file.file);
    assert.deepEqual(rounds.get(file.file)!.warnings, [], file.file);
    assert.equal(raw.get(file.file)!.humanCount, Object.keys(file.players).length);
  }
});

Deno.test("generateCorpus: every Round 2 pairs with the Round 1 the truth names", () => {
  for (const file of truth.files.filter((f) => f.round === 2)) {
    assert.equal(rounds.get(file.file)?.roundOne?.fileName, file.r1, file.file);
  }
});

Deno.test("generateCorpus: counters after the differential equal the truth exactly", () => {
  for (const file of truth.files) {
    const round = rounds.get(file.file)!;
    assert.deepEqual(
      round.players.map((p) => p.guid).sort(),
      Object.keys(file.players).sort(),
      file.file,
    );
    for (const player of round.players) {
      const expected = file.players[player.guid]!;
      const where = `${file.file} ${player.guid}`;
      assert.equal(player.metrics.kills, expected.kills, `${where} kills`);
      assert.equal(player.metrics.deaths, expected.deaths, `${where} deaths`);
      assert.equal(player.metrics.headshots, expected.headshots, `${where} headshots`);
      assert.equal(player.team, expected.team, `${where} team`);
      for (const [truthKey, fieldKey] of Object.entries(TRUTH_FIELDS)) {
        assert.equal(
          player.fields[fieldKey],
          truthValue(expected, truthKey),
          `${where} ${truthKey}`,
        );
      }
      const weapons = Object.fromEntries(
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
      assert.deepEqual(weapons, expected.weapons, `${where} weapons`);
      const played = Math.abs(player.metrics.playedSeconds - expected.played_ms / 1000);
      const dead = Math.abs(player.metrics.timeDeadSeconds - expected.dead_ms / 1000);
      assert.ok(played <= PLAYED_TOLERANCE_SECONDS, `${where} played off by ${played} s`);
      assert.ok(dead <= PLAYED_TOLERANCE_SECONDS, `${where} dead off by ${dead} s`);
      assert.equal(expected.time_played_seconds, Math.floor(expected.played_ms / 1000));
      assert.equal(expected.alive_ms + expected.dead_ms, expected.played_ms);
    }
  }
});

Deno.test("generateCorpus: Round 2 files are cumulative; leavers and substitutes occur", () => {
  let leavers = 0;
  let substitutes = 0;
  let subtracted = 0;
  for (const file of truth.files.filter((f) => f.round === 2)) {
    const roundOne = truth.files.find((f) => f.file === file.r1)!;
    const roundTwo = rounds.get(file.file)!;
    for (const player of roundTwo.players) {
      const inRoundOne = player.guid in roundOne.players;
      assert.equal(
        player.differential,
        inRoundOne ? "subtracted" : "not_in_round_one",
        `${file.file} ${player.guid}`,
      );
      if (inRoundOne) {
        subtracted++;
        // The file holds R1 + R2 for class C fields and every weapon tuple.
        const cumulative = raw.get(file.file)!.players.find((p) => p.guid === player.guid)!;
        const before = roundOne.players[player.guid]!;
        assert.equal(
          cumulative.fields.damageGiven,
          before.damage_given + file.players[player.guid]!.damage_given,
        );
        assert.equal(cumulative.metrics.kills, before.kills + file.players[player.guid]!.kills);
        assert.equal(cumulative.sessionRounds, 1);
      } else {
        substitutes++;
        assert.equal(
          raw.get(file.file)!.players.find((p) => p.guid === player.guid)!.sessionRounds,
          0,
        );
      }
    }
    leavers += Object.keys(roundOne.players).filter((g) => !(g in file.players)).length;
  }
  assert.ok(subtracted > 0 && leavers > 0 && substitutes > 0, `${leavers} / ${substitutes}`);
});

Deno.test("generateCorpus: numbers are consistent between the sides of each round", () => {
  for (const file of truth.files) {
    const players = Object.values(file.players);
    const side = (team: number) => players.filter((p) => p.team === team);
    const sum = (list: CorpusPlayerTruth[], key: keyof CorpusPlayerTruth) =>
      list.reduce((total, p) => total + (p[key] as number), 0);
    for (const team of [1, 2]) {
      const mine = side(team);
      const theirs = side(3 - team);
      assert.equal(
        sum(mine, "deaths"),
        sum(theirs, "kills") + sum(mine, "self_kills") + sum(mine, "team_kills"),
        `${file.file}: deaths of side ${team}`,
      );
      assert.equal(sum(mine, "damage_received"), sum(theirs, "damage_given"), file.file);
      assert.equal(sum(mine, "revives_given"), sum(mine, "times_revived"), file.file);
    }
    for (const p of players) {
      assert.ok(p.played_ms > 0 && p.dead_ms < p.played_ms, file.file);
      assert.ok(p.headshot_kills <= p.kills && p.gibs <= p.kills, file.file);
      assert.ok(p.useful_kills + p.useless_kills <= p.kills, file.file);
      for (const w of Object.values(p.weapons)) {
        assert.ok(w.hits <= w.shots && w.headshots <= w.hits, file.file);
      }
    }
  }
});

Deno.test("generateCorpus: session structure and file order", () => {
  const seconds = (name: string) => localSeconds(nameOf(name));
  assert.deepEqual(truth.sessions.flatMap((s) => s.files), truth.files.map((f) => f.file));
  assert.equal(truth.sessions.length, OPTIONS.sessions);
  let previousEnd: number | null = null;
  for (const session of truth.sessions) {
    assert.equal(session.maps.length, OPTIONS.mapsPerSession);
    assert.deepEqual(session.maps.flatMap((m) => [m.r1, m.r2]), session.files);
    const times = session.files.map(seconds);
    if (previousEnd !== null) {
      assert.ok(times[0]! - previousEnd > SESSION_GAP_SECONDS, "sessions are apart");
      assert.ok(times[0]! - previousEnd >= 24 * 3600, "sessions are at least a day apart");
    }
    for (let i = 1; i < times.length; i++) {
      assert.ok(times[i]! > times[i - 1]!, `${session.files[i]} after its predecessor`);
      assert.ok(times[i]! - times[i - 1]! <= SESSION_GAP_SECONDS, `${session.files[i]} gap`);
    }
    for (const map of session.maps) {
      const gap = seconds(map.r2!) - seconds(map.r1);
      assert.ok(gap > 0 && gap <= ROUND_MATCH_WINDOW_SECONDS, `${map.r2} within 45 min`);
      assert.equal(nameOf(map.r1).map, map.map);
      assert.equal(nameOf(map.r2!).map, map.map);
    }
    previousEnd = times.at(-1)!;
  }
  // Hand-over between truth and names: every truth file's map and round match its name.
  for (const file of truth.files) {
    const name = nameOf(file.file);
    assert.equal(name.map, file.map);
    assert.equal(name.round, file.round);
  }
});

function nameOf(fileName: string): StatsFileName {
  const name = parseStatsFileName(fileName);
  if (!name.ok) throw new Error(name.error.message);
  return name.value;
}

/** The side most of a roster played on in a round. */
function rosterSide(file: CorpusFileTruth, roster: readonly string[]): number {
  const votes = [0, 0, 0];
  for (const guid of roster) {
    const team = file.players[guid]?.team;
    if (team === 1 || team === 2) votes[team]!++;
  }
  assert.notEqual(votes[1], votes[2], `${file.file}: roster side is clear`);
  return votes[1]! > votes[2]! ? 1 : 2;
}

Deno.test("generateCorpus: map winners agree with the headers and the stopwatch rules", () => {
  const outcomes = new Set<string>();
  for (const map of truth.sessions.flatMap((s) => s.maps)) {
    const one = raw.get(map.r1)!.header;
    const two = raw.get(map.r2!)!.header;
    const r1 = truth.files.find((f) => f.file === map.r1)!;
    const r2 = truth.files.find((f) => f.file === map.r2)!;
    const aSide1 = rosterSide(r1, map.team_a!);
    const aSide2 = rosterSide(r2, map.team_a!);
    assert.notEqual(aSide1, one.defenderTeam, `${map.r1}: team A attacks in Round 1`);
    assert.equal(rosterSide(r1, map.team_b!), one.defenderTeam);
    assert.equal(aSide2, 3 - aSide1, `${map.r2}: sides swap`);
    assert.equal(two.defenderTeam, one.defenderTeam, "the map's defending side is fixed");
    assert.equal(one.scoreConfidence, "verified_header");
    assert.equal(two.scoreConfidence, "verified_header");

    assert.equal(map.r1_completed, one.winnerTeam !== one.defenderTeam);
    assert.equal(map.r2_completed, two.winnerTeam !== two.defenderTeam);
    assert.equal(map.r1_seconds, one.nextTimeLimitSeconds);
    assert.equal(map.r1_seconds, Math.trunc(one.playtimeSeconds!));
    assert.equal(map.r2_seconds, two.nextTimeLimitSeconds);
    assert.equal(map.r2_seconds, Math.trunc(two.playtimeSeconds!));
    // Round 2's limit is Round 1's clock: the set time, or the full limit after a fullhold.
    assert.equal(two.timeLimitSeconds, one.nextTimeLimitSeconds);
    if (!map.r1_completed) assert.equal(one.nextTimeLimitSeconds, one.timeLimitSeconds);
    else assert.ok(one.nextTimeLimitSeconds! < one.timeLimitSeconds!);
    if (map.r2_completed) assert.ok(two.nextTimeLimitSeconds! < two.timeLimitSeconds!);
    else assert.equal(two.nextTimeLimitSeconds, two.timeLimitSeconds);

    if (map.winner === "tie") {
      assert.equal(one.winnerTeam, one.defenderTeam, `${map.r1}: R1 fullhold`);
      assert.equal(two.winnerTeam, two.defenderTeam, `${map.r2}: R2 fullhold`);
    } else {
      const winnerSide = map.winner === "A" ? aSide2 : 3 - aSide2;
      assert.equal(two.winnerTeam, winnerSide, `${map.r2}: header winner is the map winner`);
      assert.ok(!(one.winnerTeam === one.defenderTeam && two.winnerTeam === two.defenderTeam));
    }
    outcomes.add(String(map.winner));
  }
  assert.deepEqual([...outcomes].sort(), ["A", "B", "tie"]);
});

Deno.test("gen_corpus_cli writes the files and truth.json, and rejects bad arguments", async () => {
  const dir = await Deno.makeTempDir();
  const permissions = ["--allow-read", "--allow-write"];
  try {
    const out = join(dir, "nested", "corpus");
    const run = await runScript(
      "ingest/corpus/gen_corpus_cli.ts",
      ["--sessions", "1", "--maps", "2", "--seed", "3", "--out", out],
      { permissions },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^wrote 4 files \+ truth\.json .*1 sessions, 2 maps, \d+ players in/);
    const expected = generateCorpus({ sessions: 1, mapsPerSession: 2, seed: 3 });
    const written = [...Deno.readDirSync(out)].map((e) => e.name).sort();
    assert.deepEqual(written, [...expected.files.map((f) => f.name), "truth.json"].sort());
    for (const file of expected.files) {
      assert.deepEqual(Deno.readFileSync(join(out, file.name)), encoder.encode(file.text));
    }
    assert.deepEqual(JSON.parse(Deno.readTextFileSync(join(out, "truth.json"))), expected.truth);

    for (
      const args of [
        ["--sessions", "0", "--out", out],
        ["--sessions", "x", "--out", out],
        ["--sessions", "1"],
        ["--out", out],
        ["--sessions", "1", "--out", out, "--bogus"],
        ["--sessions", "1", "--out", out, "--start", "2025-13-01"],
        ["--sessions", "1", "--out"],
      ]
    ) {
      const bad = await runScript("ingest/corpus/gen_corpus_cli.ts", args, { permissions });
      assert.equal(bad.code, 2, `${args.join(" ")}: ${bad.stderr}`);
      assert.match(bad.stderr, /usage: deno task gen:corpus/);
    }
    const help = await runScript("ingest/corpus/gen_corpus_cli.ts", ["--help"], { permissions });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: deno task gen:corpus/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
