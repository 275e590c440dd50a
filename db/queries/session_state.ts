/**
 * Reads and writes of what is derived per gaming session: sessions, matches, round states, teams
 * and totals. Writes are built as statements for one round trip (`Db.script`); sessions and
 * matches are referred to by their keys, so no id needs to travel back to the client first.
 */
import type { SessionDerivation } from "../../domain/derive_session.ts";
import type { RoundPlayer } from "../../domain/parsed_round.ts";
import { GRENADE_WEAPON_ID, TOTAL_COLUMNS } from "../totals_columns.ts";
import type { RosterEntry } from "../../domain/session_round.ts";
import type { Db, Statement } from "../client.ts";

/** A stored round with the header facts session rules need and its current derived state. */
export interface StoredSessionRound {
  id: number;
  serverId: number;
  map: string;
  round: number;
  playedAt: string;
  localDateTime: string;
  durationSeconds: number;
  playtimeSeconds: number | null;
  timeLimitSeconds: number | null;
  nextTimeLimitSeconds: number | null;
  nextTimeLimit: string;
  defenderTeam: number;
  winnerTeam: number;
  scoreConfidence: "verified_header" | "ambiguous" | "missing" | "time_fallback";
  botCount: number;
  sessionId: number | null;
  sessionKey: string | null;
  matchKey: string | null;
  roundOneId: number | null;
  axisTeam: "A" | "B" | null;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
  hasPlayerRows: boolean;
  /** Human players and their sides. */
  roster: RosterEntry[];
  /** The stored state of the round's match (to write only matches that changed). */
  matchState: StoredMatchState | null;
  /** The round meta stored with the raw file (JSON as stored), or null. */
  roundMeta: unknown;
}

/** A match as stored, in the fields a derivation writes. */
export interface StoredMatchState {
  key: string;
  map: string;
  mapIndex: number;
  state: string;
  counted: boolean;
  ambiguous: boolean;
  winner: string | null;
  pointsA: number;
  pointsB: number;
  decidedBy: string;
}

/** A window of play on one server: rounds between `from` and `to`, widened by the session gap. */
export interface Neighbourhood {
  serverId: number;
  from: string;
  to: string;
  gapMinutes: number;
}

/**
 * The rounds whose session can change when rounds appear in the window (every round in it, and
 * every round of the sessions those belong to), with their derived state and rosters.
 */
export function neighbourhoodRounds(n: Neighbourhood): Statement {
  return {
    text: `with nearby as (
       select id, session_id from rounds
       where server_id = $1
         and played_at between $2::timestamptz - make_interval(mins => $4::int)
                           and $3::timestamptz + make_interval(mins => $4::int)
     ), ids as (
       select id from nearby
       union
       select r.id from rounds r
       where r.session_id in (select session_id from nearby where session_id is not null)
     )
     select r.id, r.server_id as "serverId", r.map, r.round_number as round,
       r.played_at as "playedAt", r.local_datetime as "localDateTime",
       r.duration_seconds as "durationSeconds", r.playtime_seconds as "playtimeSeconds",
       r.time_limit_seconds as "timeLimitSeconds", r.next_time_limit_seconds as "nextTimeLimitSeconds",
       r.next_time_limit as "nextTimeLimit", r.defender_team as "defenderTeam",
       r.winner_team as "winnerTeam", r.score_confidence as "scoreConfidence",
       r.bot_count as "botCount", r.session_id as "sessionId", s.session_key as "sessionKey",
       m.match_key as "matchKey", r.round_one_id as "roundOneId", r.axis_team as "axisTeam", r.status,
       r.is_valid as "isValid", r.invalid_reason as "invalidReason",
       exists (select 1 from round_players p where p.round_id = r.id) as "hasPlayerRows",
       case when m.id is not null then jsonb_build_object('key', m.match_key, 'map', m.map,
         'mapIndex', m.map_index, 'state', m.state, 'counted', m.counted, 'ambiguous', m.ambiguous,
         'winner', m.winner, 'pointsA', m.points_a, 'pointsB', m.points_b,
         'decidedBy', m.decided_by) end as "matchState",
       coalesce((
         select jsonb_agg(jsonb_build_object('guid', p.guid, 'team', p.team) order by p.line)
         from round_players p where p.round_id = r.id and not p.is_bot
       ), '[]'::jsonb) as roster,
       f.round_meta as "roundMeta"
     from rounds r
     join raw_files f on f.id = r.id
     left join sessions s on s.id = r.session_id
     left join matches m on m.id = r.match_id
     where r.id in (select id from ids)`,
    params: [n.serverId, n.from, n.to, n.gapMinutes],
  };
}

