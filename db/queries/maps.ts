/** Maps by name, for autocomplete. */
import type { Db } from "../client.ts";
import { containsPattern } from "./like_pattern.ts";

/** A map name with when it was last played. */
export interface MapMatch {
  map: string;
  lastPlayedAt: string;
  rounds: number;
}

/** Maps with a stored round whose name contains `query` (any case), most recently played first. */
export async function mapsMatching(db: Db, query: string, limit: number): Promise<MapMatch[]> {
  return await db.query<MapMatch>(
    `select lower(map) as map, max(played_at) as "lastPlayedAt", count(*)::int as rounds
     from rounds where lower(map) like $1
     group by lower(map) order by max(played_at) desc, lower(map) limit $2`,
    [containsPattern(query), limit],
  );
}
