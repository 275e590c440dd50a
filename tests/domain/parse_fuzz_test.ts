/**
 * Property test: random mutations of valid stats files never make the parser throw, and whatever it
 * returns satisfies the published zod schemas (a round's JSON form, or a typed parse error). Mutated
 * Round 2 files are also run through the differential with their valid Round 1 (and vice versa).
 *
 * Deterministic: iteration i draws from mulberry32(mix(seed, i)), so any single iteration can be
 * replayed on its own:
 *
 *   FUZZ_SEED=<seed> FUZZ_ONLY=<i> deno test -A tests/domain/parse_fuzz_test.ts
 *
 * FUZZ_ITERATIONS overrides the iteration count (default 10000).
 */
import { concatBytes } from "../helpers/bytes.ts";
import assert from "node:assert/strict";
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import { pickRoundOne } from "../../domain/pick_round_one.ts";
import { roundTwoOnly } from "../../domain/round_two_only.ts";
import { parsedRoundSchema, parseErrorSchema } from "../../domain/schemas.ts";
import { parseStatsFileName, type StatsFileName } from "../../domain/stats_file_name.ts";

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

const DEFAULT_SEED = 0x5eed_e71;
const DEFAULT_ITERATIONS = 10_000;

function envNumber(name: string): number | null {
  let text: string | undefined;
  try {
    text = Deno.env.get(name);
  } catch {
    return null; // no --allow-env: use the defaults
  }
  if (text === undefined || text.trim() === "") return null;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name}=${text} is not an integer`);
  }
  return value;
}

const SEED = envNumber("FUZZ_SEED") ?? DEFAULT_SEED;
const ITERATIONS = envNumber("FUZZ_ITERATIONS") ?? DEFAULT_ITERATIONS;
const ONLY = envNumber("FUZZ_ONLY");

// ---------------------------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for fuzzing. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent stream per iteration, so one iteration replays without the ones before it. */
function iterationSeed(seed: number, iteration: number): number {
  let h = (seed ^ Math.imul(iteration + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Seed files (read once; the fixtures are copies, nothing under /work/shared is read)
// ---------------------------------------------------------------------------------------------

interface SeedFile {
  name: string;
  bytes: Uint8Array;
  file: StatsFileName;
  parsed: ParsedRound;
}

const FIXTURES = new URL("../fixtures/", import.meta.url);

function loadSeeds(): SeedFile[] {
  const seeds: SeedFile[] = [];
  for (const dir of ["samples/clean/", "samples/edge/", "worked_example/"]) {
    const url = new URL(dir, FIXTURES);
    const names = [...Deno.readDirSync(url)]
      .filter((e) => e.isFile && e.name.endsWith(".txt"))
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const bytes = Deno.readFileSync(new URL(name, url));
      const file = parseStatsFileName(name);
      const parsed = parseStatsFile(name, bytes);
      if (!file.ok || !parsed.ok) throw new Error(`seed ${dir}${name} does not parse`);
      seeds.push({ name, bytes, file: file.value, parsed: parsed.value });
    }
  }
  return seeds;
}

const SEEDS = loadSeeds();

/** Round partner of every seed that has one: R2 → its Round 1, R1 → a Round 2 that picks it. */
function partnersOf(seeds: readonly SeedFile[]): Map<string, SeedFile> {
  const partners = new Map<string, SeedFile>();
  const byName = new Map(seeds.map((s) => [s.name, s]));
  const roundOnes = seeds.filter((s) => s.file.round === 1).map((s) => s.file);
  for (const seed of seeds) {
    if (seed.file.round !== 2) continue;
    const one = pickRoundOne(seed.file, roundOnes);
    if (!one) continue;
    const r1 = byName.get(one.fileName)!;
    partners.set(seed.name, r1);
    if (!partners.has(r1.name)) partners.set(r1.name, seed);
  }
  return partners;
}

const PARTNERS = partnersOf(SEEDS);

// ---------------------------------------------------------------------------------------------
// Byte helpers
// ---------------------------------------------------------------------------------------------

const TAB = 0x09, LF = 0x0a, CR = 0x0d, SPACE = 0x20, BACKSLASH = 0x5c;
const encoder = new TextEncoder();

const concat = concatBytes;

function splitOn(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === separator) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  parts.push(bytes.subarray(start));
  return parts;
}

function joinOn(parts: readonly Uint8Array[], separator: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(Uint8Array.of(separator));
    pieces.push(part);
  });
  return concat(pieces);
}

function positionsOf(bytes: Uint8Array, value: number): number[] {
  const at: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) at.push(i);
  return at;
}

function splice(bytes: Uint8Array, start: number, deleteCount: number, insert: Uint8Array) {
  return concat([bytes.subarray(0, start), insert, bytes.subarray(start + deleteCount)]);
}

/** Runs of number-ish bytes (digits, sign, dot): the tokens worth replacing by odd numbers. */
function numberRuns(bytes: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i]! : -1;
    const numeric = (b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x2d || b === 0x2b;
    if (numeric && start < 0) start = i;
    if (!numeric && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/** Printable ASCII as is; `\` doubled; TAB/CR/LF as \t \r \n; every other byte as \xNN. */
function escapeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === BACKSLASH) out += "\\\\";
    else if (b === TAB) out += "\\t";
    else if (b === LF) out += "\\n";
    else if (b === CR) out += "\\r";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + b.toString(16).padStart(2, "0");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

const ODD_NUMBERS = [
  "99999999999999999999",
  "2147483648",
  "2147483647",
  "2147483647.0",
  "2147483648.0",
  "4294967296",
  "9007199254740993",
  "-1",
  "-1.0",
  "-2147483649",
  "-0",
  "+0",
  "+7",
  "0",
  "0.0",
  "1e309",
  "-1e309",
  "1e3",
  "NaN",
  "Infinity",
  "0x1F",
  "1.5",
  ".5",
  "5.",
  "00000000000000000001",
  "9".repeat(400),
  "",
  " ",
  "١٢",
];

const ODD_BYTES = [0x00, 0xff, BACKSLASH, TAB, CR, LF, SPACE, 0x5e, 0x2e, 0x2d, 0x2b, 0x3a, 0x80];

const INVALID_UTF8: readonly number[][] = [
  [0xc3],
  [0xe9],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xed, 0xa0, 0x80],
  [0xc0, 0x80],
  [0xef, 0xbb, 0xbf],
  [0xef, 0xbf, 0xbd],
  [0xf4, 0x90, 0x80, 0x80],
];

const ODD_NAMES = [
  "",
  "\\",
  "a\\b",
  "\\\\\\",
  "a\tb",
  "^^1x",
  "//^?/M.Gekku",
  "[BOT]Alpha",
  "^1[bot]^7Beta",
  "  [BOT]",
  "^",
  "\r",
  "é ü ß",
];

const ODD_GUIDS = ["", " ", "OMNIBOT0", "omnibot1", "3f2a9c1d", "?", "\\", "ABCDEFGH12345"];

const OTHER_FILE_NAMES = [
  "2025-11-14-213012-etl_supply-round-1_ws.txt",
  "2025-11-14-213012-etl_supply-round-2-endstats.txt",
  "2025-11-14-213012-etl_supply-round-1_engagements.txt",
  "gametime-etl_supply-R1-1763152212.json",
  "2025-11-14-213012-etl_supply-round-3.txt",
  "2025-11-14-213012-etl_supply-round-0.txt",
  "2025-11-14-213012-round-1.txt",
  "2025-02-30-000000-a-round-2.txt",
  "2025-11-14-213012-etl supply-round-1.txt",
  "x.txt",
  "",
];

interface Mutated {
  name: string;
  bytes: Uint8Array;
}

type Mutation = (input: Mutated, rng: Rng) => { out: Mutated; label: string };

function withBytes(input: Mutated, bytes: Uint8Array): Mutated {
  return { name: input.name, bytes };
}

/** Replaces part `index` of line `line` split on `separator` (no-op when it does not exist). */
function replacePart(
  bytes: Uint8Array,
  line: number,
  separator: number,
  index: (count: number) => number,
  value: (old: Uint8Array) => Uint8Array,
): { bytes: Uint8Array; where: string } {
  const lines = splitOn(bytes, LF);
  const target = lines[line];
  if (target === undefined) return { bytes, where: "none" };
  const parts = splitOn(target, separator);
  const i = index(parts.length);
  const old = parts[i];
  if (old === undefined) return { bytes, where: "none" };
  parts[i] = value(old);
  lines[line] = joinOn(parts, separator);
  return { bytes: joinOn(lines, LF), where: `line ${line} part ${i}` };
}

const MUTATIONS: readonly { weight: number; name: string; run: Mutation }[] = [
  {
    weight: 6,
    name: "truncate",
    run: (input, rng) => {
      const at = rng.int(input.bytes.length + 1);
      return { out: withBytes(input, input.bytes.slice(0, at)), label: `truncate@${at}` };
    },
  },
  {
    weight: 4,
    name: "deleteLine",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const i = rng.int(lines.length);
      lines.splice(i, 1);
      return { out: withBytes(input, joinOn(lines, LF)), label: `deleteLine ${i}` };
    },
  },
  {
    weight: 4,
    name: "duplicateLine",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const from = rng.int(lines.length);
      const to = rng.int(lines.length + 1);
      lines.splice(to, 0, lines[from]!);
      return { out: withBytes(input, joinOn(lines, LF)), label: `duplicateLine ${from}→${to}` };
    },
  },
  {
    weight: 3,
    name: "swapLines",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const a = rng.int(lines.length), b = rng.int(lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return { out: withBytes(input, joinOn(lines, LF)), label: `swapLines ${a},${b}` };
    },
  },
  {
    weight: 6,
    name: "swapTokens",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const l = rng.int(lines.length);
      const separator = rng.pick([TAB, SPACE, BACKSLASH]);
      const parts = splitOn(lines[l]!, separator);
      const a = rng.int(parts.length), b = rng.int(parts.length);
      [parts[a], parts[b]] = [parts[b]!, parts[a]!];
      lines[l] = joinOn(parts, separator);
      return {
        out: withBytes(input, joinOn(lines, LF)),
        label: `swapTokens line ${l} sep ${separator} ${a},${b}`,
      };
    },
  },
  {
    weight: 3,
    name: "swapFieldAcrossLines",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const a = rng.int(lines.length), b = rng.int(lines.length);
      const separator = rng.pick([TAB, BACKSLASH]);
      const pa = splitOn(lines[a]!, separator), pb = splitOn(lines[b]!, separator);
      const k = rng.int(Math.min(pa.length, pb.length));
      [pa[k], pb[k]] = [pb[k]!, pa[k]!];
      lines[a] = joinOn(pa, separator);
      lines[b] = joinOn(pb, separator);
      return {
        out: withBytes(input, joinOn(lines, LF)),
        label: `swapField ${k} sep ${separator} lines ${a},${b}`,
      };
    },
  },
  {
    weight: 6,
    name: "insertByte",
    run: (input, rng) => {
      const at = rng.int(input.bytes.length + 1);
      const b = rng.chance(0.6) ? rng.pick(ODD_BYTES) : rng.int(256);
      return {
        out: withBytes(input, splice(input.bytes, at, 0, Uint8Array.of(b))),
        label: `insert 0x${b.toString(16)}@${at}`,
      };
    },
  },
  {
    weight: 6,
    name: "overwriteByte",
    run: (input, rng) => {
      if (input.bytes.length === 0) return { out: input, label: "overwrite (empty)" };
      const at = rng.int(input.bytes.length);
      const b = rng.chance(0.6) ? rng.pick(ODD_BYTES) : rng.int(256);
      const bytes = input.bytes.slice();
      bytes[at] = b;
      return { out: withBytes(input, bytes), label: `overwrite 0x${b.toString(16)}@${at}` };
    },
  },
  {
    weight: 3,
    name: "deleteRange",
    run: (input, rng) => {
      const at = rng.int(input.bytes.length + 1);
      const n = 1 + rng.int(rng.chance(0.5) ? 3 : 60);
      return {
        out: withBytes(input, splice(input.bytes, at, n, new Uint8Array())),
        label: `delete ${n}@${at}`,
      };
    },
  },
  {
    weight: 8,
    name: "oddNumber",
    run: (input, rng) => {
      const runs = numberRuns(input.bytes);
      if (runs.length === 0) return { out: input, label: "oddNumber (none)" };
      const [start, end] = rng.pick(runs);
      const value = rng.pick(ODD_NUMBERS);
      return {
        out: withBytes(input, splice(input.bytes, start, end - start, encoder.encode(value))),
        label: `number@${start} → ${JSON.stringify(value.length > 30 ? "9×400" : value)}`,
      };
    },
  },
  {
    weight: 2,
    name: "maxLine",
    run: (input, rng) => {
      // Every number of one line at the same extreme value (sums, ratios, recomputations).
      const lines = splitOn(input.bytes, LF);
      const l = 1 + rng.int(Math.max(1, lines.length - 1));
      const line = lines[l];
      if (line === undefined) return { out: input, label: "maxLine (none)" };
      const value = rng.pick(["2147483647", "2147483647.0", "1000000000", "0", "1"]);
      const text = new TextDecoder().decode(line);
      const tab = text.indexOf("\t");
      if (tab < 0) return { out: input, label: "maxLine (no TAB)" };
      const prefix = text.slice(0, tab).split("\\");
      const weapons = prefix.pop()!.trim().split(" ");
      // Keep the mask so the token count stays right; every tuple value and field becomes `value`.
      const section = [weapons[0], ...weapons.slice(1).map(() => value)].join(" ");
      const fields = text.slice(tab + 1).split("\t").map(() => value);
      const out = encoder.encode(`${[...prefix, section].join("\\")} \t${fields.join("\t")}`);
      lines[l] = out;
      return { out: withBytes(input, joinOn(lines, LF)), label: `maxLine ${l}` };
    },
  },
  {
    weight: 4,
    name: "doubleSeparator",
    run: (input, rng) => {
      const separator = rng.pick([TAB, BACKSLASH, SPACE, LF]);
      const at = positionsOf(input.bytes, separator);
      if (at.length === 0) return { out: input, label: "double (none)" };
      const i = rng.pick(at);
      return {
        out: withBytes(input, splice(input.bytes, i, 0, Uint8Array.of(separator))),
        label: `double 0x${separator.toString(16)}@${i}`,
      };
    },
  },
  {
    weight: 4,
    name: "deleteSeparator",
    run: (input, rng) => {
      const separator = rng.pick([TAB, BACKSLASH, SPACE, LF]);
      const at = positionsOf(input.bytes, separator);
      if (at.length === 0) return { out: input, label: "dropSep (none)" };
      const i = rng.pick(at);
      return {
        out: withBytes(input, splice(input.bytes, i, 1, new Uint8Array())),
        label: `dropSep 0x${separator.toString(16)}@${i}`,
      };
    },
  },
  {
    weight: 2,
    name: "lineEndings",
    run: (input, rng) => {
      const eol = rng.pick([[CR, LF], [CR], [LF, LF], [CR, CR, LF]]);
      const lines = splitOn(input.bytes, LF);
      const all = rng.chance(0.5);
      const which = rng.int(lines.length);
      const pieces: Uint8Array[] = [];
      lines.forEach((line, i) => {
        if (i > 0) pieces.push(all || i === which ? Uint8Array.from(eol) : Uint8Array.of(LF));
        pieces.push(line);
      });
      return {
        out: withBytes(input, concat(pieces)),
        label: `eol ${JSON.stringify(eol)} ${all ? "all" : `line ${which}`}`,
      };
    },
  },
  {
    weight: 5,
    name: "headerField",
    run: (input, rng) => {
      const value = rng.chance(0.8)
        ? rng.pick(ODD_NUMBERS)
        : rng.pick(["0:00", "71:05", "Unknown", "9:5", "::", "12:00:00", "-1:00", "9.5", "abc"]);
      const { bytes, where } = replacePart(
        input.bytes,
        0,
        BACKSLASH,
        (n) => rng.chance(0.8) ? 3 + rng.int(6) : rng.int(n + 1),
        () => encoder.encode(value),
      );
      return {
        out: withBytes(input, bytes),
        label: `header ${where} → ${JSON.stringify(value.length > 30 ? "9×400" : value)}`,
      };
    },
  },
  {
    weight: 3,
    name: "invalidUtf8",
    run: (input, rng) => {
      const at = rng.int(input.bytes.length + 1);
      const seq = rng.pick(INVALID_UTF8);
      return {
        out: withBytes(input, splice(input.bytes, at, 0, Uint8Array.from(seq))),
        label: `utf8 ${JSON.stringify(seq)}@${at}`,
      };
    },
  },
  {
    weight: 3,
    name: "playerName",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const l = 1 + rng.int(Math.max(1, lines.length - 1));
      const value = rng.pick(ODD_NAMES);
      const { bytes, where } = replacePart(
        input.bytes,
        l,
        BACKSLASH,
        () => 1,
        () => encoder.encode(value),
      );
      return { out: withBytes(input, bytes), label: `name ${where} → ${JSON.stringify(value)}` };
    },
  },
  {
    weight: 3,
    name: "playerGuid",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const l = 1 + rng.int(Math.max(1, lines.length - 1));
      const other = lines[1 + rng.int(Math.max(1, lines.length - 1))];
      const otherGuid = other ? new TextDecoder().decode(splitOn(other, BACKSLASH)[0]) : "";
      const value = rng.chance(0.3) ? otherGuid : rng.pick(ODD_GUIDS);
      const { bytes, where } = replacePart(
        input.bytes,
        l,
        BACKSLASH,
        () => 0,
        () => encoder.encode(value),
      );
      return { out: withBytes(input, bytes), label: `guid ${where} → ${JSON.stringify(value)}` };
    },
  },
  {
    weight: 2,
    name: "team",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const l = 1 + rng.int(Math.max(1, lines.length - 1));
      const value = rng.pick(["0", "3", "4", "x", "", "-1", "99999999999999999999", "1 "]);
      const { bytes, where } = replacePart(
        input.bytes,
        l,
        BACKSLASH,
        (n) => n - 2,
        () => encoder.encode(value),
      );
      return { out: withBytes(input, bytes), label: `team ${where} → ${JSON.stringify(value)}` };
    },
  },
  {
    weight: 1,
    name: "fileName",
    run: (input, rng) => {
      const name = rng.pick(OTHER_FILE_NAMES);
      return { out: { name, bytes: input.bytes }, label: `fileName → ${JSON.stringify(name)}` };
    },
  },
  {
    weight: 1,
    name: "emptyish",
    run: (input, rng) => {
      const lines = splitOn(input.bytes, LF);
      const choice = rng.int(4);
      const bytes = [
        new Uint8Array(),
        concat([lines[0]!, Uint8Array.of(LF)]),
        concat([lines[0]!, Uint8Array.of(LF, LF, SPACE, LF)]),
        Uint8Array.of(LF),
      ][choice]!;
      return { out: withBytes(input, bytes), label: `emptyish ${choice}` };
    },
  },
];

const TOTAL_WEIGHT = MUTATIONS.reduce((n, m) => n + m.weight, 0);

function pickMutation(rng: Rng): Mutation {
  let r = rng.int(TOTAL_WEIGHT);
  for (const m of MUTATIONS) {
    if (r < m.weight) return m.run;
    r -= m.weight;
  }
  return MUTATIONS[0]!.run;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

interface Failure {
  /** One entry per distinct problem (a failing check can show several schema issues). */
  signatures: string[];
  iteration: number;
  seedFile: string;
  ops: string[];
  input: Mutated;
  detail: string;
}

/** Schema issues as stable signatures: array indexes collapsed, codes kept, duplicates removed. */
function issueSignatures(issues: readonly { path: PropertyKey[]; code: string }[]): string[] {
  const all = issues.map((i) =>
    `${i.path.map((p) => typeof p === "number" ? "#" : String(p)).join(".")}:${i.code}`
  );
  return [...new Set(all)].sort();
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** null when the round's JSON form is schema-valid, else [signatures, detail]. */
function checkRound(value: ParsedRound): [string[], string] | null {
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(value));
  } catch (error) {
    return [["JSON round trip threw"], describe(error)];
  }
  const checked = parsedRoundSchema.safeParse(json);
  if (checked.success) return null;
  return [
    issueSignatures(checked.error.issues),
    JSON.stringify(checked.error.issues).slice(0, 1500),
  ];
}

interface Stats {
  ok: number;
  errors: Map<string, number>;
  pairs: number;
  pairErrors: number;
  mutations: number;
}

function runIteration(iteration: number, stats: Stats, failures: Failure[]): void {
  const rng = new Rng(iterationSeed(SEED, iteration));
  const seed = rng.pick(SEEDS);
  let input: Mutated = { name: seed.name, bytes: seed.bytes };
  const ops: string[] = [];
  const count = 1 + (rng.chance(0.35) ? 1 + rng.int(3) : 0);
  for (let k = 0; k < count; k++) {
    const { out, label } = pickMutation(rng)(input, rng);
    input = out;
    ops.push(label);
  }
  stats.mutations += ops.length;
  const fail = (stage: string, signatures: string[], detail: string) =>
    failures.push({
      signatures: signatures.map((signature) => `${stage}: ${signature}`),
      iteration,
      seedFile: seed.name,
      ops,
      input,
      detail,
    });

  let result;
  try {
    result = parseStatsFile(input.name, input.bytes);
  } catch (error) {
    fail("parseStatsFile threw", [describe(error).slice(0, 120)], String((error as Error)?.stack));
    return;
  }
  if (!result.ok) {
    const code = (result.error as { code?: string }).code ?? "?";
    stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
    const checked = parseErrorSchema.safeParse(result.error);
    if (!checked.success) {
      fail("parseErrorSchema", issueSignatures(checked.error.issues), JSON.stringify(result.error));
    }
    return;
  }
  stats.ok++;
  const bad = checkRound(result.value);
  if (bad) fail("parsedRoundSchema(parse)", bad[0], bad[1]);

  // Differential with the valid partner, whichever side was mutated.
  const partner = PARTNERS.get(seed.name);
  if (!partner) return;
  const mutatedIsTwo = result.value.file.round === 2;
  if (mutatedIsTwo === (partner.file.round === 2)) return; // file name mutated into the same round
  const [one, two] = mutatedIsTwo ? [partner.parsed, result.value] : [result.value, partner.parsed];
  const stage = mutatedIsTwo
    ? "roundTwoOnly(valid R1, mutated R2)"
    : "roundTwoOnly(mutated R1, valid R2)";
  stats.pairs++;
  let diff;
  try {
    diff = roundTwoOnly(one, two);
  } catch (error) {
    fail(`${stage} threw`, [describe(error).slice(0, 120)], String((error as Error)?.stack));
    return;
  }
  if (!diff.ok) {
    stats.pairErrors++;
    if (diff.error.code !== "not_a_round_pair" || diff.error.message.length === 0) {
      fail(stage, ["unexpected error"], JSON.stringify(diff.error));
    }
    return;
  }
  const badDiff = checkRound(diff.value);
  if (badDiff) fail(stage, badDiff[0], badDiff[1]);
}

function report(failures: readonly Failure[], iterations: number): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    for (const signature of f.signatures) {
      const list = groups.get(signature) ?? [];
      list.push(f);
      groups.set(signature, list);
    }
  }
  const failingIterations = new Set(failures.map((f) => f.iteration)).size;
  const lines = [
    `${failingIterations} of ${iterations} iterations failed (seed ${SEED}); ` +
    `${groups.size} distinct problem${groups.size === 1 ? "" : "s"}, most frequent first.`,
    `Replay one: FUZZ_SEED=${SEED} FUZZ_ONLY=<iteration> deno test -A tests/domain/parse_fuzz_test.ts`,
  ];
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  for (const [signature, list] of sorted) {
    // The smallest input of each group is the easiest to read.
    const example = list.reduce((a, b) => (b.input.bytes.length < a.input.bytes.length ? b : a));
    const more = list.length > 10 ? ", …" : "";
    lines.push(
      "",
      `[${list.length}×] ${signature}`,
      `  iterations: ${list.slice(0, 10).map((f) => f.iteration).join(", ")}${more}`,
      `  example: seed ${SEED}, iteration ${example.iteration}, from ${example.seedFile}`,
      `  mutations: ${example.ops.join(" | ")}`,
      `  file name: ${JSON.stringify(example.input.name)}`,
      `  detail: ${example.detail}`,
      `  input (${example.input.bytes.length} bytes, escaped): "${
        escapeBytes(example.input.bytes)
      }"`,
    );
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

