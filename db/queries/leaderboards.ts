/**
 * Leaderboards (domain-rules §7.1): per-player sums of `player_session_totals` over a period, ranked
 * by a category of `domain/leaderboards.ts`. The SQL only sums and applies the category's
 * minimums; the value and the order come from the domain, so there is one definition of each.
 * Names are display names (`player_names`: custom name, else the alias seen last).
 */
import {
  type LeaderboardCandidate,
  type LeaderboardCategory,
  type LeaderboardTotals,
  rankLeaderboard,
} from "../../domain/leaderboards.ts";
import type { Db } from "../client.ts";
import { type PlayerSums, TOTALS_SUM_COLUMNS } from "./sums.ts";

/** The grenade sums, which only leaderboards need, beside the shared sums (`t` rows). */
const GRENADE_SUM_COLUMNS = `sum(t.grenade_kills)::int as "grenadeKills",
  sum(t.grenade_hits)::int as "grenadeHits", sum(t.grenade_rounds)::int as "grenadeRounds"`;

/**
 * SQL condition that keeps humans only (defence in depth, domain-rules §1): not flagged a bot, no
 * Omni-bot GUID, no display name starting with `[BOT]`. `players` must be joined as `pl`.
 */
export function humanSql(guid: string, name: string): string {
  return `not pl.is_bot and upper(${guid}) not like 'OMNIBOT%'
    and upper(ltrim(${name})) not like '[BOT]%'`;
}

export interface LeaderboardQuery {
  category: LeaderboardCategory;
  /** ISO instant: only sessions that started at or after it count; null = all time. */
  since: string | null;
  limit: number;
  offset: number;
}

/** One ranked player on a page. */
export interface LeaderboardEntry {
  rank: number;
  guid: string;
  name: string;
  value: number;
  rounds: number;
  /** The sums that put the value in context (per category, e.g. kills and deaths for K/D). */
  context: Record<string, number | null>;
}

export interface LeaderboardPage {
  /** Players that meet the category's minimums in the period (for pagination). */
  total: number;
  entries: LeaderboardEntry[];
}

/**
 * A page of a category's leaderboard. A gaming session counts in the period when it *started* in
 * it (`sessions.first_round_at >= since`), with all its rounds: a session is never split. Rounds
 * are the counted ones (`player_session_totals` derive from `counted_player_rounds`); players are
 * grouped by GUID; bots are excluded.
 */
export async function leaderboard(db: Db, query: LeaderboardQuery): Promise<LeaderboardPage> {
  // Every total is a column of `sums`, so a minimum is `"<total>" > $n`.
  const minimums = query.category.minimums.map((m, i) => `and "${m.total}" > $${i + 2}`);
  const rows = await db.query<PlayerSums & LeaderboardTotals & { guid: string; name: string }>(
    `with sums as (
       select t.guid, ${TOTALS_SUM_COLUMNS}, ${GRENADE_SUM_COLUMNS}
       from player_session_totals t
       join sessions s on s.id = t.session_id
       where $1::timestamptz is null or s.first_round_at >= $1::timestamptz
       group by t.guid
     )
     select sums.*, pn.name
     from sums
     join players pl on pl.guid = sums.guid
     join player_names pn on pn.guid = sums.guid
     where ${humanSql("sums.guid", "pn.name")} ${minimums.join(" ")}`,
    [query.since, ...query.category.minimums.map((m) => m.moreThan)],
  );
  const candidates: LeaderboardCandidate[] = rows.map(({ guid, name, ...totals }) => ({
    guid,
    name,
    totals,
  }));
  const ranked = rankLeaderboard(query.category, candidates);
  return {
    total: ranked.length,
    entries: ranked.slice(query.offset, query.offset + query.limit).map((player) => ({
      rank: player.rank,
      guid: player.guid,
      name: player.name,
      value: player.value,
      rounds: player.totals.rounds,
      context: query.category.context(player.totals),
    })),
  };
}