/** A session's id, by key, inside a statement whose `$1` is the server id. */
const SESSION_BY_KEY = (key: string) =>
  `(select s.id from sessions s where s.server_id = $1 and s.session_key = ${key})`;

/** A derived session with the counts stored beside it. */
export interface SessionWrite {
  derived: SessionDerivation;
  roundCount: number;
}

/** Creates or updates sessions by key. */
export function upsertSessions(serverId: number, sessions: readonly SessionWrite[]): Statement[] {
  if (sessions.length === 0) return [];
  const payload = sessions.map(({ derived, roundCount }) => ({
    session_key: derived.key,
    first_round_at: new Date(derived.firstRoundAt * 1000).toISOString(),
    last_round_at: new Date(derived.lastRoundAt * 1000).toISOString(),
    local_date: derived.localDate,
    round_count: roundCount,
    map_count: derived.matches.length,
    team_a_name: derived.teamNames.A,
    team_b_name: derived.teamNames.B,
    team_confidence: derived.teams.confidence,
    score_a: derived.score.A,
    score_b: derived.score.B,
    maps_won_a: derived.score.mapsWonA,
    maps_won_b: derived.score.mapsWonB,
    draws: derived.score.draws,
  }));
  return [{
    text: `insert into sessions (server_id, session_key, first_round_at, last_round_at, local_date,
       round_count, map_count, team_a_name, team_b_name, team_confidence, score_a, score_b,
       maps_won_a, maps_won_b, draws)
     select $1, session_key, first_round_at, last_round_at, local_date, round_count, map_count,
       team_a_name, team_b_name, team_confidence, score_a, score_b, maps_won_a, maps_won_b, draws
     from jsonb_to_recordset($2::text::jsonb) as x(session_key text, first_round_at timestamptz,
       last_round_at timestamptz, local_date date, round_count integer, map_count integer,
       team_a_name text, team_b_name text, team_confidence text, score_a integer, score_b integer,
       maps_won_a integer, maps_won_b integer, draws integer)
     on conflict (server_id, session_key) do update set
       first_round_at = excluded.first_round_at, last_round_at = excluded.last_round_at,
       local_date = excluded.local_date, round_count = excluded.round_count,
       map_count = excluded.map_count, team_a_name = excluded.team_a_name,
       team_b_name = excluded.team_b_name, team_confidence = excluded.team_confidence,
       score_a = excluded.score_a, score_b = excluded.score_b, maps_won_a = excluded.maps_won_a,
       maps_won_b = excluded.maps_won_b, draws = excluded.draws`,
    params: [serverId, JSON.stringify(payload)],
  }];
}

/** A derived match to store, with the key of its session. */
export interface MatchWrite {
  sessionKey: string;
  match: SessionDerivation["matches"][number];
}

/** The stored fields of a derived match ({@link StoredMatchState}). */
export function matchState(match: SessionDerivation["matches"][number]): StoredMatchState {
  return {
    key: match.key,
    map: match.map,
    mapIndex: match.mapIndex,
    state: match.state,
    counted: match.counted,
    ambiguous: match.score?.ambiguous ?? false,
    winner: match.score?.winner ?? null,
    pointsA: match.score?.pointsA ?? 0,
    pointsB: match.score?.pointsB ?? 0,
    decidedBy: match.score?.decidedBy ?? "not_counted",
  };
}

