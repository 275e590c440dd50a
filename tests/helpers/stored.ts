/** Reads of stored rows, for assertions on what an import wrote. */
import type { Db } from "../../db/client.ts";

export interface StoredPlayerRow {
  guid: string;
  kills: number;
  deaths: number;
  headshots: number;
  played_seconds: number;
  team: number;
  differential: string | null;
  [column: string]: unknown;
}

/** Player rows of the round stored from `fileName`. */
export async function storedPlayers(db: Db, fileName: string): Promise<StoredPlayerRow[]> {
  return await db.query<StoredPlayerRow>(
    `select rp.* from round_players rp join rounds r on r.id = rp.round_id
     where r.file_name = $1 order by rp.guid`,
    [fileName],
  );
}

/** Weapon rows of one player in the round stored from `fileName`, keyed by weapon id. */
export async function storedWeapons(
  db: Db,
  fileName: string,
): Promise<
  {
    guid: string;
    weapon_id: number;
    hits: number;
    shots: number;
    kills: number;
    deaths: number;
    headshots: number;
  }[]
> {
  return await db.query(
    `select w.guid, w.weapon_id, w.hits, w.shots, w.kills, w.deaths, w.headshots
     from round_weapons w join rounds r on r.id = w.round_id
     where r.file_name = $1 order by w.guid, w.weapon_id`,
    [fileName],
  );
}

/** Row counts of the tables an import writes. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ name: string; count: number }>(
    `select 'raw_files' as name, count(*)::int as count from raw_files
     union all select 'rounds', count(*)::int from rounds
     union all select 'round_players', count(*)::int from round_players
     union all select 'round_weapons', count(*)::int from round_weapons
     union all select 'sessions', count(*)::int from sessions
     union all select 'matches', count(*)::int from matches
     union all select 'counted_rounds', count(*)::int from counted_rounds`,
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.count]));
}
