/** Read model of the session graphs card: one session's per-map sums per player. */
import type { Db } from "../client.ts";
import { type PlayerSums, SUM_COLUMNS } from "./sums.ts";

/** A map (match) of the session that has counted completed rounds, in play order. */
export interface SessionGraphMapRow {
  matchId: number;
  map: string;
  index: number;
  counted: boolean;
  winner: "A" | "B" | "draw" | null;
}

/** One player's sums over the counted completed rounds of one map of the session. */
export interface SessionGraphPlayerMapRow extends PlayerSums {
  matchId: number;
  guid: string;
  name: string;
  team: "A" | "B" | null;
}

/**
 * The maps of a session that have counted completed rounds, and per map each player's sums over
 * those rounds (the rounds the recap's scoreboard adds up; replayed rounds are left out).
 */
export async function sessionGraphData(
  db: Db,
  sessionId: number,
): Promise<{ maps: SessionGraphMapRow[]; players: SessionGraphPlayerMapRow[] }> {
  const [maps, players] = await Promise.all([
    db.query<SessionGraphMapRow>(
      `select m.id as "matchId", m.map, m.map_index as index, m.counted, m.winner
       from matches m
       where m.session_id = $1
         and exists (
           select 1 from counted_rounds r
           where r.match_id = m.id and r.status = 'completed'
         )
       order by m.map_index, m.id`,
      [sessionId],
    ),
    db.query<SessionGraphPlayerMapRow>(
      `select p.match_id as "matchId", p.guid, n.name, sp.team, ${SUM_COLUMNS}
       from counted_player_rounds p
       join player_names n on n.guid = p.guid
       left join session_players sp on sp.session_id = p.session_id and sp.guid = p.guid
       where p.session_id = $1 and p.round_status = 'completed' and p.match_id is not null
       group by p.match_id, p.guid, n.name, sp.team
       order by p.match_id, n.name, p.guid`,
      [sessionId],
    ),
  ]);
  return { maps, players };
}