/** Upserts matches by key (into their session, by key), and deletes matches that no longer exist. */
export function writeMatches(
  serverId: number,
  matches: readonly MatchWrite[],
  stale: readonly { key: string; map: string }[],
): Statement[] {
  const statements: Statement[] = [];
  if (stale.length > 0) {
    statements.push({
      text: `delete from matches m using unnest($2::text[], $3::text[]) as k(match_key, map)
       where m.server_id = $1 and m.match_key = k.match_key and m.map = k.map`,
      params: [serverId, stale.map((m) => m.key), stale.map((m) => m.map)],
    });
  }
  if (matches.length > 0) {
    statements.push({
      text: `insert into matches (server_id, session_id, match_key, map, map_index, state, counted,
         ambiguous, winner, points_a, points_b, decided_by)
       select $1, ${SESSION_BY_KEY("x.session_key")}, match_key, map, map_index, state, counted,
         ambiguous, winner, points_a, points_b, decided_by
       from jsonb_to_recordset($2::text::jsonb) as x(session_key text, match_key text, map text,
         map_index integer, state text, counted boolean, ambiguous boolean, winner text,
         points_a integer, points_b integer, decided_by text)
       on conflict (server_id, match_key, map) do update set
         session_id = excluded.session_id, map_index = excluded.map_index, state = excluded.state,
         counted = excluded.counted, ambiguous = excluded.ambiguous, winner = excluded.winner,
         points_a = excluded.points_a, points_b = excluded.points_b,
         decided_by = excluded.decided_by`,
      params: [
        serverId,
        JSON.stringify(matches.map(({ sessionKey, match }) => {
          const m = matchState(match);
          return {
            session_key: sessionKey,
            match_key: m.key,
            map: m.map,
            map_index: m.mapIndex,
            state: m.state,
            counted: m.counted,
            ambiguous: m.ambiguous,
            winner: m.winner,
            points_a: m.pointsA,
            points_b: m.pointsB,
            decided_by: m.decidedBy,
          };
        })),
      ],
    });
  }
  return statements;
}

export interface RoundStateUpdate {
  id: number;
  sessionKey: string;
  matchKey: string | null;
  map: string;
  roundOneId: number | null;
  axisTeam: "A" | "B" | null;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
}

/** Writes the derived state of rounds (session and match by key). */
export function updateRoundStates(
  serverId: number,
  updates: readonly RoundStateUpdate[],
): Statement[] {
  if (updates.length === 0) return [];
  return [{
    text: `update rounds r set session_id = ${SESSION_BY_KEY("x.session_key")},
       match_id = (select m.id from matches m
         where m.server_id = $1 and m.match_key = x.match_key and m.map = x.map),
       round_one_id = x.round_one_id, axis_team = x.axis_team, status = x.status,
       is_valid = x.is_valid, invalid_reason = x.invalid_reason
     from jsonb_to_recordset($2::text::jsonb) as x(id integer, session_key text, match_key text,
       map text, round_one_id integer, axis_team text, status text, is_valid boolean,
       invalid_reason text)
     where r.id = x.id`,
    params: [
      serverId,
      JSON.stringify(updates.map((u) => ({
        id: u.id,
        session_key: u.sessionKey,
        match_key: u.matchKey,
        map: u.map,
        round_one_id: u.roundOneId,
        axis_team: u.axisTeam,
        status: u.status,
        is_valid: u.isValid,
        invalid_reason: u.invalidReason,
      }))),
    ],
  }];
}

/** Deletes sessions that no longer exist (their rounds were moved to another first). */
export function deleteSessions(ids: readonly number[]): Statement[] {
  return ids.length === 0
    ? []
    : [{ text: "delete from sessions where id = any($1::int[])", params: [ids] }];
}

/** Replaces sessions' persistent-team rosters. */
export function writeSessionPlayers(
  serverId: number,
  sessions: readonly SessionWrite[],
): Statement[] {
  if (sessions.length === 0) return [];
  const rows = sessions.flatMap(({ derived }) =>
    [...derived.teams.members].map(([guid, team]) => ({ session_key: derived.key, guid, team }))
  );
  return [
    {
      text: `delete from session_players sp using sessions s
       where s.id = sp.session_id and s.server_id = $1 and s.session_key = any($2::text[])`,
      params: [serverId, sessions.map((s) => s.derived.key)],
    },
    {
      text: `insert into session_players (session_id, guid, team)
       select ${SESSION_BY_KEY("x.session_key")}, guid, team
       from jsonb_to_recordset($2::text::jsonb) as x(session_key text, guid text, team text)`,
      params: [serverId, JSON.stringify(rows)],
    },
  ];
}

function totalsInsert(table: string, keys: readonly string[], where: string): string {
  const columns = [...keys, ...TOTAL_COLUMNS.map((c) => c.column)].join(", ");
  const values = [...keys.map((k) => `p.${k}`), ...TOTAL_COLUMNS.map((c) => c.sum)].join(", ");
  return `insert into ${table} (${columns})
    select ${values}
    from counted_player_rounds p
    left join round_weapons w on w.round_id = p.round_id and w.guid = p.guid
      and w.weapon_id = ${GRENADE_WEAPON_ID}
    where ${where}
    group by ${keys.map((k) => `p.${k}`).join(", ")}`;
}

