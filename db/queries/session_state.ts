/** Reads and writes of what is derived per gaming session (sessions, matches, round states, totals). */
import type { SessionDerivation } from "../../domain/derive_session.ts";
import type { RosterEntry } from "../../domain/session_round.ts";
import type { Db } from "../client.ts";

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
  matchId: number | null;
  roundOneId: number | null;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
  hasPlayerRows: boolean;
}

const NEIGHBOURHOOD = `
  with nearby as (
    select id, session_id from rounds
    where server_id = $1
      and played_at between $2::timestamptz - make_interval(mins => $4)
                        and $3::timestamptz + make_interval(mins => $4)
  ), ids as (
    select id from nearby
    union
    select r.id from rounds r
    where r.session_id in (select session_id from nearby where session_id is not null)
  )`;

/** A window of play on one server: rounds between `from` and `to`, widened by the session gap. */
export interface Neighbourhood {
  serverId: number;
  from: string;
  to: string;
  gapMinutes: number;
}

const neighbourhoodParams = (n: Neighbourhood) => [n.serverId, n.from, n.to, n.gapMinutes];

/**
 * The rounds whose session can change when rounds appear in the window: every round in it, and
 * every round of the sessions those belong to; with their derived state.
 */
export async function loadNeighbourhoodRounds(
  tx: Db,
  n: Neighbourhood,
): Promise<StoredSessionRound[]> {
  return await tx.query<StoredSessionRound>(
    `${NEIGHBOURHOOD}
     select r.id, r.server_id as "serverId", r.map, r.round_number as round,
       r.played_at as "playedAt", r.local_datetime as "localDateTime",
       r.duration_seconds as "durationSeconds", r.playtime_seconds as "playtimeSeconds",
       r.time_limit_seconds as "timeLimitSeconds", r.next_time_limit_seconds as "nextTimeLimitSeconds",
       r.next_time_limit as "nextTimeLimit", r.defender_team as "defenderTeam",
       r.winner_team as "winnerTeam", r.score_confidence as "scoreConfidence",
       r.bot_count as "botCount", r.session_id as "sessionId", r.match_id as "matchId",
       r.round_one_id as "roundOneId", r.status, r.is_valid as "isValid",
       r.invalid_reason as "invalidReason",
       exists (select 1 from round_players p where p.round_id = r.id) as "hasPlayerRows"
     from rounds r where r.id in (select id from ids)`,
    neighbourhoodParams(n),
  );
}

/** Human players and their sides, per round of the window's neighbourhood. */
export async function loadNeighbourhoodRosters(
  tx: Db,
  n: Neighbourhood,
): Promise<Map<number, RosterEntry[]>> {
  const rows = await tx.query<{ roundId: number; guid: string; team: number }>(
    `${NEIGHBOURHOOD}
     select round_id as "roundId", guid, team from round_players
     where round_id in (select id from ids) and not is_bot order by round_id, line`,
    neighbourhoodParams(n),
  );
  const rosters = new Map<number, RosterEntry[]>();
  for (const row of rows) {
    const roster = rosters.get(row.roundId) ?? [];
    roster.push({ guid: row.guid, team: row.team });
    rosters.set(row.roundId, roster);
  }
  return rosters;
}

/** A derived session with the counts stored beside it. */
export interface SessionWrite {
  derived: SessionDerivation;
  roundCount: number;
}

/** Creates or updates sessions by key; returns their ids by key. */
export async function upsertSessions(
  tx: Db,
  serverId: number,
  sessions: readonly SessionWrite[],
): Promise<Map<string, number>> {
  if (sessions.length === 0) return new Map();
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
  const rows = await tx.query<{ id: number; key: string }>(
    `insert into sessions (server_id, session_key, first_round_at, last_round_at, local_date,
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
       maps_won_b = excluded.maps_won_b, draws = excluded.draws
     returning id, session_key as key`,
    [serverId, JSON.stringify(payload)],
  );
  return new Map(rows.map((row) => [row.key, row.id]));
}

/**
 * Upserts the matches of sessions by key and removes the sessions' matches that no longer exist;
 * returns match ids by `<session id>/<match key>/<map>`.
 */
