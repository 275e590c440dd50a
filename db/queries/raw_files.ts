/** Raw uploads: the source of truth every derived table is rebuilt from. */
import type { RoundMeta } from "../../domain/round_meta.ts";
import type { Db, Statement } from "../client.ts";

export interface RawFileInsert {
  serverId: number;
  fileName: string;
  sha256: Uint8Array;
  payloadSha256: Uint8Array | null;
  bytes: Uint8Array;
  receivedAt: string;
  status: "imported" | "failed";
  errorCode: string | null;
  errorMessage: string | null;
  /** What the game server reported about the round beside the file (validated), if anything. */
  roundMeta?: RoundMeta | null;
}

const hex = (bytes: Uint8Array | null) =>
  bytes === null ? null : Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Inserts raw files; a file whose bytes, imported name or imported payload already exist is
 * skipped by the UNIQUE constraints. Returns the new ids by position in `files` (null = skipped).
 */
export async function insertRawFiles(
  tx: Db,
  files: readonly RawFileInsert[],
  before: readonly Statement[] = [],
): Promise<(number | null)[]> {
  if (files.length === 0) return [];
  const rows = await tx.script<{ id: number; sha256: string }>([...before, {
    text:
      `insert into raw_files (server_id, file_name, sha256, payload_sha256, bytes, size, received_at,
       status, error_code, error_message, round_meta)
     select server_id, file_name, decode(sha256, 'hex'), decode(payload_sha256, 'hex'),
       decode(bytes, 'hex'), size, received_at, status, error_code, error_message, round_meta
     from jsonb_to_recordset($1::text::jsonb) as x(position integer, server_id integer,
       file_name text, sha256 text, payload_sha256 text, bytes text, size integer,
       received_at timestamptz, status text, error_code text, error_message text, round_meta jsonb)
     order by position
     on conflict do nothing
     returning id, encode(sha256, 'hex') as sha256`,
    params: [JSON.stringify(files.map((f, position) => ({
      position,
      server_id: f.serverId,
      file_name: f.fileName,
      sha256: hex(f.sha256),
      payload_sha256: hex(f.payloadSha256),
      bytes: hex(f.bytes),
      size: f.bytes.length,
      received_at: f.receivedAt,
      status: f.status,
      error_code: f.errorCode,
      error_message: f.errorMessage,
      round_meta: f.roundMeta ?? null,
    })))],
  }]);
  // Equal bytes insert once: the id belongs to the first file in the batch with that hash.
  const firstWithHash = new Map<string, number>();
  files.forEach((f, position) => {
    const key = hex(f.sha256)!;
    if (!firstWithHash.has(key)) firstWithHash.set(key, position);
  });
  const ids: (number | null)[] = files.map(() => null);
  for (const row of rows) ids[firstWithHash.get(row.sha256)!] = row.id;
  return ids;
}

export type ConflictKind = "same_bytes" | "same_file_name" | "same_payload";

export interface RawFileConflict {
  kind: ConflictKind;
  rawFileId: number;
  fileName: string;
  status: "imported" | "failed";
  roundId: number | null;
  roundStatus: string | null;
  matchId: number | null;
  matchKey: string | null;
  sessionId: number | null;
  sessionKey: string | null;
}

/** For each file, the stored file it collided with, by the first constraint that matches. */
export async function findRawFileConflicts(
  tx: Db,
  files: readonly Pick<RawFileInsert, "sha256" | "serverId" | "fileName" | "payloadSha256">[],
): Promise<(RawFileConflict | null)[]> {
  if (files.length === 0) return [];
  const rows = await tx.query<RawFileConflict & { position: number }>(
    `select x.position, c.kind, f.id as "rawFileId", f.file_name as "fileName", f.status,
       r.id as "roundId", r.status as "roundStatus", m.id as "matchId", m.match_key as "matchKey",
       s.id as "sessionId", s.session_key as "sessionKey"
     from jsonb_to_recordset($1::text::jsonb) as x(position integer, server_id integer,
       file_name text, sha256 text, payload_sha256 text)
     cross join lateral (
       select kind, id from (
         select 'same_bytes' as kind, 1 as rank, id from raw_files
           where sha256 = decode(x.sha256, 'hex')
         union all
         select 'same_file_name', 2, id from raw_files
           where server_id = x.server_id and file_name = x.file_name and status = 'imported'
         union all
         select 'same_payload', 3, id from raw_files
           where payload_sha256 = decode(x.payload_sha256, 'hex') and status = 'imported'
       ) candidates order by rank limit 1
     ) c
     join raw_files f on f.id = c.id
     left join rounds r on r.id = f.id
     left join matches m on m.id = r.match_id
     left join sessions s on s.id = r.session_id`,
    [JSON.stringify(files.map((f, position) => ({
      position,
      server_id: f.serverId,
      file_name: f.fileName,
      sha256: hex(f.sha256),
      payload_sha256: hex(f.payloadSha256),
    })))],
  );
  const conflicts: (RawFileConflict | null)[] = files.map(() => null);
  for (const { position, ...conflict } of rows) conflicts[position] = conflict;
  return conflicts;
}

export interface StoredRawFile {
  id: number;
  serverId: number;
  fileName: string;
  bytes: Uint8Array;
}

/** Raw files by id, with their bytes. */
export async function rawFilesById(db: Db, ids: readonly number[]): Promise<StoredRawFile[]> {
  if (ids.length === 0) return [];
  return await db.query<StoredRawFile>(
    `select id, server_id as "serverId", file_name as "fileName", bytes
     from raw_files where id = any($1::int[])`,
    [ids],
  );
}

/**
 * The stored round meta of raw files, by id (JSON as stored; files without meta are left out).
 * Callers validate it again with `roundMetaFromJson`.
 */
export async function rawFileRoundMetas(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; roundMeta: unknown }>(
    `select id, round_meta as "roundMeta" from raw_files
     where id = any($1::int[]) and round_meta is not null`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.roundMeta]));
}

/** Records the outcome of parsing a stored file again (rebuild). */
export async function setRawFileStatus(
  tx: Db,
  id: number,
  status: "imported" | "failed",
  error: { code: string; message: string } | null,
): Promise<void> {
  await tx.query(
    "update raw_files set status = $2, error_code = $3, error_message = $4 where id = $1",
    [id, status, error?.code ?? null, error?.message ?? null],
  );
}
