/** Every derived table's rows, for "the same state" assertions (rebuild, arrival order). */
import type { Db } from "../../db/client.ts";

const TABLES: Record<string, string> = {
  rounds: "id",
  round_players: "round_id, guid",
  round_weapons: "round_id, guid, weapon_id",
  players: "guid",
  aliases: "guid, name",
  sessions: "id",
  session_players: "session_id, guid",
  matches: "id",
  player_session_totals: "session_id, guid",
  player_session_maps: "session_id, guid, map",
  player_session_weapons: "session_id, guid, weapon_id",
  player_match_totals: "match_id, guid",
  record_candidates: "session_id, kind, source, map, guid, round_id, match_id",
};

export async function derivedSnapshot(db: Db): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    snapshot[table] = await db.query(`select * from ${table} order by ${order}`);
  }
  return snapshot;
}
