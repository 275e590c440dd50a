/**
 * Parser throughput over the sample corpus. Each iteration handles one file (round robin), so
 * `iter/s` reads directly as files per second on one core. A Round 2 iteration parses the file and
 * applies the differential against its (already parsed) Round 1, as the importer does.
 */
import { parseStatsFile } from "../../domain/parse_stats_file.ts";
import type { ParsedRound } from "../../domain/parsed_round.ts";
import { pickRoundOne } from "../../domain/pick_round_one.ts";
import { roundTwoOnly } from "../../domain/round_two_only.ts";
import { loadSampleSet } from "../helpers/fixtures.ts";

interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  roundOne: ParsedRound | null;
}

function corpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const set of ["clean", "edge"] as const) {
    const { bytes } = loadSampleSet(set);
    const parsed = new Map<string, ParsedRound>();
    for (const [name, data] of bytes) {
      const result = parseStatsFile(name, data);
      if (!result.ok) throw new Error(result.error.message);
      parsed.set(name, result.value);
    }
    const names = [...parsed.values()].map((round) => round.file);
    for (const [name, data] of bytes) {
      const round = parsed.get(name)!;
      const one = round.file.round === 2 ? pickRoundOne(round.file, names) : null;
      files.push({ name, bytes: data, roundOne: one ? parsed.get(one.fileName)! : null });
    }
  }
  return files;
}

const FILES = corpus();
const ROUND_TWOS = FILES.filter((f) => f.roundOne !== null);
let next = 0;
let nextRoundTwo = 0;

function handle(file: CorpusFile): number {
  const parsed = parseStatsFile(file.name, file.bytes);
  if (!parsed.ok) throw new Error(parsed.error.message);
  if (file.roundOne === null) return parsed.value.players.length;
  const result = roundTwoOnly(file.roundOne, parsed.value);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.players.length;
}

Deno.bench({
  name: `parse + differential, one file per iteration (${FILES.length}-file corpus)`,
  baseline: true,
  fn() {
    handle(FILES[next++ % FILES.length]!);
  },
});

Deno.bench({
  name: "Round 2 parse + differential, one file per iteration",
  fn() {
    handle(ROUND_TWOS[nextRoundTwo++ % ROUND_TWOS.length]!);
  },
});
