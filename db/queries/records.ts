/**
 * Records, the Hall of Fame (domain-rules §7.3): per category of `domain/records.ts`, the best
 * single round (counted rounds, humans, played time > 0) and the best single match (a counted
 * map's `player_match_totals`). Contenders come from `record_candidates`, derived with each session
 * (the rows tied for the best value per session, map and record): one short index range per record.
 * The domain's `pickRecord` decides among tied contenders (most recent, then name).
 */
import { MATCH_RECORDS, pickRecord, ROUND_RECORDS } from "../../domain/records.ts";
import type { Db } from "../client.ts";

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

interface CandidateRow {
  kind: "round" | "match";
  source: string;
  value: number;
  guid: string;
  name: string;
  map: string;
  playedAt: string;
  hits: number;
  shots: number;
  roundId: number | null;
  round: number | null;
  matchId: number | null;
  matchKey: string | null;
}

/** The contenders of every record: per record, the rows tied for the best value, most recent. */
async function contenders(db: Db, map: string | null): Promise<CandidateRow[]> {
  const kinds = [...ROUND_RECORDS.map(() => "round"), ...MATCH_RECORDS.map(() => "match")];
  const sources = [...ROUND_RECORDS, ...MATCH_RECORDS].map((r) => r.source);
  return await db.query<CandidateRow>(
    `select c.kind, c.source, c.value, c.guid, pn.name, c.map, c.played_at as "playedAt", c.hits,
       c.shots, c.round_id as "roundId", r.round_number as round, c.match_id as "matchId",
       m.match_key as "matchKey"
     from unnest($1::text[], $2::text[]) as k(kind, source)
     cross join lateral (
       select * from record_candidates rc
       where rc.kind = k.kind and rc.source = k.source
         and ($3::text is null or lower(rc.map) = lower($3::text))
       order by rc.value desc, rc.played_at desc
       fetch first 1 rows with ties
     ) c
     join player_names pn on pn.guid = c.guid
     left join rounds r on r.id = c.round_id
     left join matches m on m.id = c.match_id`,
    [kinds, sources, map],
  );
}

/**
 * Every record, optionally on one map (case-insensitive). A category nobody has scored in (best
 * value 0) has no holder. Ties: most recent, then name ({@link pickRecord}).
 */
/** Who holds a record and when, the part every record's holder has. */
function holderOf(best: CandidateRow): RecordHolder {
  return {
    value: best.value,
    guid: best.guid,
    name: best.name,
    map: best.map,
    playedAt: best.playedAt,
    context: {},
  };
}

export async function records(db: Db, options: { map?: string | null } = {}): Promise<Records> {
  const rows = await contenders(db, options.map ?? null);
  const of = (kind: string, source: string) =>
    rows.filter((r) => r.kind === kind && r.source === source);
  return {
    rounds: ROUND_RECORDS.map((category) => {
      const best = pickRecord(of("round", category.source));
      return {
        key: category.key,
        title: category.title,
        unit: category.unit,
        decimals: category.decimals,
        holder: best && {
          ...holderOf(best),
          context: category.source === "accuracy"
            ? { hits: best.hits, shots: best.shots }
            : {} as Record<string, number>,
          roundId: best.roundId!,
          round: best.round!,
          matchId: best.matchId,
        },
      };
    }),
    matches: MATCH_RECORDS.map((category) => {
      const best = pickRecord(of("match", category.source));
      return {
        key: category.key,
        title: category.title,
        unit: category.unit,
        decimals: category.decimals,
        holder: best && {
          ...holderOf(best),
          matchId: best.matchId!,
          matchKey: best.matchKey!,
        },
      };
    }),
  };
}
