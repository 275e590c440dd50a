/** Read model of players: search and the lifetime profile. */
import type { Db } from "../client.ts";
import { containsPattern } from "./like_pattern.ts";
import { type PlayerSums, TOTALS_SUM_COLUMNS } from "./sums.ts";

export interface PlayerSearchRow {
  guid: string;
  name: string;
  matchedAlias: string | null;
  lastSeen: string;
  rounds: number;
}

/**
 * Players whose GUID starts with `query`, or with an alias containing it (case-insensitive);
 * most recently seen first. Bots are left out.
 */
export async function searchPlayers(
  db: Db,
  query: string,
  limit: number,
): Promise<PlayerSearchRow[]> {
  const pattern = containsPattern(query);
  return await db.query<PlayerSearchRow>(
    `select p.guid, n.name, m.alias as "matchedAlias", p.last_seen as "lastSeen",
       coalesce((select sum(t.rounds)::int from player_session_totals t where t.guid = p.guid), 0) as rounds
     from players p
     join player_names n on n.guid = p.guid
     left join lateral (
       select a.name as alias from aliases a
       where a.guid = p.guid and a.times_seen > 0 and lower(a.name) like $2
       order by a.last_seen desc limit 1
     ) m on true
     where not p.is_bot and (p.guid like $1 || '%' or m.alias is not null)
     order by p.last_seen desc, n.name
     limit $3`,
    [query.toUpperCase(), pattern, limit],
  );
}

export interface PlayerRow {
  guid: string;
  name: string;
  displayName: string | null;
  isBot: boolean;
  firstSeen: string;
  lastSeen: string;
  discordLinked: boolean;
}

export interface AliasRow {
  name: string;
  firstSeen: string;
  lastSeen: string;
  timesSeen: number;
}

export interface MapSumsRow extends PlayerSums {
  map: string;
}

export interface WeaponSumsRow {
  id: number;
  rounds: number;
  hits: number;
  shots: number;
  kills: number;
  deaths: number;
  headshots: number;
}

export interface SessionSumsRow extends PlayerSums {
  sessionId: number;
  key: string;
  date: string;
  team: "A" | "B" | null;
  teamScore: number | null;
  opponentScore: number | null;
}

/** Everything a player profile shows, from the per-session totals; null for an unknown GUID. */
export async function playerProfile(db: Db, guid: string, recentSessions: number): Promise<
  {
    player: PlayerRow;
    aliases: AliasRow[];
    totals: PlayerSums;
    maps: MapSumsRow[];
    weapons: WeaponSumsRow[];
    sessions: SessionSumsRow[];
  } | null
> {
  const [players, aliases, totals, maps, weapons, sessions] = await Promise.all([
    db.query<PlayerRow>(
      `select p.guid, n.name, p.display_name as "displayName", p.is_bot as "isBot",
         p.first_seen as "firstSeen", p.last_seen as "lastSeen",
         exists (select 1 from discord_links l where l.guid = p.guid) as "discordLinked"
       from players p join player_names n on n.guid = p.guid where p.guid = $1`,
      [guid],
    ),
    db.query<AliasRow>(
      `select name, first_seen as "firstSeen", last_seen as "lastSeen", times_seen as "timesSeen"
       from aliases where guid = $1 and times_seen > 0 order by last_seen desc, times_seen desc`,
      [guid],
    ),
    db.query<PlayerSums>(
      `select ${TOTALS_SUM_COLUMNS} from player_session_totals t where t.guid = $1`,
      [guid],
    ),
    db.query<MapSumsRow>(
      `select t.map, ${TOTALS_SUM_COLUMNS} from player_session_maps t where t.guid = $1
       group by t.map order by sum(t.rounds) desc, t.map`,
      [guid],
    ),
    db.query<WeaponSumsRow>(
      `select weapon_id as id, sum(rounds)::int as rounds, sum(hits)::int8 as hits,
         sum(shots)::int8 as shots, sum(kills)::int as kills, sum(deaths)::int as deaths,
         sum(headshots)::int as headshots
       from player_session_weapons where guid = $1 group by weapon_id
       order by sum(kills) desc, weapon_id`,
      [guid],
    ),
    db.query<SessionSumsRow>(
      `select s.id as "sessionId", s.session_key as key, s.local_date as date, sp.team,
         case sp.team when 'A' then s.score_a when 'B' then s.score_b end as "teamScore",
         case sp.team when 'A' then s.score_b when 'B' then s.score_a end as "opponentScore",
         ${TOTALS_SUM_COLUMNS}
       from player_session_totals t
       join sessions s on s.id = t.session_id
       left join session_players sp on sp.session_id = s.id and sp.guid = t.guid
       where t.guid = $1
       group by s.id, s.session_key, s.local_date, sp.team, s.score_a, s.score_b, s.last_round_at
       order by s.last_round_at desc limit $2`,
      [guid, recentSessions],
    ),
  ]);
  const player = players[0];
  if (!player) return null;
  return { player, aliases, totals: totals[0]!, maps, weapons, sessions };
}
