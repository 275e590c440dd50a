/** Test fixtures: the spec's worked example and the sample corpus with its truth. */
import { fileURLToPath } from "node:url";
import type { CorpusMapTruth, CorpusSessionTruth } from "../../ingest/corpus/generate_corpus.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export const WORKED_R1 = "2025-11-14-213012-etl_supply-round-1.txt";
export const WORKED_R2 = "2025-11-14-213845-etl_supply-round-2.txt";

/** Bytes of a fixture file, by path relative to tests/fixtures/. */
export function readFixture(relative: string): Uint8Array {
  return Deno.readFileSync(FIXTURES + relative);
}

/** The worked example's bytes (spec §12), by file name. */
export function workedExample(name: typeof WORKED_R1 | typeof WORKED_R2): Uint8Array {
  return readFixture(`worked_example/${name}`);
}

export type SampleSet = "clean" | "edge";

export interface TruthWeapon {
  hits: number;
  shots: number;
  kills: number;
  deaths: number;
  headshots: number;
}

/** One player's true numbers for one round alone (Round 2 truth is Round 2-only). */
export interface TruthPlayer extends Record<string, unknown> {
  kills: number;
  deaths: number;
  headshots: number;
  played_ms: number;
  dead_ms: number;
  team: number;
  weapons: Record<string, TruthWeapon>;
}

export interface TruthFile {
  file: string;
  map: string;
  round: number;
  r1?: string;
  players: Record<string, TruthPlayer>;
}

/** A map of the truth: the same shape for the samples and the generated corpus. */
export type TruthMap = CorpusMapTruth;

export interface Truth {
  files: TruthFile[];
  sessions: CorpusSessionTruth[];
}

/** A sample set's truth and the bytes of each of its files. */
export function loadSampleSet(set: SampleSet): { truth: Truth; bytes: Map<string, Uint8Array> } {
  const truth = JSON.parse(
    new TextDecoder().decode(readFixture(`samples/${set}/truth.json`)),
  ) as Truth;
  const bytes = new Map<string, Uint8Array>();
  for (const file of truth.files) bytes.set(file.file, readFixture(`samples/${set}/${file.file}`));
  return { truth, bytes };
}
