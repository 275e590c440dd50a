/**
 * Records, the Hall of Fame (domain-rules §7.3): per category of `domain/records.ts`, the best
 * single round (counted rounds, humans, played time > 0) and the best single match (a counted map's
 * `player_match_totals`). One query per category: the rows tied on the best value, read down an
 * index on the value (migration 0002); the domain then breaks the tie (most recent, then name).
 * Bots are dropped row by row (bot flag, `OMNIBOT` GUID, `[BOT]` name), as public surfaces do.
 */
import {
  ACCURACY_RECORD_RULE,
  MATCH_RECORDS,
  type MatchCounter,
  pickRecord,
  type RecordCategory,
  ROUND_RECORDS,
  type RoundCounter,
  type RoundRecordSource,
  roundRecordValue,
} from "../../domain/records.ts";
import type { Db } from "../client.ts";
import { humanSql } from "./leaderboards.ts";

const ROUND_COLUMNS: Record<RoundCounter, string> = {
  kills: "kills",
  damageGiven: "damage_given",
  revivesGiven: "revives_given",
  gibs: "gibs",
  headshots: "headshots",
  xp: "xp",
  timesRevived: "times_revived",
  usefulKills: "useful_kills",
  objectivesStolen: "objectives_stolen",
  objectivesReturned: "objectives_returned",
  dynamitesPlanted: "dynamites_planted",
  dynamitesDefused: "dynamites_defused",
};

const MATCH_COLUMNS: Record<MatchCounter, string> = {
  damageGiven: "damage_given",
  kills: "kills",
  headshots: "headshots",
  xp: "xp",
  revivesGiven: "revives_given",
  gibs: "gibs",
};

/** Who holds a record, with what, where and when. */
export interface RecordHolder {
  value: number;
  guid: string;
  /** The holder's display name now. */
  name: string;
  map: string;
  /** ISO time of the round (of the match's last round for a match record). */
  playedAt: string;
  /** Hits and shots for accuracy; empty otherwise. */
  context: Record<string, number>;
}

export interface RoundRecord {
  key: string;
  title: string;
  unit: string;
  decimals: number;
  holder: (RecordHolder & { roundId: number; round: number; matchId: number | null }) | null;
}

export interface MatchRecord {
  key: string;
  title: string;
  unit: string;
  decimals: number;
  holder: (RecordHolder & { matchId: number; matchKey: string }) | null;
}

export interface Records {
  rounds: RoundRecord[];
  matches: MatchRecord[];
}

interface RoundRow extends Record<RoundCounter, number> {
  roundId: number;
  value: number;
  round: number;
  matchId: number | null;
  guid: string;
  name: string;
  map: string;
  playedAt: string;
  hits: number;
  shots: number;
}

const ALL_ROUND_COUNTERS = Object.entries(ROUND_COLUMNS)
  .map(([key, column]) => `p.${column} as "${key}"`).join(", ");

/** The SQL value a round record ranks: a counter column, or hits per shot (ordered like accuracy). */
function roundValueSql(source: RoundRecordSource): string {
  return source === "accuracy" ? "(p.hits::float8 / p.shots)" : `p.${ROUND_COLUMNS[source]}`;
}

/** Which counted, played human rows may hold a round record of the source. */
function roundEligibleSql(source: RoundRecordSource): string {
  // The rule of countsForAccuracyRecord, with literal constants so the partial index matches.
  return source === "accuracy"
    ? `p.shots > 0 and p.bullets_fired > ${ACCURACY_RECORD_RULE.bulletsMoreThan}
       and p.bullets_fired <= ${ACCURACY_RECORD_RULE.maxBulletsPerSecond} * p.played_seconds`
    : "true";
}

/**
 * The rows a round record is chosen from. Without a map: every player row whose round counts,
 * tested by a scalar subquery so the plan stays a walk down the value index whatever the planner's
 * statistics (PGlite never analyzes; a join to the view is then estimated at one row and every
 * counted row gets sorted); `value > 0` bounds the walk. With a map: that map's counted rounds
 * first, then their rows (the value test waits for the next step so it cannot steer the plan to
 * the value index).
 */
function roundSourceSql(source: RoundRecordSource, map: string | null): string {
  return map === null
    ? `round_players p
       where coalesce((select true from counted_rounds r where r.id = p.round_id), false)
         and ${roundValueSql(source)} > 0`
    : `counted_rounds r join round_players p on p.round_id = r.id
       where lower(r.map) = lower($1::text)`;
}

