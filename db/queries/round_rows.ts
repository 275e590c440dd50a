/**
 * Statements writing rounds, their players, weapons and aliases, a batch at a time. They are
 * built, not run: the pipeline sends them together in one round trip (`Db.script`).
 */
import { EXTENDED_FIELDS } from "../../domain/extended_fields.ts";
import type { ParsedRound, RoundPlayer } from "../../domain/parsed_round.ts";
import type { Statement } from "../client.ts";
import {
  columnArrays,
  fieldColumn,
  PLAYER_ROW_COLUMNS,
  unnestInsert,
  WEAPON_ROW_COLUMNS,
} from "../player_columns.ts";

export interface RoundInsert {
  id: number;
  serverId: number;
  playedAt: string;
  round: ParsedRound;
}

/**
 * Inserts the round rows of parsed files (a round's id is its raw file's id). Their session state
 * is a placeholder (`invalid_reason = 'pending'`) until the session is derived.
 */
export function insertRounds(rows: readonly RoundInsert[]): Statement[] {
  if (rows.length === 0) return [];
  const payload = rows.map(({ id, serverId, playedAt, round }) => {
    const h = round.header;
    return {
      id,
      server_id: serverId,
      file_name: round.file.fileName,
      map: round.file.map,
      round_number: round.file.round,
      local_datetime: round.file.localDateTime,
      played_at: playedAt,
      server_name: h.serverName,
      config: h.config,
      defender_team: h.defenderTeam,
      winner_team: h.winnerTeam,
      score_confidence: h.scoreConfidence,
      outcome: h.outcome,
      stopwatch_state: h.stopwatchState,
      time_limit: h.timeLimit,
      time_limit_seconds: h.timeLimitSeconds,
      next_time_limit: h.nextTimeLimit,
      next_time_limit_seconds: h.nextTimeLimitSeconds,
      playtime_seconds: h.playtimeSeconds,
      time_to_beat_seconds: h.timeToBeatSeconds,
      duration_seconds: h.durationSeconds,
      possibly_partial: h.possiblyPartial,
      bot_count: round.botCount,
      human_count: round.humanCount,
      is_bot_round: round.isBotRound,
      mvp_guid: round.mvpGuid,
      warnings: round.warnings,
    };
  });
  return [{
    text:
      `insert into rounds (id, server_id, file_name, map, round_number, local_datetime, played_at,
       server_name, config, defender_team, winner_team, score_confidence, outcome, stopwatch_state,
       time_limit, time_limit_seconds, next_time_limit, next_time_limit_seconds, playtime_seconds,
       time_to_beat_seconds, duration_seconds, possibly_partial, bot_count, human_count,
       is_bot_round, mvp_guid, status, is_valid, invalid_reason, warnings)
     select id, server_id, file_name, map, round_number, local_datetime, played_at, server_name,
       config, defender_team, winner_team, score_confidence, outcome, stopwatch_state, time_limit,
       time_limit_seconds, next_time_limit, next_time_limit_seconds, playtime_seconds,
       time_to_beat_seconds, duration_seconds, possibly_partial, bot_count, human_count,
       is_bot_round, mvp_guid, 'completed', false, 'pending', warnings
     from jsonb_to_recordset($1::text::jsonb) as x(id integer, server_id integer, file_name text,
       map text, round_number integer, local_datetime timestamp, played_at timestamptz,
       server_name text, config text, defender_team integer, winner_team integer,
       score_confidence text, outcome text, stopwatch_state text, time_limit text,
       time_limit_seconds integer, next_time_limit text, next_time_limit_seconds integer,
       playtime_seconds double precision, time_to_beat_seconds integer, duration_seconds integer,
       possibly_partial boolean, bot_count integer, human_count integer, is_bot_round boolean,
       mvp_guid text, warnings jsonb)`,
    params: [JSON.stringify(payload)],
  }];
}

/** A round's players, to be stored as the round's player rows. */
export interface PlayerRowsOfRound {
  roundId: number;
  /** `YYYY-MM-DD` of the round (players' first/last seen). */
  date: string;
  players: readonly RoundPlayer[];
}

const insertPlayersSql = unnestInsert("round_players", PLAYER_ROW_COLUMNS);
const insertWeaponsSql = unnestInsert("round_weapons", WEAPON_ROW_COLUMNS);

