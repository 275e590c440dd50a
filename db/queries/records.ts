/**
 * Records, the Hall of Fame (domain-rules §7.3): per category of `domain/records.ts`, the best
 * single round (counted rounds, humans, played time > 0) and the best single match (a counted map's
 * `player_match_totals`). SQL narrows each category to its contenders (best value, then most
 * recent); the domain's `pickRecord` decides among them. Over all maps that is one query per
 * category down an index on the value (migration 0002); on one map, one query reads the map's rows
 * once for every category. Bots are dropped row by row (bot flag, `OMNIBOT` GUID, `[BOT]` name).
 */
import {
  ACCURACY_RECORD_RULE,
  MATCH_RECORDS,
  type MatchCounter,
  pickRecord,
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

/** A contender row of some category (its index in the registry). */
interface RoundRow extends Record<RoundCounter, number> {
  category: number;
  roundId: number;
  round: number;
  matchId: number | null;
  guid: string;
  name: string;
  map: string;
  playedAt: string;
  hits: number;
  shots: number;
}

interface MatchRow {
  category: number;
  matchId: number;
  matchKey: string;
  guid: string;
  name: string;
  map: string;
  playedAt: string;
  value: number;
}

/** Columns of `round_players` a round record row carries. */
const ROW_COLUMNS = ["round_id", "guid", "name", "hits", "shots", "bullets_fired", "played_seconds"]
  .concat(Object.values(ROUND_COLUMNS));

/** The carried columns of `alias`, named as {@link RoundRow} wants them. */
function roundRowSql(alias: string): string {
  return `${alias}.round_id as "roundId", ${alias}.guid, ${alias}.hits, ${alias}.shots, ` +
    Object.entries(ROUND_COLUMNS).map(([key, column]) => `${alias}.${column} as "${key}"`)
      .join(", ") +
    `, ${alias}.round, ${alias}."matchId", ${alias}.map, ${alias}."playedAt"`;
}

/**
 * The value a round record ranks, in SQL: a counter, or hits per shot (ordered as accuracy; null
 * without shots, as SQL may evaluate it before the eligibility test).
 */
function roundValueSql(source: RoundRecordSource, alias: string): string {
  return source === "accuracy"
    ? `(${alias}.hits::float8 / nullif(${alias}.shots, 0))`
    : `${alias}.${ROUND_COLUMNS[source]}`;
}

/** Which rows may hold a round record of the source, beyond being counted, human and played. */
function roundEligibleSql(source: RoundRecordSource, alias: string): string {
  // The rule of countsForAccuracyRecord, with literal constants so the partial index matches.
  return source === "accuracy"
    ? `${alias}.shots > 0 and ${alias}.bullets_fired > ${ACCURACY_RECORD_RULE.bulletsMoreThan}
       and ${alias}.bullets_fired <= ${ACCURACY_RECORD_RULE.maxBulletsPerSecond} * ${alias}.played_seconds`
    : "true";
}

/** Human player rows as public surfaces show them (domain-rules §1). */
const HUMAN_ROW = `not p.is_bot and upper(p.guid) not like 'OMNIBOT%'
  and upper(ltrim(p.name)) not like '[BOT]%'`;

/**
 * Contenders of one round record over every map: the rows tied on the best value, then those of
 * the most recent round among them. Whether a row's round counts is a scalar subquery, so the plan
 * stays a walk down the value index (migration 0002) whatever the planner's statistics: PGlite
 * never analyzes, and a join to the view is then estimated at one row and sorts every counted row.
 */
function roundContenders(db: Db, index: number): Promise<RoundRow[]> {
  const { source } = ROUND_RECORDS[index]!;
  const value = roundValueSql(source, "p");
  return db.query<RoundRow>(
    `with best as (
       select ${ROW_COLUMNS.map((c) => `p.${c}`).join(", ")}, ${value} as value
       from round_players p
       where coalesce((select true from counted_rounds r where r.id = p.round_id), false)
         and ${value} > 0 and ${HUMAN_ROW} and p.played_seconds > 0
         and ${roundEligibleSql(source, "p")}
       order by value desc
       fetch first 1 rows with ties
     ), latest as (
       select best.*, r.round_number as round, r.match_id as "matchId", r.map,
         r.played_at as "playedAt"
       from best join rounds r on r.id = best.round_id
       order by r.played_at desc
       fetch first 1 rows with ties
     )
     select ${index} as category, ${roundRowSql("latest")}, pn.name
     from latest join player_names pn on pn.guid = latest.guid`,
  );
}

/**
 * Contenders of every round record on one map, in one query: the map's counted rows are read
 * once, then each category keeps its rows tied on the best value and the most recent round.
 */
function roundContendersOnMap(db: Db, map: string): Promise<RoundRow[]> {
  // Each category: its best value by an aggregate, then the rows holding it, most recent first
  // (no sort of the whole map).
  const tops = ROUND_RECORDS.map(({ source }, index) => {
    const value = roundValueSql(source, "x");
    const eligible = roundEligibleSql(source, "x");
    return `(select ${index} as category, x.* from x
      where ${value} > 0 and ${eligible}
        and ${value} = (select max(${value}) from x where ${eligible})
      order by x."playedAt" desc
      fetch first 1 rows with ties)`;
  });
  return db.query<RoundRow>(
    `with x as materialized (
       select ${ROW_COLUMNS.map((c) => `p.${c}`).join(", ")}, r.round_number as round,
         r.match_id as "matchId", r.map, r.played_at as "playedAt"
       from counted_rounds r join round_players p on p.round_id = r.id
       where lower(r.map) = lower($1::text) and ${HUMAN_ROW} and p.played_seconds > 0
     ), tops as (${tops.join(" union all ")})
     select tops.category, ${roundRowSql("tops")}, pn.name
     from tops join player_names pn on pn.guid = tops.guid`,
    [map],
  );
}

/** Contenders of one match record over every map (same plan shape as {@link roundContenders}). */
function matchContenders(db: Db, index: number): Promise<MatchRow[]> {
  const column = `t.${MATCH_COLUMNS[MATCH_RECORDS[index]!.source]}`;
  return db.query<MatchRow>(
    `with best as (
       select t.match_id, t.guid, ${column} as value
       from player_match_totals t
       where coalesce((select m.counted from matches m where m.id = t.match_id), false)
         and ${column} > 0 and upper(t.guid) not like 'OMNIBOT%'
       order by value desc
       fetch first 1 rows with ties
     ), latest as (
       select best.*,
         (select max(r.played_at) from counted_rounds r where r.match_id = best.match_id)
           as "playedAt"
       from best
       order by "playedAt" desc
       fetch first 1 rows with ties
     )
     select ${index} as category, latest.match_id as "matchId", m.match_key as "matchKey",
       latest.guid, latest.value, latest."playedAt", m.map, pn.name
     from latest
     join matches m on m.id = latest.match_id
     join players pl on pl.guid = latest.guid
     join player_names pn on pn.guid = latest.guid
     where ${humanSql("latest.guid", "pn.name")}`,
  );
}

/** Contenders of every match record on one map, in one query. */
function matchContendersOnMap(db: Db, map: string): Promise<MatchRow[]> {
  const tops = MATCH_RECORDS.map(({ source }, index) => {
    const column = `x.${MATCH_COLUMNS[source]}`;
    return `(select ${index} as category, x.match_id, x.match_key, x.map, x.guid,
        ${column} as value, x."playedAt"
      from x where ${column} > 0 and ${column} = (select max(${column}) from x)
      order by x."playedAt" desc
      fetch first 1 rows with ties)`;
  });
  return db.query<MatchRow>(
    `with played as (
       select match_id, max(played_at) as "playedAt" from counted_rounds
       where lower(map) = lower($1::text) group by match_id
     ), x as materialized (
       select t.*, m.match_key, m.map, played."playedAt"
       from matches m
       join player_match_totals t on t.match_id = m.id
       join played on played.match_id = m.id
       where m.counted and lower(m.map) = lower($1::text) and upper(t.guid) not like 'OMNIBOT%'
     ), tops as (${tops.join(" union all ")})
     select tops.category, tops.match_id as "matchId", tops.match_key as "matchKey", tops.guid,
       tops.value, tops."playedAt", tops.map, pn.name
     from tops
     join players pl on pl.guid = tops.guid
     join player_names pn on pn.guid = tops.guid
     where ${humanSql("tops.guid", "pn.name")}`,
    [map],
  );
}

function byCategory<T extends { category: number }>(rows: readonly T[], count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  for (const row of rows) groups[row.category]?.push(row);
  return groups;
}

/**
 * Every record, optionally on one map (case-insensitive). A category nobody has scored in (best
 * value 0) has no holder. Ties: most recent, then name ({@link pickRecord}).
 */
export async function records(db: Db, options: { map?: string | null } = {}): Promise<Records> {
  const map = options.map ?? null;
  const [roundRows, matchRows] = map === null
    ? await Promise.all([
      Promise.all(ROUND_RECORDS.map((_, index) => roundContenders(db, index))),
      Promise.all(MATCH_RECORDS.map((_, index) => matchContenders(db, index))),
    ])
    : await Promise.all([
      roundContendersOnMap(db, map).then((rows) => byCategory(rows, ROUND_RECORDS.length)),
      matchContendersOnMap(db, map).then((rows) => byCategory(rows, MATCH_RECORDS.length)),
    ]);
  return {
    rounds: ROUND_RECORDS.map((category, index) => {
      const best = pickRecord(
        (roundRows[index] ?? []).map((row) => ({
          ...row,
          value: roundRecordValue(category.source, row),
        })),
      );
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
          context: category.source === "accuracy"
            ? { hits: best.hits, shots: best.shots }
            : {} as Record<string, number>,
          roundId: best.roundId,
          round: best.round,
          matchId: best.matchId,
        },
      };
    }),
    matches: MATCH_RECORDS.map((category, index) => {
      const best = pickRecord(matchRows[index] ?? []);
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
    }),
  };
}
