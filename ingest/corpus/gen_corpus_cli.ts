/**
 * `deno task gen:corpus --sessions N --out DIR [...]`: writes a deterministic corpus of stopwatch
 * stats files and its `truth.json` into DIR (created if missing). Exit 0 on success, 2 on a usage
 * error (usage on stderr); `--help` prints the usage and exits 0.
 */
import { join } from "node:path";
import { CORPUS_DEFAULTS, type CorpusOptions, generateCorpus } from "./generate_corpus.ts";

const USAGE = `usage: deno task gen:corpus --sessions N --out DIR [--maps M] [--players-per-team P]
                           [--seed S] [--start YYYY-MM-DD] [--noise]

Writes N gaming sessions of stopwatch round stats files (exact writer format) into DIR,
plus truth.json with what every player did in every round alone.

  --sessions N          gaming sessions (≥ 1)
  --out DIR             output directory (created if missing)
  --maps M              maps (Round 1 + Round 2) per session, default ${CORPUS_DEFAULTS.mapsPerSession}
  --players-per-team P  humans per persistent team, default ${CORPUS_DEFAULTS.playersPerTeam}
  --seed S              PRNG seed (integer), default ${CORPUS_DEFAULTS.seed}
  --start YYYY-MM-DD    date of the first session, default ${CORPUS_DEFAULTS.start}
  --noise               also write a few sidecar files importers must ignore
                        (…-round-1-endstats.txt, …-round-2_ws.txt)

truth.json is indented for small corpora (≤ 2000 files) and compact above that.`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  Deno.exit(2);
}

const VALUE_OPTIONS = ["--sessions", "--out", "--maps", "--players-per-team", "--seed", "--start"];

function integerOption(name: string, text: string, min: number): number {
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    usage(`${name} needs an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function parseArgs(args: readonly string[]): { options: CorpusOptions; out: string } {
  const values = new Map<string, string>();
  let noise = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      Deno.exit(0);
    }
    if (arg === "--noise") {
      noise = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_OPTIONS.includes(name)) {
      usage(arg.startsWith("-") ? `unknown option ${arg}` : `unexpected argument ${arg}`);
    }
    if (values.has(name)) usage(`${name} given twice`);
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") usage(`${name} needs a value`);
    values.set(name, value);
  }
  const sessions = values.get("--sessions");
  const out = values.get("--out");
  if (sessions === undefined) usage("missing --sessions");
  if (out === undefined) usage("missing --out");
  const options: CorpusOptions = { sessions: integerOption("--sessions", sessions, 1), noise };
  const maps = values.get("--maps");
  if (maps !== undefined) options.mapsPerSession = integerOption("--maps", maps, 1);
  const players = values.get("--players-per-team");
  if (players !== undefined) {
    options.playersPerTeam = integerOption("--players-per-team", players, 1);
  }
  const seed = values.get("--seed");
  if (seed !== undefined) options.seed = integerOption("--seed", seed, Number.MIN_SAFE_INTEGER);
  const start = values.get("--start");
  if (start !== undefined) options.start = start;
  return { options, out };
}

const { options, out } = parseArgs(Deno.args);
const started = performance.now();
let corpus;
try {
  corpus = generateCorpus(options);
} catch (e) {
  if (e instanceof RangeError) usage(e.message);
  throw e;
}

Deno.mkdirSync(out, { recursive: true });
const encoder = new TextEncoder();
for (const file of corpus.files) {
  Deno.writeFileSync(join(out, file.name), encoder.encode(file.text));
}
const { truth } = corpus;
Deno.writeTextFileSync(
  join(out, "truth.json"),
  JSON.stringify(truth, null, truth.files.length <= 2000 ? 1 : undefined) + "\n",
);

const players = new Set<string>();
for (const file of truth.files) for (const guid of Object.keys(file.players)) players.add(guid);
const maps = truth.sessions.reduce((sum, session) => sum + session.maps.length, 0);
const seconds = (performance.now() - started) / 1000;
console.log(
  `wrote ${corpus.files.length} files + truth.json to ${out}: ${truth.sessions.length} sessions, ` +
    `${maps} maps, ${players.size} players in ${seconds.toFixed(2)} s`,
);
