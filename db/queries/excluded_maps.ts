/** Maps an admin excluded from statistics, and the sessions an exclusion affects. */
import type { Db } from "../client.ts";

export async function listExcludedMaps(db: Db): Promise<{ map: string; excludedAt: string }[]> {
  return await db.query(`select map, excluded_at as "excludedAt" from excluded_maps order by map`);
}

/** Adds an exclusion; false when it already existed. */
export async function addExcludedMap(db: Db, map: string): Promise<boolean> {
  const rows = await db.query(
    "insert into excluded_maps (map) values ($1) on conflict do nothing returning map",
    [map],
  );
  return rows.length > 0;
}

/** Removes an exclusion; false when there was none. */
export async function removeExcludedMap(db: Db, map: string): Promise<boolean> {
  return (await db.query("delete from excluded_maps where map = $1 returning map", [map])).length >
    0;
}

/** Time windows (per server) of the sessions with a round on `map` (case-insensitive). */
export async function sessionWindowsWithMap(
  db: Db,
  map: string,
): Promise<{ serverId: number; from: string; to: string }[]> {
  return await db.query(
    `select s.server_id as "serverId", s.first_round_at as "from", s.last_round_at as "to"
     from sessions s
     where exists (select 1 from rounds r where r.session_id = s.id and lower(r.map) = $1)
     order by s.first_round_at`,
    [map.toLowerCase()],
  );
}