/** Upsert of pre-summed rows (`x`, with a session key) that adds them to what is stored. */
function totalsAdd(table: string, keys: readonly string[]): string {
  const columns = TOTAL_COLUMNS.map((c) => c.column);
  const sets = columns.map((name) => `${name} = ${table}.${name} + excluded.${name}`).join(", ");
  const types = columns.map((name) => `${name} bigint`).join(", ");
  const rest = keys.slice(1).map((k) => `x.${k}`).join(", ");
  return `insert into ${table} (${[...keys, ...columns].join(", ")})
    select ${SESSION_BY_KEY("x.session_key")}, ${rest}, ${
    columns.map((name) => `x.${name}`).join(", ")
  }
    from jsonb_to_recordset($2::text::jsonb) as x(session_key text, guid text, map text, ${types})
    order by ${rest}
    on conflict (${keys.join(", ")}) do update set ${sets}`;
}

/** Sessions of a server by key, as an `in (…)` operand: `$1` server id, `$2` keys. */
const SESSIONS_BY_KEYS =
  "(select id from sessions where server_id = $1 and session_key = any($2::text[]))";

const WEAPON_SUMS = `select p.session_id, p.guid, w.weapon_id, count(*), sum(w.hits), sum(w.shots),
    sum(w.kills), sum(w.deaths), sum(w.headshots)
  from counted_player_rounds p
  join round_weapons w on w.round_id = p.round_id and w.guid = p.guid`;
const WEAPON_COLUMNS = "session_id, guid, weapon_id, rounds, hits, shots, kills, deaths, headshots";

const MATCH_TOTALS =
  `insert into player_match_totals (match_id, guid, kills, headshots, damage_given,
    xp, revives_given, gibs)
  select m.id, p.guid, sum(p.kills), sum(p.headshots), sum(p.damage_given), sum(p.xp),
    sum(p.revives_given), sum(p.gibs)
  from matches m
  join counted_player_rounds p on p.match_id = m.id and p.played_seconds > 0`;

const ADD_SESSION_TOTALS = totalsAdd("player_session_totals", ["session_id", "guid"]);
const ADD_SESSION_MAPS = totalsAdd("player_session_maps", ["session_id", "guid", "map"]);

/** New counted rows of one round, to add to its session's totals. */
export interface CountedRows {
  sessionKey: string;
  map: string;
  players: readonly RoundPlayer[];
}

/**
 * Adds newly counted rounds' rows to their sessions' totals (per player, per map, per weapon).
 * Only valid when nothing else in those sessions changed (no status, validity or pairing change).
 */
export function addRowsToTotals(serverId: number, rounds: readonly CountedRows[]): Statement[] {
  const sessions = new Map<string, Record<string, unknown>>();
  const maps = new Map<string, Record<string, unknown>>();
  const weapons = new Map<string, Record<string, unknown>>();
  const add = (
    target: Map<string, Record<string, unknown>>,
    key: string,
    base: Record<string, unknown>,
    p: RoundPlayer,
  ) => {
    const row = target.get(key) ??
      { ...base, ...Object.fromEntries(TOTAL_COLUMNS.map((c) => [c.column, 0])) };
    for (const c of TOTAL_COLUMNS) row[c.column] = (row[c.column] as number) + c.of(p);
    target.set(key, row);
  };
  for (const round of rounds) {
    for (const p of round.players) {
      if (p.isBot) continue;
      add(sessions, `${round.sessionKey}|${p.guid}`, {
        session_key: round.sessionKey,
        guid: p.guid,
      }, p);
      add(maps, `${round.sessionKey}|${p.guid}|${round.map}`, {
        session_key: round.sessionKey,
        guid: p.guid,
        map: round.map,
      }, p);
      for (const w of p.weapons) {
        const key = `${round.sessionKey}|${p.guid}|${w.id}`;
        const row = weapons.get(key) ??
          {
            session_key: round.sessionKey,
            guid: p.guid,
            weapon_id: w.id,
            rounds: 0,
            hits: 0,
            shots: 0,
            kills: 0,
            deaths: 0,
            headshots: 0,
          };
        for (const stat of ["hits", "shots", "kills", "deaths", "headshots"] as const) {
          row[stat] = (row[stat] as number) + w[stat];
        }
        row.rounds = (row.rounds as number) + 1;
        weapons.set(key, row);
      }
    }
  }
  if (sessions.size === 0) return [];
  return [
    { text: ADD_SESSION_TOTALS, params: [serverId, JSON.stringify([...sessions.values()])] },
    { text: ADD_SESSION_MAPS, params: [serverId, JSON.stringify([...maps.values()])] },
    {
      text: `insert into player_session_weapons (${WEAPON_COLUMNS})
       select ${SESSION_BY_KEY("x.session_key")}, x.guid, x.weapon_id, x.rounds, x.hits, x.shots,
         x.kills, x.deaths, x.headshots
       from jsonb_to_recordset($2::text::jsonb) as x(session_key text, guid text, weapon_id integer,
         rounds integer, hits bigint, shots bigint, kills integer, deaths integer, headshots integer)
       order by x.guid, x.weapon_id
       on conflict (session_id, guid, weapon_id) do update set
         rounds = player_session_weapons.rounds + excluded.rounds,
         hits = player_session_weapons.hits + excluded.hits,
         shots = player_session_weapons.shots + excluded.shots,
         kills = player_session_weapons.kills + excluded.kills,
         deaths = player_session_weapons.deaths + excluded.deaths,
         headshots = player_session_weapons.headshots + excluded.headshots`,
      params: [serverId, JSON.stringify([...weapons.values()])],
    },
  ];
}

