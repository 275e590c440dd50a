/**
 * Records, the Hall of Fame (domain-rules §7.3): per category of `domain/records.ts`, the best
 * single round (counted rounds, humans, played time > 0) and the best single match (a counted map's
 * `player_match_totals`). One query per category: the rows tied on the best value, read down an
 * index on the value (migration 0002); the domain then breaks the tie (most recent, then name).
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

/** The SQL ranked by a round record: a counter column, or hits per shot. */
function roundOrderSql(source: RoundRecordSource): string {
  return source === "accuracy" ? "p.hits::float8 / p.shots" : `p.${ROUND_COLUMNS[source]}`;
}

/** Eligibility of a player-round for a round record beyond being counted and played. */
function roundFilterSql(source: RoundRecordSource): string {
  // Same rule as countsForAccuracyRecord; literal constants so a partial index can match.
  return source === "accuracy"
    ? `p.shots > 0 and p.bullets_fired > ${ACCURACY_RECORD_RULE.bulletsMoreThan}
       and p.bullets_fired <= ${ACCURACY_RECORD_RULE.maxBulletsPerSecond} * p.played_seconds`
    : `p.${ROUND_COLUMNS[source]} > 0`;
}

async function roundRecord(
  db: Db,
  category: RecordCategory<RoundRecordSource>,
  map: string | null,
): Promise<RoundRecord> {
  const rows = await db.query<RoundRow>(
    `with top as (
       select p.round_id as "roundId", p.round_number as round, p.match_id as "matchId", p.guid,
         p.map, p.played_at as "playedAt", p.hits, p.shots, ${ALL_ROUND_COUNTERS}
       from counted_player_rounds p
       join players pl on pl.guid = p.guid
       where p.played_seconds > 0 and ${roundFilterSql(category.source)}
         and ${humanSql("p.guid", "p.name")}
         and ($1::text is null or lower(p.map) = lower($1::text))
       order by ${roundOrderSql(category.source)} desc
       fetch first 1 rows with ties
     )
     select top.*, pn.name from top join player_names pn on pn.guid = top.guid`,
    [map],
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
  const rows = await db.query<MatchRow>(
    `with top as (
       select t.match_id as "matchId", m.match_key as "matchKey", t.guid, m.map,
         ${column} as value
       from player_match_totals t
       join matches m on m.id = t.match_id
       join players pl on pl.guid = t.guid
       where m.counted and ${column} > 0 and not pl.is_bot
         and upper(t.guid) not like 'OMNIBOT%'
         and ($1::text is null or lower(m.map) = lower($1::text))
       order by ${column} desc
       fetch first 1 rows with ties
     )
     select top.*, pn.name,
       (select max(r.played_at) from counted_rounds r where r.match_id = top."matchId")
         as "playedAt"
     from top
     join players pl on pl.guid = top.guid
     join player_names pn on pn.guid = top.guid
     where ${humanSql("top.guid", "pn.name")}`,
    [map],
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
