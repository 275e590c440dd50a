/** Maintaining `record_candidates`: per session, map and record, the rows tied for the best value. */
import type { RoundPlayer } from "../../domain/parsed_round.ts";
import {
  ACCURACY_RECORD_RULE,
  countsForAccuracyRecord,
  MATCH_RECORDS,
  ROUND_RECORDS,
} from "../../domain/records.ts";
import type { Statement } from "../client.ts";

/** Each round record source: its value in SQL (player rows `p`) and in a parsed player row. */
export const ROUND_SOURCES: Record<string, { sql: string; of: (p: RoundPlayer) => number | null }> =
  {
    kills: { sql: "p.kills", of: (p) => p.metrics.kills },
    damageGiven: { sql: "p.damage_given", of: (p) => p.fields.damageGiven },
    revivesGiven: { sql: "p.revives_given", of: (p) => p.fields.revivesGiven },
    gibs: { sql: "p.gibs", of: (p) => p.fields.gibs },
    headshots: { sql: "p.headshots", of: (p) => p.metrics.headshots },
    xp: { sql: "p.xp", of: (p) => p.fields.xp },
    timesRevived: { sql: "p.times_revived", of: (p) => p.fields.timesRevived },
    usefulKills: { sql: "p.useful_kills", of: (p) => p.fields.usefulKills },
    objectivesStolen: { sql: "p.objectives_stolen", of: (p) => p.fields.objectivesStolen },
    objectivesReturned: { sql: "p.objectives_returned", of: (p) => p.fields.objectivesReturned },
    dynamitesPlanted: { sql: "p.dynamites_planted", of: (p) => p.fields.dynamitesPlanted },
    dynamitesDefused: { sql: "p.dynamites_defused", of: (p) => p.fields.dynamitesDefused },
    // Accuracy (domain/records.ts): only rounds the physical-plausibility rule admits; float8
    // division, as in JavaScript, so both paths give the same value to the last bit.
    accuracy: {
      sql: `case when p.shots > 0 and p.bullets_fired > ${ACCURACY_RECORD_RULE.bulletsMoreThan}
      and p.bullets_fired <= ${ACCURACY_RECORD_RULE.maxBulletsPerSecond} * p.played_seconds
      then (p.hits * 100)::float8 / p.shots end`,
      of: (p) =>
        countsForAccuracyRecord({
            bulletsFired: p.fields.bulletsFired,
            playedSeconds: p.metrics.playedSeconds,
            shots: p.metrics.shots,
          })
          ? (p.metrics.hits * 100) / p.metrics.shots
          : null,
    },
  };

/** Column of each match record source, in match totals (`t`). */
export const MATCH_SOURCE_COLUMNS: Record<string, string> = {
  damageGiven: "t.damage_given",
  kills: "t.kills",
  headshots: "t.headshots",
  xp: "t.xp",
  revivesGiven: "t.revives_given",
  gibs: "t.gibs",
};

const roundValues = ROUND_RECORDS.map(({ source }) =>
  `('${source}', (${ROUND_SOURCES[source]!.sql})::float8)`
)
  .join(", ");
const matchValues = MATCH_RECORDS.map(({ source }) =>
  `('${source}', (${MATCH_SOURCE_COLUMNS[source]})::float8)`
)
  .join(", ");

/** Human rows as public surfaces show them (domain-rules §1): no bot flag, GUID or name. */
const HUMAN_ROW =
  `not p.is_bot and upper(p.guid) not like 'OMNIBOT%' and upper(ltrim(p.name)) not like '[BOT]%'`;

function refreshSql(
  scope: { round: string; match: string; delete: string },
  kinds: readonly ("round" | "match")[] = ["round", "match"],
): string[] {
  const statements = [
    `delete from record_candidates where (${scope.delete}) and kind = any(array[${
      kinds.map((k) => `'${k}'`).join(", ")
    }])`,
    `insert into record_candidates (session_id, kind, source, map, value, guid, round_id, match_id,
       played_at, hits, shots)
     select session_id, 'round', source, map, value, guid, round_id, match_id, played_at, hits, shots
     from (
       select p.session_id, c.source, p.map, c.value, p.guid, p.round_id, p.match_id, p.played_at,
         p.hits, p.shots,
         rank() over (partition by p.session_id, p.map, c.source order by c.value desc) as place
       from counted_player_rounds p
       cross join lateral (values ${roundValues}) as c(source, value)
       where ${scope.round} and p.played_seconds > 0 and ${HUMAN_ROW} and c.value > 0
     ) ranked
     where place = 1`,
    `insert into record_candidates (session_id, kind, source, map, value, guid, match_id, played_at)
     select session_id, 'match', source, map, value, guid, match_id, played_at
     from (
       select m.session_id, c.source, m.map, c.value, t.guid, m.id as match_id,
         (select max(r.played_at) from counted_rounds r where r.match_id = m.id) as played_at,
         rank() over (partition by m.session_id, m.map, c.source order by c.value desc) as place
       from player_match_totals t
       join matches m on m.id = t.match_id and m.counted
       join players pl on pl.guid = t.guid and not pl.is_bot
       cross join lateral (values ${matchValues}) as c(source, value)
       where ${scope.match} and upper(t.guid) not like 'OMNIBOT%' and c.value > 0
     ) ranked
     where place = 1 and played_at is not null`,
  ];
  return [
    statements[0]!,
    ...(kinds.includes("round") ? [statements[1]!] : []),
    ...(kinds.includes("match") ? [statements[2]!] : []),
  ];
}

