/** Statements of a rebuild: clearing what is derived, and tidying up after re-deriving it. */
import type { Db } from "../client.ts";

/**
 * Deletes every derived row except sessions and matches, which are re-derived in place (upserted
 * by key) so their ids survive the rebuild.
 */
export async function clearDerivedRows(tx: Db): Promise<void> {
  await tx.exec(`
    delete from record_candidates;
    delete from player_match_totals;
    delete from player_session_weapons;
    delete from player_session_maps;
    delete from player_session_totals;
    delete from session_players;
    delete from rounds;
    delete from aliases;
  `);
}

export interface RawFileListing {
  id: number;
  fileName: string;
  status: "imported" | "failed";
}

/** Every raw file of a server, without bytes. */
export async function listRawFiles(db: Db, serverId: number): Promise<RawFileListing[]> {
  return await db.query<RawFileListing>(
    `select id, file_name as "fileName", status from raw_files where server_id = $1 order by id`,
    [serverId],
  );
}

/** Removes sessions and matches no round belongs to any more, and players nothing refers to. */
export async function pruneAfterRebuild(tx: Db): Promise<void> {
  await tx.exec(`
    delete from matches m where not exists (select 1 from rounds r where r.match_id = m.id);
    delete from sessions s where not exists (select 1 from rounds r where r.session_id = s.id);
    update players p set first_seen = x.first_seen, last_seen = x.last_seen
      from (
        select rp.guid, min(r.local_datetime)::date as first_seen, max(r.local_datetime)::date as last_seen
        from round_players rp join rounds r on r.id = rp.round_id
        group by rp.guid
      ) x
      where p.guid = x.guid;
    delete from players p
      where not exists (select 1 from round_players rp where rp.guid = p.guid)
        and not exists (select 1 from discord_links l where l.guid = p.guid);
  `);
}