/** Recomputes the player totals of some matches of a server (by key and map). */
export function refreshMatchTotals(
  serverId: number,
  matches: readonly { matchKey: string; map: string }[],
): Statement[] {
  if (matches.length === 0) return [];
  const params = [serverId, matches.map((m) => m.matchKey), matches.map((m) => m.map)];
  const selected = `(select m.id from matches m
    join unnest($2::text[], $3::text[]) as k(match_key, map) on k.match_key = m.match_key and k.map = m.map
    where m.server_id = $1)`;
  return [
    { text: `delete from player_match_totals where match_id in ${selected}`, params },
    {
      text: `${MATCH_TOTALS} where m.counted and m.id in ${selected} group by m.id, p.guid`,
      params,
    },
  ];
}

/** Recomputes every per-session and per-match player total of sessions (by key) from their counted rounds. */
export function refreshSessionTotals(
  serverId: number,
  sessionKeys: readonly string[],
): Statement[] {
  if (sessionKeys.length === 0) return [];
  const params = [serverId, sessionKeys];
  const inSessions = `p.session_id in ${SESSIONS_BY_KEYS}`;
  return [
    { text: `delete from player_session_totals where session_id in ${SESSIONS_BY_KEYS}`, params },
    { text: totalsInsert("player_session_totals", ["session_id", "guid"], inSessions), params },
    { text: `delete from player_session_maps where session_id in ${SESSIONS_BY_KEYS}`, params },
    {
      text: totalsInsert("player_session_maps", ["session_id", "guid", "map"], inSessions),
      params,
    },
    { text: `delete from player_session_weapons where session_id in ${SESSIONS_BY_KEYS}`, params },
    {
      text: `insert into player_session_weapons (${WEAPON_COLUMNS})
       ${WEAPON_SUMS}
       where ${inSessions}
       group by p.session_id, p.guid, w.weapon_id`,
      params,
    },
    {
      text: `delete from player_match_totals
       where match_id in (select id from matches where session_id in ${SESSIONS_BY_KEYS})`,
      params,
    },
    {
      text:
        `${MATCH_TOTALS} where m.session_id in ${SESSIONS_BY_KEYS} and m.counted group by m.id, p.guid`,
      params,
    },
  ];
}

/** Where rounds ended up, for the upload's answer. */
export function roundStates(ids: readonly number[]): Statement {
  return {
    text: `select r.id, r.status, r.match_id as "matchId", m.match_key as "matchKey",
       r.session_id as "sessionId", s.session_key as "sessionKey", r.warnings
     from rounds r
     left join matches m on m.id = r.match_id
     left join sessions s on s.id = r.session_id
     where r.id = any($1::int[])`,
    params: [ids],
  };
}

/** Lower-cased map names excluded by an admin. */
export async function excludedMapNames(db: Db): Promise<string[]> {
  const rows = await db.query<{ map: string }>("select map from excluded_maps order by map");
  return rows.map((row) => row.map);
}
