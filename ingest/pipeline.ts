/**
 * The one import pipeline, used by the upload route, the bulk importer and the rebuild: from file
 * name + bytes to a stored raw file, a parsed round and its re-derived gaming session, in one
 * transaction per batch. Identical bytes, an imported name or an imported payload are duplicates,
 * decided by UNIQUE constraints (never check-then-insert), so concurrent uploads import once.
 */
import { createHash } from "node:crypto";
import { decodeStatsText, type ParseError, parseStatsFile } from "../domain/parse_stats_file.ts";
import type { ParsedRound } from "../domain/parsed_round.ts";
import { type RoundMeta, roundMetaMismatch } from "../domain/round_meta.ts";
import { parseStatsFileName } from "../domain/stats_file_name.ts";
import { localToUtcMs } from "../domain/time_zones.ts";
import type { Db } from "../db/client.ts";
import {
  findRawFileConflicts,
  insertRawFiles,
  type RawFileConflict,
  type RawFileInsert,
} from "../db/queries/raw_files.ts";
import { lockServerStatement } from "../db/queries/locks.ts";
import type { IngestContext } from "./context.ts";
import { type NewRound, storeAndDerive } from "./derive_sessions.ts";

/** Largest stats file accepted (a 64-player round is about 40 KiB). */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ServerRef {
  id: number;
  timeZone: string;
}

export interface IncomingFile {
  fileName: string;
  bytes: Uint8Array;
  /** ISO time of receipt; now when absent. */
  receivedAt?: string;
  /** What the game server reported about the round (`X-Etl-Round-Meta`), stored with the file. */
  roundMeta?: RoundMeta | null;
}

export type IngestOutcome =
  | {
    status: "imported" | "orphan_r2";
    fileName: string;
    rawFileId: number;
    roundId: number;
    matchId: number | null;
    matchKey: string | null;
    sessionId: number | null;
    sessionKey: string | null;
    warnings: unknown[];
    /** Round 2s that were orphans and now have Round 2-only numbers thanks to this file. */
    repairedRoundIds: number[];
  }
  | {
    status: "duplicate";
    fileName: string;
    reason: "same_bytes" | "same_payload";
    rawFileId: number;
    existingFileName: string;
    fileStatus: "imported" | "failed";
    roundId: number | null;
    matchId: number | null;
    matchKey: string | null;
    sessionId: number | null;
    sessionKey: string | null;
  }
  | { status: "ignored"; fileName: string; reason: string; message: string }
  | { status: "failed"; fileName: string; rawFileId: number; error: ParseError }
  | {
    status: "rejected";
    fileName: string;
    error: {
      code: "invalid_file_name" | "file_name_conflict" | "file_too_large" | "invalid_round_meta";
      message: string;
    };
  };

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

/** SHA-256 of the lines after the header, re-joined with LF (spec §2): renamed copies share it. */
export function payloadSha256(bytes: Uint8Array): Uint8Array {
  const lines = decodeStatsText(bytes).split(/\r\n|\n|\r/);
  return new Uint8Array(createHash("sha256").update(lines.slice(1).join("\n"), "utf8").digest());
}

function duplicateOutcome(fileName: string, conflict: RawFileConflict): IngestOutcome {
  if (conflict.kind === "same_file_name") {
    return {
      status: "rejected",
      fileName,
      error: {
        code: "file_name_conflict",
        message: `${fileName} was already imported (raw file ${conflict.rawFileId}) with ` +
          "different content; nothing was stored",
      },
    };
  }
  return {
    status: "duplicate",
    fileName,
    reason: conflict.kind,
    rawFileId: conflict.rawFileId,
    existingFileName: conflict.fileName,
    fileStatus: conflict.status,
    roundId: conflict.roundId,
    matchId: conflict.matchId,
    matchKey: conflict.matchKey,
    sessionId: conflict.sessionId,
    sessionKey: conflict.sessionKey,
  };
}

/** The UTC instant (ISO) of a round's file time on a server. */
export function playedAtIso(round: ParsedRound, timeZone: string): string {
  return new Date(localToUtcMs(round.file.localDateTime, timeZone)).toISOString();
}

/** A file that passed the name and size checks, parsed, with its hashes. */
interface Candidate {
  position: number;
  file: IncomingFile;
  result: ReturnType<typeof parseStatsFile>;
  raw: RawFileInsert;
}

