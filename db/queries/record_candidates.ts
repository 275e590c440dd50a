/** Maintaining `record_candidates`: per session, map and record, the rows tied for the best value. */
import { ACCURACY_RECORD_RULE, MATCH_RECORDS, ROUND_RECORDS } from "../../domain/records.ts";
import type { Db } from "../client.ts";

/** Column of each round record source, in player rows (`p`). */
export const ROUND_SOURCE_COLUMNS: Record<string, string> = {
  kills: "p.kills",
  damageGiven: "p.damage_given",
  revivesGiven: "p.revives_given",
  gibs: "p.gibs",
  headshots: "p.headshots",
  xp: "p.xp",
  timesRevived: "p.times_revived",
  usefulKills: "p.useful_kills",
  objectivesStolen: "p.objectives_stolen",
  objectivesReturned: "p.objectives_returned",
  dynamitesPlanted: "p.dynamites_planted",
  dynamitesDefused: "p.dynamites_defused",
  // Accuracy (domain/records.ts): only rounds the physical-plausibility rule admits.
  accuracy: `case when p.shots > 0 and p.bullets_fired > ${ACCURACY_RECORD_RULE.bulletsMoreThan}
    and p.bullets_fired <= ${ACCURACY_RECORD_RULE.maxBulletsPerSecond} * p.played_seconds
    then p.hits * 100.0 / p.shots end`,
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
  `('${source}', (${ROUND_SOURCE_COLUMNS[source]})::float8)`
)
  .join(", ");
const matchValues = MATCH_RECORDS.map(({ source }) =>
  `('${source}', (${MATCH_SOURCE_COLUMNS[source]})::float8)`
)
  .join(", ");

/** Human rows as public surfaces show them (domain-rules §1): no bot flag, GUID or name. */
const HUMAN_ROW =
  `not p.is_bot and upper(p.guid) not like 'OMNIBOT%' and upper(ltrim(p.name)) not like '[BOT]%'`;

function refreshSql(scope: { round: string; match: string; delete: string }): string[] {
  return [
    `delete from record_candidates where ${scope.delete}`,
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
}

const BY_SESSIONS = refreshSql({
  delete: "session_id = any($1::int[])",
  round: "p.session_id = any($1::int[])",
  match: "m.session_id = any($1::int[])",
});

const PAIRS = "select * from unnest($1::int[], $2::text[]) as pair(session_id, map)";
const BY_SESSION_MAPS = refreshSql({
  delete: `(session_id, map) in (${PAIRS})`,
  round: `(p.session_id, p.map) in (${PAIRS})`,
  match: `(m.session_id, m.map) in (${PAIRS})`,
});

/** Recomputes the record candidates of whole sessions (after their match totals). */
export async function refreshRecordCandidates(
  tx: Db,
  sessionIds: readonly number[],
): Promise<void> {
  if (sessionIds.length === 0) return;
  await Promise.all(BY_SESSIONS.map((sql) => tx.query(sql, [sessionIds])));
}

/** Recomputes the record candidates of some maps of some sessions (after their match totals). */
export async function refreshRecordCandidatesOnMaps(
  tx: Db,
  pairs: readonly { sessionId: number; map: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  const params = [pairs.map((p) => p.sessionId), pairs.map((p) => p.map)];
  await Promise.all(BY_SESSION_MAPS.map((sql) => tx.query(sql, params)));
}
