/**
 * Bulk import: many files through the same pipeline as uploads, in chronological order of their
 * names, a batch per transaction. Re-running after an interruption (even `kill -9`) finishes the
 * job: committed batches answer "duplicate", an interrupted batch left nothing behind.
 */
import type { RoundMeta } from "../domain/round_meta.ts";
import { basename } from "node:path";
import { localSeconds, parseStatsFileName } from "../domain/stats_file_name.ts";
import type { Db } from "../db/client.ts";
import { analyzeTables } from "../db/maintenance.ts";
import type { IngestContext } from "./context.ts";
import { type IncomingFile, ingestFiles, type IngestOutcome, type ServerRef } from "./pipeline.ts";

export const DEFAULT_BATCH_SIZE = 500;

export interface BulkSummary {
  total: number;
  imported: number;
  orphans: number;
  duplicates: number;
  ignored: number;
  /** Files whose names are not stats file names (listed, not failed). */
  skipped: string[];
  failed: { fileName: string; code: string; message: string }[];
  seconds: number;
}

/** A file to import: its name decides its place, its bytes are read when its batch runs. */
export interface BulkFile {
  fileName: string;
  read: () => Promise<Uint8Array>;
  /** What the game saw of the round (the uploader's `.meta.json` sidecar), when known. */
  meta?: RoundMeta | null;
}

/** Orders files by the local date-time in their names (Round 1 before Round 2); others first. */
export function chronologicalOrder<T extends { fileName: string }>(files: readonly T[]): T[] {
  const key = (file: T): [number, number, string] => {
    const name = parseStatsFileName(basename(file.fileName));
    return name.ok
      ? [localSeconds(name.value), name.value.round, name.value.map]
      : [-Infinity, 0, file.fileName];
  };
  return files
    .map((file) => ({ file, key: key(file) }))
    .sort((a, b) =>
      a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2].localeCompare(b.key[2]) ||
      a.file.fileName.localeCompare(b.file.fileName)
    )
    .map(({ file }) => file);
}

function tally(summary: BulkSummary, outcome: IngestOutcome): void {
  switch (outcome.status) {
    case "imported":
      summary.imported++;
      break;
    case "orphan_r2":
      summary.orphans++;
      break;
    case "duplicate":
      summary.duplicates++;
      break;
    case "ignored":
      summary.ignored++;
      break;
    case "failed":
      summary.failed.push({ fileName: outcome.fileName, ...outcome.error });
      break;
    case "rejected":
      if (outcome.error.code === "invalid_file_name") summary.skipped.push(outcome.fileName);
      else summary.failed.push({ fileName: outcome.fileName, ...outcome.error });
      break;
  }
}

/**
 * Imports files for one server. A batch that fails as a whole (not a bad file: an unexpected
 * error) is retried file by file, so one bad apple never blocks the rest.
 */
export async function bulkImport(
  db: Db,
  server: ServerRef,
  files: readonly BulkFile[],
  context: IngestContext,
  options: { batchSize?: number; onProgress?: (done: number, summary: BulkSummary) => void } = {},
): Promise<BulkSummary> {
  const started = performance.now();
  const summary: BulkSummary = {
    total: files.length,
    imported: 0,
    orphans: 0,
    duplicates: 0,
    ignored: 0,
    skipped: [],
    failed: [],
    seconds: 0,
  };
  const ordered = chronologicalOrder(files);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let start = 0; start < ordered.length; start += batchSize) {
    const batch = ordered.slice(start, start + batchSize);
    const incoming: IncomingFile[] = await Promise.all(
      batch.map(async (file) => ({
        fileName: basename(file.fileName),
        bytes: await file.read(),
        roundMeta: file.meta ?? null,
      })),
    );
    let outcomes: IngestOutcome[];
    try {
      outcomes = await ingestFiles(db, server, incoming, context);
    } catch {
      outcomes = [];
      for (const file of incoming) {
        try {
          outcomes.push(...await ingestFiles(db, server, [file], context));
        } catch (error) {
          summary.failed.push({
            fileName: file.fileName,
            code: "import_error",
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }
    for (const outcome of outcomes) tally(summary, outcome);
    summary.seconds = (performance.now() - started) / 1000;
    options.onProgress?.(Math.min(start + batchSize, ordered.length), summary);
  }
  if (summary.imported + summary.orphans > 0) await analyzeTables(db);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