Deno.test("fuzz seeds: every sample parses and every Round 2 sample has its Round 1", () => {
  assert.ok(SEEDS.length >= 50, `only ${SEEDS.length} seed files`);
  for (const seed of SEEDS) {
    assert.equal(checkRound(seed.parsed), null, seed.name);
    if (seed.file.round === 2) assert.ok(PARTNERS.has(seed.name), `${seed.name} has no Round 1`);
  }
});

Deno.test(
  `fuzz: ${
    ONLY === null ? ITERATIONS : 1
  } mutated stats files (seed ${SEED}) never throw and always satisfy the schemas`,
  () => {
    const stats: Stats = { ok: 0, errors: new Map(), pairs: 0, pairErrors: 0, mutations: 0 };
    const failures: Failure[] = [];
    const started = performance.now();
    const iterations = ONLY === null ? [...Array(ITERATIONS).keys()] : [ONLY];
    for (const i of iterations) runIteration(i, stats, failures);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz seed ${SEED}: ${iterations.length} iterations (${stats.mutations} mutations) in ` +
        `${seconds.toFixed(1)} s; parsed ${stats.ok}, errors ${
          JSON.stringify(Object.fromEntries(stats.errors))
        }; differential runs ${stats.pairs} (${stats.pairErrors} not a pair); ` +
        `${failures.length} failing checks`,
    );
    if (failures.length > 0) assert.fail(report(failures, iterations.length));
  },
);