export async function writeMatches(
  tx: Db,
  serverId: number,
  sessions: readonly { sessionId: number; derived: SessionDerivation }[],
): Promise<Map<string, number>> {
  const payload = sessions.flatMap(({ sessionId, derived }) =>
    derived.matches.map((m) => ({
      session_id: sessionId,
      match_key: m.key,
      map: m.map,
      map_index: m.mapIndex,
      state: m.state,
      counted: m.counted,
      ambiguous: m.score?.ambiguous ?? false,
      winner: m.score?.winner ?? null,
      points_a: m.score?.pointsA ?? 0,
      points_b: m.score?.pointsB ?? 0,
      decided_by: m.score?.decidedBy ?? "not_counted",
    }))
  );
  const json = JSON.stringify(payload);
  const [rows] = await Promise.all([
    tx.query<{ id: number; sessionId: number; key: string; map: string }>(
      `insert into matches (server_id, session_id, match_key, map, map_index, state, counted,
         ambiguous, winner, points_a, points_b, decided_by)
       select $1, session_id, match_key, map, map_index, state, counted, ambiguous, winner,
         points_a, points_b, decided_by
       from jsonb_to_recordset($2::text::jsonb) as x(session_id integer, match_key text, map text,
         map_index integer, state text, counted boolean, ambiguous boolean, winner text,
         points_a integer, points_b integer, decided_by text)
       on conflict (server_id, match_key, map) do update set
         session_id = excluded.session_id, map_index = excluded.map_index, state = excluded.state,
         counted = excluded.counted, ambiguous = excluded.ambiguous, winner = excluded.winner,
         points_a = excluded.points_a, points_b = excluded.points_b,
         decided_by = excluded.decided_by
       returning id, session_id as "sessionId", match_key as key, map`,
      [serverId, json],
    ),
    tx.query(
      `delete from matches m where m.session_id = any($1::int[]) and not exists (
         select 1 from jsonb_to_recordset($2::text::jsonb) as x(session_id integer, match_key text,
           map text)
         where x.session_id = m.session_id and x.match_key = m.match_key and x.map = m.map)`,
      [sessions.map((s) => s.sessionId), json],
    ),
  ]);
  return new Map(rows.map((row) => [`${row.sessionId}/${row.key}/${row.map}`, row.id]));
}

export interface RoundStateUpdate {
  id: number;
  sessionId: number;
  matchId: number | null;
  roundOneId: number | null;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
}

/** Writes the derived state of rounds. */
export async function updateRoundStates(
  tx: Db,
  updates: readonly RoundStateUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  await tx.query(
    `update rounds r set session_id = x.session_id, match_id = x.match_id,
       round_one_id = x.round_one_id, status = x.status, is_valid = x.is_valid,
       invalid_reason = x.invalid_reason
     from jsonb_to_recordset($1::text::jsonb) as x(id integer, session_id integer, match_id integer,
       round_one_id integer, status text, is_valid boolean, invalid_reason text)
     where r.id = x.id`,
    [JSON.stringify(updates.map((u) => ({
      id: u.id,
      session_id: u.sessionId,
      match_id: u.matchId,
      round_one_id: u.roundOneId,
      status: u.status,
      is_valid: u.isValid,
      invalid_reason: u.invalidReason,
    })))],
  );
}

/** Deletes sessions that no longer exist (merged into another); their rounds were moved first. */
export async function deleteSessions(tx: Db, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await tx.query("delete from sessions where id = any($1::int[])", [ids]);
}

/** Replaces sessions' persistent-team rosters. */
export async function writeSessionPlayers(
  tx: Db,
  sessions: readonly { sessionId: number; members: ReadonlyMap<string, "A" | "B"> }[],
): Promise<void> {
  if (sessions.length === 0) return;
  const rows = sessions.flatMap(({ sessionId, members }) =>
    [...members].map(([guid, team]) => ({ session_id: sessionId, guid, team }))
  );
  await Promise.all([
    tx.query("delete from session_players where session_id = any($1::int[])", [
      sessions.map((s) => s.sessionId),
    ]),
    tx.query(
      `insert into session_players (session_id, guid, team)
       select session_id, guid, team
       from jsonb_to_recordset($1::text::jsonb) as x(session_id integer, guid text, team text)`,
      [JSON.stringify(rows)],
    ),
  ]);
}

/** The sums kept per player in `player_session_totals` and `player_session_maps`. */
const TOTAL_SUMS: readonly (readonly [string, string])[] = [
  ["rounds", "count(*)"],
  ["kills", "sum(p.kills)"],
  ["deaths", "sum(p.deaths)"],
  ["headshots", "sum(p.headshots)"],
  ["headshot_kills", "sum(p.headshot_kills)"],
  ["hits", "sum(p.hits)"],
  ["shots", "sum(p.shots)"],
  ["damage_given", "sum(p.damage_given)"],
  ["damage_received", "sum(p.damage_received)"],
  ["team_damage_given", "sum(p.team_damage_given)"],
  ["timed_damage_given", "sum(case when p.played_seconds > 0 then p.damage_given else 0 end)"],
  ["played_seconds", "sum(p.played_seconds)"],
  ["time_dead_seconds", "sum(p.time_dead_seconds)"],
  ["gibs", "sum(p.gibs)"],
  ["xp", "sum(p.xp)"],
  ["revives_given", "sum(p.revives_given)"],
  ["times_revived", "sum(p.times_revived)"],
  ["objectives", "sum(p.objectives_stolen + p.objectives_returned)"],
  ["dynamites_planted", "sum(p.dynamites_planted)"],
  ["dynamites_defused", "sum(p.dynamites_defused)"],
  ["useful_kills", "sum(p.useful_kills)"],
  ["denied_playtime", "sum(p.denied_playtime)"],
  [
    "multikills",
    "sum(p.multikill_2x + p.multikill_3x + p.multikill_4x + p.multikill_5x + p.multikill_6x)",
  ],
  ["grenade_kills", "coalesce(sum(w.kills), 0)"],
  ["grenade_hits", "coalesce(sum(w.hits), 0)"],
  ["grenade_rounds", "count(w.round_id)"],
];

