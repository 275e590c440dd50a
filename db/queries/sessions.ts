/** Read model of gaming sessions: lists and the full recap of one session. */
import type { Db } from "../client.ts";
import { type PlayerSums, SUM_COLUMNS, TOTALS_SUM_COLUMNS } from "./sums.ts";

export interface SessionSummaryRow {
  id: number;
  key: string;
  server: string;
  date: string;
  startedAt: string;
  endedAt: string;
  rounds: number;
  maps: number;
  players: number;
  teamAName: string;
  teamBName: string;
  scoreA: number;
  scoreB: number;
  mapsWonA: number;
  mapsWonB: number;
  draws: number;
  teamConfidence: string;
  /** Rounds replayed after a roster change: counted for careers, left out of session views. */
  substitutions: number;
}

const SUMMARY = `
  select s.id, s.session_key as key, sv.name as server, s.local_date as date,
    s.first_round_at as "startedAt", s.last_round_at as "endedAt", s.round_count as rounds,
    s.map_count as maps,
    (select count(*)::int from session_players sp where sp.session_id = s.id) as players,
    s.team_a_name as "teamAName", s.team_b_name as "teamBName", s.score_a as "scoreA",
    s.score_b as "scoreB", s.maps_won_a as "mapsWonA", s.maps_won_b as "mapsWonB", s.draws,
    s.team_confidence as "teamConfidence",
    (select count(*)::int from rounds r where r.session_id = s.id and r.status = 'substitution')
      as substitutions
  from sessions s join servers sv on sv.id = s.server_id`;

/** Sessions, most recent first. */
export async function listSessions(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ items: SessionSummaryRow[]; total: number }> {
  const [items, total] = await Promise.all([
    db.query<SessionSummaryRow>(
      `${SUMMARY} order by s.last_round_at desc, s.id desc limit $1 offset $2`,
      [page.limit, page.offset],
    ),
    db.query<{ n: number }>("select count(*)::int as n from sessions"),
  ]);
  return { items, total: total[0]!.n };
}

/** One session's summary row, or null. */
export async function sessionSummary(db: Db, id: number): Promise<SessionSummaryRow | null> {
  return (await db.query<SessionSummaryRow>(`${SUMMARY} where s.id = $1`, [id]))[0] ?? null;
}

/** Id of the session whose last round is the most recent. */
export async function latestSessionId(db: Db): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    "select id from sessions order by last_round_at desc, id desc limit 1",
  );
  return rows[0]?.id ?? null;
}

export interface SessionMapRow {
  matchId: number;
  key: string;
  map: string;
  index: number;
  state: string;
  counted: boolean;
  ambiguous: boolean;
  winner: "A" | "B" | "draw" | null;
  pointsA: number;
  pointsB: number;
  decidedBy: string;
}

export interface SessionRoundRow {
  id: number;
  matchId: number | null;
  round: number;
  fileName: string;
  map: string;
  playedAt: string;
  localDateTime: string;
  durationSeconds: number;
  defenderTeam: number;
  winnerTeam: number;
  outcome: string;
  timeLimit: string;
  nextTimeLimit: string;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
  mvpGuid: string | null;
  mvpName: string | null;
  sideOneTeam: "A" | "B" | null;
}

export interface SessionPlayerRow extends PlayerSums {
  guid: string;
  name: string;
  team: "A" | "B" | null;
}

/** Maps, rounds, rosters and per-player totals of one session (session views use completed rounds only). */
export async function sessionDetail(
  db: Db,
  id: number,
  options: { substitutions: number },
): Promise<{
  maps: SessionMapRow[];
  rounds: SessionRoundRow[];
  players: SessionPlayerRow[];
}> {
  const [maps, rounds, players] = await Promise.all([
    db.query<SessionMapRow>(
      `select id as "matchId", match_key as key, map, map_index as index, state, counted, ambiguous,
         winner, points_a as "pointsA", points_b as "pointsB", decided_by as "decidedBy"
       from matches where session_id = $1 order by map_index`,
      [id],
    ),
    db.query<SessionRoundRow>(
      `select r.id, r.match_id as "matchId", r.round_number as round, r.file_name as "fileName",
         r.map, r.played_at as "playedAt", r.local_datetime as "localDateTime",
         r.duration_seconds as "durationSeconds", r.defender_team as "defenderTeam",
         r.winner_team as "winnerTeam", r.outcome, r.time_limit as "timeLimit",
         r.next_time_limit as "nextTimeLimit", r.status, r.is_valid as "isValid",
         r.invalid_reason as "invalidReason", r.mvp_guid as "mvpGuid", n.name as "mvpName",
         r.axis_team as "sideOneTeam"
       from rounds r left join player_names n on n.guid = r.mvp_guid
       where r.session_id = $1 order by r.played_at, r.id`,
      [id],
    ),
    options.substitutions > 0
      ? db.query<SessionPlayerRow>(
        `select p.guid, n.name, sp.team, ${SUM_COLUMNS}
         from counted_player_rounds p
         join player_names n on n.guid = p.guid
         left join session_players sp on sp.session_id = p.session_id and sp.guid = p.guid
         where p.session_id = $1 and p.round_status = 'completed'
         group by p.guid, n.name, sp.team
         order by sum(p.kills) desc, n.name`,
        [id],
      )
      // Without replayed rounds, the session's stored totals are exactly its completed rounds.
      : db.query<SessionPlayerRow>(
        `select t.guid, n.name, sp.team, ${TOTALS_SUM_COLUMNS}
         from player_session_totals t
         join player_names n on n.guid = t.guid
         left join session_players sp on sp.session_id = t.session_id and sp.guid = t.guid
         where t.session_id = $1
         group by t.guid, n.name, sp.team
         order by sum(t.kills) desc, n.name`,
        [id],
      ),
  ]);
  return { maps, rounds, players };
}

/** The persistent team rosters of a session with display names. */
export async function sessionRosters(
  db: Db,
  id: number,
): Promise<{ guid: string; name: string; team: "A" | "B" }[]> {
  return await db.query(
    `select sp.guid, n.name, sp.team from session_players sp join player_names n on n.guid = sp.guid
     where sp.session_id = $1 order by sp.team, n.name`,
    [id],
  );
}

/** Id of the latest session that started on a local date (`YYYY-MM-DD`), or null. */
export async function latestSessionIdOn(db: Db, date: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `select id from sessions where local_date = $1::date
     order by first_round_at desc, id desc limit 1`,
    [date],
  );
  return rows[0]?.id ?? null;
}