async function roundRecord(
  db: Db,
  category: RecordCategory<RoundRecordSource>,
  map: string | null,
): Promise<RoundRecord> {
  // Rows tied on the best value, then those of the most recent round among them; the domain
  // breaks what tie is left (by name).
  const rows = await db.query<RoundRow>(
    `with best as (
       select p.round_id, p.guid, p.hits, p.shots, ${ALL_ROUND_COUNTERS},
         ${roundValueSql(category.source)} as value
       from ${roundSourceSql(category.source, map)}
         and not p.is_bot and upper(p.guid) not like 'OMNIBOT%'
         and upper(ltrim(p.name)) not like '[BOT]%'
         and p.played_seconds > 0 and ${roundEligibleSql(category.source)}
       order by value desc
       fetch first 1 rows with ties
     ), latest as (
       select best.*, r.round_number as round, r.match_id as "matchId", r.map,
         r.played_at as "playedAt"
       from best join rounds r on r.id = best.round_id
       where best.value > 0
       order by r.played_at desc
       fetch first 1 rows with ties
     )
     select latest.*, latest.round_id as "roundId", pn.name
     from latest join player_names pn on pn.guid = latest.guid`,
    map === null ? [] : [map],
  );
  const best = pickRecord(rows.map((row) => ({
    ...row,
    value: roundRecordValue(category.source, row),
  })));
  return {
    key: category.key,
    title: category.title,
    unit: category.unit,
    decimals: category.decimals,
    holder: best && {
      value: best.value,
      guid: best.guid,
      name: best.name,
      map: best.map,
      playedAt: best.playedAt,
      context: category.source === "accuracy" ? { hits: best.hits, shots: best.shots } : {},
      roundId: best.roundId,
      round: best.round,
      matchId: best.matchId,
    },
  };
}

interface MatchRow {
  matchId: number;
  matchKey: string;
  guid: string;
  name: string;
  map: string;
  playedAt: string;
  value: number;
}

async function matchRecord(
  db: Db,
  category: RecordCategory<MatchCounter>,
  map: string | null,
): Promise<MatchRecord> {
  const column = `t.${MATCH_COLUMNS[category.source]}`;
  // The same plan shapes as roundSourceSql.
  const source = map === null
    ? `player_match_totals t
       where coalesce((select m.counted from matches m where m.id = t.match_id), false)
         and ${column} > 0`
    : `matches m join player_match_totals t on t.match_id = m.id
       where m.counted and lower(m.map) = lower($1::text)`;
  const rows = await db.query<MatchRow>(
    `with best as (
       select t.match_id, t.guid, ${column} as value
       from ${source} and upper(t.guid) not like 'OMNIBOT%'
       order by value desc
       fetch first 1 rows with ties
     ), latest as (
       select best.*, (select max(r.played_at) from counted_rounds r where r.match_id = best.match_id)
         as "playedAt"
       from best
       where best.value > 0
       order by "playedAt" desc
       fetch first 1 rows with ties
     )
     select latest.*, latest.match_id as "matchId", m.match_key as "matchKey", m.map, pn.name
     from latest
     join matches m on m.id = latest.match_id
     join players pl on pl.guid = latest.guid
     join player_names pn on pn.guid = latest.guid
     where ${humanSql("latest.guid", "pn.name")}`,
    map === null ? [] : [map],
  );
  const best = pickRecord(rows);
  return {
    key: category.key,
    title: category.title,
    unit: category.unit,
    decimals: category.decimals,
    holder: best && {
      value: best.value,
      guid: best.guid,
      name: best.name,
      map: best.map,
      playedAt: best.playedAt,
      context: {},
      matchId: best.matchId,
      matchKey: best.matchKey,
    },
  };
}

/**
 * Every record, optionally on one map (case-insensitive). A category nobody
 * has scored in (best value 0) has no holder.
 */
export async function records(db: Db, options: { map?: string | null } = {}): Promise<Records> {
  const map = options.map ?? null;
  const [rounds, matches] = await Promise.all([
    Promise.all(ROUND_RECORDS.map((category) => roundRecord(db, category, map))),
    Promise.all(MATCH_RECORDS.map((category) => matchRecord(db, category, map))),
  ]);
  return { rounds, matches };
}