/**
 * Imports a batch of files for one server in one transaction and answers one outcome per file,
 * in order. Everything for one server is serialised by an advisory lock.
 */
export async function ingestFiles(
  db: Db,
  server: ServerRef,
  files: readonly IncomingFile[],
  context: IngestContext,
): Promise<IngestOutcome[]> {
  const outcomes: (IngestOutcome | null)[] = files.map(() => null);
  const candidates: Candidate[] = [];
  files.forEach((file, position) => {
    const name = parseStatsFileName(file.fileName);
    if (!name.ok) {
      outcomes[position] = name.error.code === "ignored_file"
        ? {
          status: "ignored",
          fileName: file.fileName,
          reason: name.error.kind,
          message: name.error.message,
        }
        : {
          status: "rejected",
          fileName: file.fileName,
          error: { code: "invalid_file_name", message: name.error.message },
        };
      return;
    }
    const mismatch = file.roundMeta ? roundMetaMismatch(file.roundMeta, name.value) : null;
    if (mismatch) {
      outcomes[position] = { status: "rejected", fileName: file.fileName, error: mismatch };
      return;
    }
    if (file.bytes.length > MAX_FILE_BYTES) {
      outcomes[position] = {
        status: "rejected",
        fileName: file.fileName,
        error: {
          code: "file_too_large",
          message: `${file.fileName} is larger than ${MAX_FILE_BYTES} bytes`,
        },
      };
      return;
    }
    const result = parseStatsFile(file.fileName, file.bytes, {
      botNamePattern: context.botNamePattern,
    });
    candidates.push({
      position,
      file,
      result,
      raw: {
        serverId: server.id,
        fileName: file.fileName,
        sha256: sha256(file.bytes),
        payloadSha256: result.ok ? payloadSha256(file.bytes) : null,
        bytes: file.bytes,
        receivedAt: file.receivedAt ?? new Date().toISOString(),
        status: result.ok ? "imported" : "failed",
        errorCode: result.ok ? null : result.error.code,
        errorMessage: result.ok ? null : result.error.message,
        roundMeta: file.roundMeta ?? null,
      },
    });
  });
  if (candidates.length === 0) return outcomes as IngestOutcome[];

  return await db.transaction(async (tx) => {
    const ids = await insertRawFiles(tx, candidates.map((c) => c.raw), [
      lockServerStatement(server.id),
    ]);
    const collided = candidates.filter((_, i) => ids[i] === null);
    const conflicts = await findRawFileConflicts(tx, collided.map((c) => c.raw));
    collided.forEach((candidate, i) => {
      const conflict = conflicts[i];
      if (!conflict) throw new Error(`raw file ${candidate.file.fileName} collided with nothing`);
      outcomes[candidate.position] = duplicateOutcome(candidate.file.fileName, conflict);
    });

    const stored: (NewRound & { position: number })[] = [];
    candidates.forEach((candidate, i) => {
      const id = ids[i];
      if (id === null || id === undefined) return;
      if (!candidate.result.ok) {
        outcomes[candidate.position] = {
          status: "failed",
          fileName: candidate.file.fileName,
          rawFileId: id,
          error: candidate.result.error,
        };
        return;
      }
      const round = candidate.result.value;
      stored.push({
        position: candidate.position,
        id,
        round,
        playedAt: playedAtIso(round, server.timeZone),
        roundMeta: candidate.file.roundMeta ?? null,
      });
    });
    if (stored.length === 0) return outcomes as IngestOutcome[];

    const derived = await storeAndDerive(tx, server.id, stored, context);
    for (const { position, id } of stored) {
      const round = derived.rounds.get(id)!;
      outcomes[position] = {
        status: round.status === "orphan_r2" ? "orphan_r2" : "imported",
        fileName: files[position]!.fileName,
        rawFileId: id,
        roundId: id,
        matchId: round.matchId,
        matchKey: round.matchKey,
        sessionId: round.sessionId,
        sessionKey: round.sessionKey,
        warnings: derived.warnings.get(id) ?? [],
        repairedRoundIds: derived.repairedRoundIds,
      };
    }
    return outcomes as IngestOutcome[];
  });
}