function playerRow(roundId: number, p: RoundPlayer): Record<string, unknown> {
  const row: Record<string, unknown> = {
    round_id: roundId,
    guid: p.guid,
    written_guid: p.writtenGuid,
    name: p.name,
    raw_name: p.rawName,
    team: p.team,
    is_bot: p.isBot,
    line: p.line,
    differential: p.differential ?? null,
    kills: p.metrics.kills,
    deaths: p.metrics.deaths,
    headshots: p.metrics.headshots,
    hits: p.metrics.hits,
    shots: p.metrics.shots,
    played_seconds: p.metrics.playedSeconds,
    time_dead_seconds: p.metrics.timeDeadSeconds,
    mvp_score: p.metrics.mvpScore,
  };
  for (const field of EXTENDED_FIELDS) row[fieldColumn(field.key)] = p.fields[field.key];
  return row;
}

/**
 * Creates or refreshes the players of rounds (first/last seen never move backwards), inserts every
 * player row and weapon row, and counts the rows' names as aliases.
 */
export function insertPlayerRows(rounds: readonly PlayerRowsOfRound[]): Statement[] {
  if (rounds.length === 0) return [];
  const seen = new Map<string, { guid: string; is_bot: boolean; first: string; last: string }>();
  for (const round of rounds) {
    for (const p of round.players) {
      const known = seen.get(p.guid);
      if (!known) {
        seen.set(p.guid, { guid: p.guid, is_bot: p.isBot, first: round.date, last: round.date });
      } else {
        if (round.date < known.first) known.first = round.date;
        if (round.date > known.last) known.last = round.date;
      }
    }
  }
  const rows = rounds.flatMap((round) => round.players.map((p) => playerRow(round.roundId, p)));
  const weapons = rounds.flatMap((round) =>
    round.players.flatMap((p) =>
      p.weapons.map((w) => ({
        round_id: round.roundId,
        guid: p.guid,
        weapon_id: w.id,
        hits: w.hits,
        shots: w.shots,
        kills: w.kills,
        deaths: w.deaths,
        headshots: w.headshots,
      }))
    )
  );
  const aliases = rounds.flatMap((round) =>
    round.players.map((p) => ({ guid: p.guid, name: p.name, seen: round.date }))
  );
  return [
    {
      text: `insert into players (guid, is_bot, first_seen, last_seen)
       select guid, is_bot, first, last
       from jsonb_to_recordset($1::text::jsonb) as x(guid text, is_bot boolean, first date, last date)
       order by guid
       on conflict (guid) do update set
         first_seen = least(players.first_seen, excluded.first_seen),
         last_seen = greatest(players.last_seen, excluded.last_seen)`,
      params: [JSON.stringify([...seen.values()])],
    },
    { text: insertPlayersSql, params: columnArrays(PLAYER_ROW_COLUMNS, rows) },
    ...(weapons.length > 0
      ? [{ text: insertWeaponsSql, params: columnArrays(WEAPON_ROW_COLUMNS, weapons) }]
      : []),
    {
      text: `insert into aliases (guid, name, first_seen, last_seen, times_seen)
       select guid, name, min(seen), max(seen), count(*)
       from jsonb_to_recordset($1::text::jsonb) as x(guid text, name text, seen date)
       group by guid, name
       order by guid, name
       on conflict (guid, name) do update set
         times_seen = aliases.times_seen + excluded.times_seen,
         first_seen = least(aliases.first_seen, excluded.first_seen),
         last_seen = greatest(aliases.last_seen, excluded.last_seen)`,
      params: [JSON.stringify(aliases)],
    },
  ];
}

/** Removes rounds' player and weapon rows (before they are derived again), and their aliases' counts. */
export function deletePlayerRows(roundIds: readonly number[]): Statement[] {
  if (roundIds.length === 0) return [];
  return [
    {
      text: `with gone as (
         delete from round_players where round_id = any($1::int[]) returning guid, name
       )
       update aliases a set times_seen = a.times_seen - g.rows
       from (select guid, name, count(*)::int as rows from gone group by guid, name) g
       where a.guid = g.guid and a.name = g.name`,
      params: [roundIds],
    },
    // An alias no stored row carries any more is gone (as a rebuild would leave it).
    { text: "delete from aliases where times_seen <= 0" },
  ];
}

/** Stores what rounds' current player rows imply: their MVP and their warnings. */
export function setRoundPlayerFacts(
  facts: readonly { roundId: number; mvpGuid: string | null; warnings: unknown[] }[],
): Statement[] {
  if (facts.length === 0) return [];
  return [{
    text: `update rounds r set mvp_guid = x.mvp_guid, warnings = x.warnings
     from jsonb_to_recordset($1::text::jsonb) as x(id integer, mvp_guid text, warnings jsonb)
     where r.id = x.id`,
    params: [
      JSON.stringify(
        facts.map((f) => ({ id: f.roundId, mvp_guid: f.mvpGuid, warnings: f.warnings })),
      ),
    ],
  }];
}