/** Sessions of server `$1` by key (`$2`), as an `in (…)` operand. */
const SESSIONS = "(select id from sessions where server_id = $1 and session_key = any($2::text[]))";

const BY_SESSIONS = refreshSql({
  delete: `session_id in ${SESSIONS}`,
  round: `p.session_id in ${SESSIONS}`,
  match: `m.session_id in ${SESSIONS}`,
});

/** (session id, map) pairs of server `$1` from session keys `$2` and maps `$3`. */
const PAIRS = `select s.id, pair.map from unnest($2::text[], $3::text[]) as pair(session_key, map)
  join sessions s on s.server_id = $1 and s.session_key = pair.session_key`;
const BY_SESSION_MAPS = refreshSql({
  delete: `(session_id, map) in (${PAIRS})`,
  round: `(p.session_id, p.map) in (${PAIRS})`,
  match: `(m.session_id, m.map) in (${PAIRS})`,
}, ["match"]);

/** Recomputes the record candidates of whole sessions (after their match totals). */
export function refreshRecordCandidates(
  serverId: number,
  sessionKeys: readonly string[],
): Statement[] {
  if (sessionKeys.length === 0) return [];
  return BY_SESSIONS.map((text) => ({ text, params: [serverId, sessionKeys] }));
}

/** Recomputes the match record candidates of some maps of some sessions (after their match totals). */
export function refreshMatchCandidatesOnMaps(
  serverId: number,
  pairs: readonly { sessionKey: string; map: string }[],
): Statement[] {
  if (pairs.length === 0) return [];
  const params = [serverId, pairs.map((p) => p.sessionKey), pairs.map((p) => p.map)];
  return BY_SESSION_MAPS.map((text) => ({ text, params }));
}

/** A human row of a newly counted round, as public surfaces show them (domain-rules §1). */
function isHumanRow(p: RoundPlayer): boolean {
  return !p.isBot && !p.guid.toUpperCase().startsWith("OMNIBOT") &&
    !p.name.trimStart().toUpperCase().startsWith("[BOT]");
}

/** A newly counted round, to merge into its session's round record candidates. */
export interface CountedRound {
  sessionKey: string;
  map: string;
  roundId: number;
  matchKey: string | null;
  playedAt: string;
  players: readonly RoundPlayer[];
}

/**
 * Merges newly counted rounds into the round record candidates: per session, map and record, the
 * new rows tied for the best value join the candidates when they reach the stored best, and push
 * out the stored rows they beat. Only valid when nothing else in those sessions changed.
 */
export function mergeRoundCandidates(
  serverId: number,
  rounds: readonly CountedRound[],
): Statement[] {
  const best = new Map<string, { value: number; rows: Record<string, unknown>[] }>();
  for (const round of rounds) {
    for (const p of round.players) {
      if (!isHumanRow(p) || p.metrics.playedSeconds <= 0) continue;
      for (const { source } of ROUND_RECORDS) {
        const value = ROUND_SOURCES[source]!.of(p);
        if (value === null || !(value > 0)) continue;
        const key = `${round.sessionKey}|${round.map}|${source}`;
        const row = {
          session_key: round.sessionKey,
          source,
          map: round.map,
          value,
          guid: p.guid,
          round_id: round.roundId,
          match_key: round.matchKey,
          played_at: round.playedAt,
          hits: p.metrics.hits,
          shots: p.metrics.shots,
        };
        const top = best.get(key);
        if (!top || value > top.value) best.set(key, { value, rows: [row] });
        else if (value === top.value) top.rows.push(row);
      }
    }
  }
  if (best.size === 0) return [];
  const rows = [...best.values()].flatMap((top) => top.rows);
  const tops = [...best.values()].map((top) => top.rows[0]!);
  return [
    {
      // Stored candidates the new best beats.
      text: `delete from record_candidates rc
       using (
         select s.id as session_id, k.source, k.map, k.value
         from jsonb_to_recordset($2::text::jsonb) as k(session_key text, source text, map text,
           value float8)
         join sessions s on s.server_id = $1 and s.session_key = k.session_key
       ) k
       where rc.session_id = k.session_id and rc.kind = 'round' and rc.source = k.source
         and rc.map = k.map and rc.value < k.value`,
      params: [serverId, JSON.stringify(tops)],
    },
    {
      // New rows that reach what is left: the best, or a tie with it.
      text: `insert into record_candidates (session_id, kind, source, map, value, guid, round_id,
         match_id, played_at, hits, shots)
       select s.id, 'round', x.source, x.map, x.value, x.guid, x.round_id,
         (select m.id from matches m
          where m.server_id = $1 and m.match_key = x.match_key and m.map = x.map),
         x.played_at, x.hits, x.shots
       from jsonb_to_recordset($2::text::jsonb) as x(session_key text, source text, map text,
         value float8, guid text, round_id integer, match_key text, played_at timestamptz,
         hits integer, shots integer)
       join sessions s on s.server_id = $1 and s.session_key = x.session_key
       where x.value >= coalesce((
         select max(rc.value) from record_candidates rc
         where rc.session_id = s.id and rc.kind = 'round' and rc.source = x.source
           and rc.map = x.map), 0)`,
      params: [serverId, JSON.stringify(rows)],
    },
  ];
}