function totalsInsert(table: string, keys: readonly string[], where: string): string {
  const columns = [...keys, ...TOTAL_SUMS.map(([name]) => name)].join(", ");
  const values = [...keys.map((k) => `p.${k}`), ...TOTAL_SUMS.map(([, sum]) => sum)].join(", ");
  return `insert into ${table} (${columns})
    select ${values}
    from counted_player_rounds p
    left join round_weapons w on w.round_id = p.round_id and w.guid = p.guid and w.weapon_id = 11
    where ${where}
    group by ${keys.map((k) => `p.${k}`).join(", ")}`;
}

/** Adds the sums of some rounds' rows to what is stored (an upsert that adds). */
function totalsAdd(table: string, keys: readonly string[]): string {
  const sets = TOTAL_SUMS.map(([name]) => `${name} = ${table}.${name} + excluded.${name}`).join(
    ", ",
  );
  return `${totalsInsert(table, keys, "p.round_id = any($1::int[])")}
    on conflict (${keys.join(", ")}) do update set ${sets}`;
}

const INSERT_SESSION_TOTALS = totalsInsert(
  "player_session_totals",
  ["session_id", "guid"],
  "p.session_id = any($1::int[])",
);
const INSERT_SESSION_MAPS = totalsInsert(
  "player_session_maps",
  ["session_id", "guid", "map"],
  "p.session_id = any($1::int[])",
);
const ADD_SESSION_TOTALS = totalsAdd("player_session_totals", ["session_id", "guid"]);
const ADD_SESSION_MAPS = totalsAdd("player_session_maps", ["session_id", "guid", "map"]);

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

/**
 * Adds newly counted rounds to their sessions' totals, and recomputes the totals of their matches.
 * Only valid when nothing else in those sessions changed (no status, validity or pairing change).
 */
export async function addRoundsToTotals(tx: Db, roundIds: readonly number[]): Promise<void> {
  if (roundIds.length === 0) return;
  const ids = [roundIds];
  await Promise.all([
    tx.query(ADD_SESSION_TOTALS, ids),
    tx.query(ADD_SESSION_MAPS, ids),
    tx.query(
      `insert into player_session_weapons (${WEAPON_COLUMNS})
       ${WEAPON_SUMS}
       where p.round_id = any($1::int[])
       group by p.session_id, p.guid, w.weapon_id
       on conflict (session_id, guid, weapon_id) do update set
         rounds = player_session_weapons.rounds + excluded.rounds,
         hits = player_session_weapons.hits + excluded.hits,
         shots = player_session_weapons.shots + excluded.shots,
         kills = player_session_weapons.kills + excluded.kills,
         deaths = player_session_weapons.deaths + excluded.deaths,
         headshots = player_session_weapons.headshots + excluded.headshots`,
      ids,
    ),
    tx.query(
      `delete from player_match_totals
       where match_id in (select match_id from rounds where id = any($1::int[]))`,
      ids,
    ),
    tx.query(
      `${MATCH_TOTALS}
       where m.counted and m.id in (select match_id from rounds where id = any($1::int[]))
       group by m.id, p.guid`,
      ids,
    ),
  ]);
}

/** Recomputes every per-session and per-match player total of sessions from their counted rounds. */
export async function refreshSessionTotals(tx: Db, sessionIds: readonly number[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const ids = [sessionIds];
  await Promise.all([
    tx.query("delete from player_session_totals where session_id = any($1::int[])", ids),
    tx.query(INSERT_SESSION_TOTALS, ids),
    tx.query("delete from player_session_maps where session_id = any($1::int[])", ids),
    tx.query(INSERT_SESSION_MAPS, ids),
    tx.query("delete from player_session_weapons where session_id = any($1::int[])", ids),
    tx.query(
      `insert into player_session_weapons (${WEAPON_COLUMNS})
       ${WEAPON_SUMS}
       where p.session_id = any($1::int[])
       group by p.session_id, p.guid, w.weapon_id`,
      ids,
    ),
    tx.query(
      `delete from player_match_totals
       where match_id in (select id from matches where session_id = any($1::int[]))`,
      ids,
    ),
    tx.query(
      `${MATCH_TOTALS} where m.session_id = any($1::int[]) and m.counted group by m.id, p.guid`,
      ids,
    ),
  ]);
}

/** Lower-cased map names excluded by an admin. */
export async function excludedMapNames(db: Db): Promise<string[]> {
  const rows = await db.query<{ map: string }>("select map from excluded_maps order by map");
  return rows.map((row) => row.map);
}
