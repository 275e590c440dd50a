/**
 * Rebuild: recomputes every round, pairing, session, score, team and total from the stored raw
 * files alone, through the same code as uploads, in one transaction (a failed rebuild changes
 * nothing). Raw files are parsed again, so a parser fix also reaches old uploads.
 */
import { parseStatsFile } from "../domain/parse_stats_file.ts";
import type { Db } from "../db/client.ts";
import { analyzeTables } from "../db/maintenance.ts";
import { lockServer } from "../db/queries/locks.ts";
import { rawFilesById, setRawFileStatus } from "../db/queries/raw_files.ts";
import { clearDerivedRows, listRawFiles, pruneAfterRebuild } from "../db/queries/rebuild.ts";
import { listServers } from "../db/queries/servers.ts";
import { chronologicalOrder, DEFAULT_BATCH_SIZE } from "./bulk_import.ts";
import type { IngestContext } from "./context.ts";
import { type NewRound, storeAndDerive } from "./derive_sessions.ts";
import { payloadSha256, playedAtIso } from "./pipeline.ts";

export interface RebuildSummary {
  rawFiles: number;
  rounds: number;
  failed: number;
  /** Raw files left out because an earlier file has the same name or payload. */
  duplicates: number;
  seconds: number;
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export async function rebuild(db: Db, context: IngestContext): Promise<RebuildSummary> {
  const started = performance.now();
  const summary: RebuildSummary = { rawFiles: 0, rounds: 0, failed: 0, duplicates: 0, seconds: 0 };
  await db.transaction(async (tx) => {
    const servers = await listServers(tx);
    for (const server of servers) await lockServer(tx, server.id);
    await clearDerivedRows(tx);
    for (const server of servers) {
      const listing = chronologicalOrder(await listRawFiles(tx, server.id));
      summary.rawFiles += listing.length;
      const seen = new Set<string>();
      for (let start = 0; start < listing.length; start += DEFAULT_BATCH_SIZE) {
        const batch = listing.slice(start, start + DEFAULT_BATCH_SIZE);
        const files = new Map(
          (await rawFilesById(tx, batch.map((f) => f.id))).map((f) => [f.id, f]),
        );
        const fresh: NewRound[] = [];
        for (const entry of batch) {
          const file = files.get(entry.id)!;
          const parsed = parseStatsFile(file.fileName, file.bytes, {
            botNamePattern: context.botNamePattern,
          });
          if (!parsed.ok) {
            summary.failed++;
            if (entry.status !== "failed") {
              await setRawFileStatus(tx, entry.id, "failed", parsed.error);
            }
            continue;
          }
          const keys = [`name:${file.fileName}`, `payload:${hex(payloadSha256(file.bytes))}`];
          if (keys.some((key) => seen.has(key))) {
            summary.duplicates++;
            continue;
          }
          keys.forEach((key) => seen.add(key));
          if (entry.status !== "imported") await setRawFileStatus(tx, entry.id, "imported", null);
          fresh.push({
            id: entry.id,
            round: parsed.value,
            playedAt: playedAtIso(parsed.value, server.timeZone),
          });
        }
        if (fresh.length > 0) await storeAndDerive(tx, server.id, fresh, context);
        summary.rounds += fresh.length;
      }
    }
    await pruneAfterRebuild(tx);
  });
  await analyzeTables(db);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
