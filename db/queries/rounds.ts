/** Read model of one round: header facts, every player's numbers and weapons. */
import { EXTENDED_FIELDS, type ExtendedFields } from "../../domain/extended_fields.ts";
import type { Db } from "../client.ts";
import { fieldColumn } from "../player_columns.ts";

export interface RoundRow {
  id: number;
  server: string;
  fileName: string;
  map: string;
  round: number;
  playedAt: string;
  localDateTime: string;
  serverName: string;
  config: string;
  defenderTeam: number;
  winnerTeam: number;
  scoreConfidence: string;
  outcome: string;
  stopwatchState: string;
  timeLimit: string;
  timeLimitSeconds: number | null;
  nextTimeLimit: string;
  nextTimeLimitSeconds: number | null;
  timeToBeatSeconds: number | null;
  durationSeconds: number;
  possiblyPartial: boolean;
  botCount: number;
  humanCount: number;
  status: string;
  isValid: boolean;
  invalidReason: string | null;
  mvpGuid: string | null;
  sessionId: number | null;
  sessionKey: string | null;
  matchId: number | null;
  matchKey: string | null;
  roundOneId: number | null;
  warnings: unknown[];
}

export interface RoundPlayerRow {
  guid: string;
  name: string;
  rawName: string;
  team: number;
  isBot: boolean;
  differential: string | null;
  kills: number;
  deaths: number;
  headshots: number;
  hits: number;
  shots: number;
  playedSeconds: number;
  timeDeadSeconds: number;
  mvpScore: number;
  fields: ExtendedFields;
  weapons: {
    id: number;
    hits: number;
    shots: number;
    kills: number;
    deaths: number;
    headshots: number;
  }[];
}

const FIELD_SELECT = EXTENDED_FIELDS.map((f) => `'${f.key}', p.${fieldColumn(f.key)}`).join(", ");

/** One round with its players (in file order), or null. */
export async function roundDetail(
  db: Db,
  id: number,
): Promise<{ round: RoundRow; players: RoundPlayerRow[] } | null> {
  const [rounds, players] = await Promise.all([
    db.query<RoundRow>(
      `select r.id, sv.name as server, r.file_name as "fileName", r.map, r.round_number as round,
         r.played_at as "playedAt", r.local_datetime as "localDateTime",
         r.server_name as "serverName", r.config, r.defender_team as "defenderTeam",
         r.winner_team as "winnerTeam", r.score_confidence as "scoreConfidence", r.outcome,
         r.stopwatch_state as "stopwatchState", r.time_limit as "timeLimit",
         r.time_limit_seconds as "timeLimitSeconds", r.next_time_limit as "nextTimeLimit",
         r.next_time_limit_seconds as "nextTimeLimitSeconds",
         r.time_to_beat_seconds as "timeToBeatSeconds", r.duration_seconds as "durationSeconds",
         r.possibly_partial as "possiblyPartial", r.bot_count as "botCount",
         r.human_count as "humanCount", r.status, r.is_valid as "isValid",
         r.invalid_reason as "invalidReason", r.mvp_guid as "mvpGuid", r.session_id as "sessionId",
         s.session_key as "sessionKey", r.match_id as "matchId", m.match_key as "matchKey",
         r.round_one_id as "roundOneId", r.warnings
       from rounds r join servers sv on sv.id = r.server_id
       left join sessions s on s.id = r.session_id left join matches m on m.id = r.match_id
       where r.id = $1`,
      [id],
    ),
    db.query<RoundPlayerRow>(
      `select p.guid, p.name, p.raw_name as "rawName", p.team, p.is_bot as "isBot", p.differential,
         p.kills, p.deaths, p.headshots, p.hits, p.shots, p.played_seconds as "playedSeconds",
         p.time_dead_seconds as "timeDeadSeconds", p.mvp_score as "mvpScore",
         jsonb_build_object(${FIELD_SELECT}) as fields,
         coalesce((select jsonb_agg(jsonb_build_object('id', w.weapon_id, 'hits', w.hits,
             'shots', w.shots, 'kills', w.kills, 'deaths', w.deaths, 'headshots', w.headshots)
             order by w.weapon_id)
           from round_weapons w where w.round_id = p.round_id and w.guid = p.guid), '[]') as weapons
       from round_players p where p.round_id = $1 order by p.line`,
      [id],
    ),
  ]);
  const round = rounds[0];
  return round ? { round, players } : null;
}

/** Id of the most recent round (by file time), or null. */
export async function latestRoundId(db: Db): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    "select id from rounds order by played_at desc, id desc limit 1",
  );
  return rows[0]?.id ?? null;
}
