/** Game servers and their upload tokens. */
import type { Db } from "../client.ts";

export interface Server {
  id: number;
  name: string;
  timeZone: string;
  createdAt: string;
}

const SERVER_COLUMNS = `id, name, time_zone as "timeZone", created_at as "createdAt"`;

/** Creates a server; null when the name is taken. */
export async function createServer(db: Db, name: string, timeZone: string): Promise<Server | null> {
  const rows = await db.query<Server>(
    `insert into servers (name, time_zone) values ($1, $2) on conflict (name) do nothing
     returning ${SERVER_COLUMNS}`,
    [name, timeZone],
  );
  return rows[0] ?? null;
}

export async function findServerByName(db: Db, name: string): Promise<Server | null> {
  const rows = await db.query<Server>(`select ${SERVER_COLUMNS} from servers where name = $1`, [
    name,
  ]);
  return rows[0] ?? null;
}

export async function findServerById(db: Db, id: number): Promise<Server | null> {
  const rows = await db.query<Server>(`select ${SERVER_COLUMNS} from servers where id = $1`, [id]);
  return rows[0] ?? null;
}

export interface ServerListing extends Server {
  /** Where automatic posts go; null: the server posts nothing. */
  discordChannelId: string | null;
  activeTokens: number;
  rawFiles: number;
  lastUploadAt: string | null;
}

export async function listServers(db: Db): Promise<ServerListing[]> {
  return await db.query<ServerListing>(
    `select s.id, s.name, s.time_zone as "timeZone", s.created_at as "createdAt",
       s.discord_channel_id as "discordChannelId",
       (select count(*)::int from upload_tokens t where t.server_id = s.id and t.revoked_at is null)
         as "activeTokens",
       (select count(*)::int from raw_files f where f.server_id = s.id) as "rawFiles",
       (select max(received_at) from raw_files f where f.server_id = s.id) as "lastUploadAt"
     from servers s order by s.id`,
  );
}

/** Stores a new token's hash for a server; returns the token id. */
export async function insertUploadToken(
  db: Db,
  serverId: number,
  secretHash: Uint8Array,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    "insert into upload_tokens (server_id, secret_hash) values ($1, $2) returning id",
    [serverId, secretHash],
  );
  return rows[0]!.id;
}

export interface StoredToken {
  id: number;
  serverId: number;
  secretHash: Uint8Array;
  timeZone: string;
}

/** An active (not revoked) token by id, with its server's time zone. */
export async function findActiveToken(db: Db, id: number): Promise<StoredToken | null> {
  const rows = await db.query<StoredToken>(
    `select t.id, t.server_id as "serverId", t.secret_hash as "secretHash", s.time_zone as "timeZone"
     from upload_tokens t join servers s on s.id = t.server_id
     where t.id = $1 and t.revoked_at is null`,
    [id],
  );
  return rows[0] ?? null;
}

/** Revokes every active token of a server. */
export async function revokeServerTokens(db: Db, serverId: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    "update upload_tokens set revoked_at = now() where server_id = $1 and revoked_at is null returning id",
    [serverId],
  );
  return rows.length;
}
