/**
 * The outbox of automatic Discord posts. Enqueueing is idempotent (one post per subject);
 * claiming is atomic (`for update skip locked` plus a status change), so two instances or two
 * schedulers never send the same post.
 */
import type { Db } from "../client.ts";

export type PostKind = "round" | "map" | "session";

export interface ChannelPost {
  id: number;
  kind: PostKind;
  subjectKey: string;
  serverId: number;
  channelId: string;
  attempts: number;
  /** When this caller claimed it: the marks below only apply while the claim is still ours. */
  claimedAt: string;
}

/** Most attempts before a post is given up (with its last error kept). */
export const MAX_POST_ATTEMPTS = 8;

/**
 * Sessions that ended longer ago are never announced: after a rebuild re-keys old sessions, they
 * are not news.
 */
export const RECAP_WINDOW_HOURS = 24;

/** A claim older than this is taken to be from a crashed instance and may be taken over. */
export const STALE_CLAIM_SECONDS = 300;

const POST_COLUMNS = `id::int as id, kind, subject_key as "subjectKey", server_id as "serverId",
  channel_id as "channelId", attempts, claimed_at as "claimedAt"`;

/** Sets (or clears, with null) the channel a server's posts go to. False for an unknown server. */
export async function setServerChannel(
  db: Db,
  serverId: number,
  channelId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    "update servers set discord_channel_id = $2 where id = $1 returning id",
    [serverId, channelId],
  );
  return rows.length > 0;
}

export interface RoundPostSubject {
  roundId: number;
  serverId: number;
  channelId: string | null;
  round: number;
  /** Round 2 paired with its Round 1: the map is decided. */
  paired: boolean;
  /** Counted rounds only: no bots, no excluded map, not an orphan Round 2. */
  isValid: boolean;
  playedAt: string;
}

/** What a freshly stored round would be posted as, and where. */
export async function roundPostSubject(db: Db, roundId: number): Promise<RoundPostSubject | null> {
  const rows = await db.query<RoundPostSubject>(
    `select r.id as "roundId", r.server_id as "serverId", sv.discord_channel_id as "channelId",
       r.round_number as round, (r.round_number = 2 and r.round_one_id is not null) as paired,
       r.is_valid as "isValid", r.played_at as "playedAt"
     from rounds r join servers sv on sv.id = r.server_id where r.id = $1`,
    [roundId],
  );
  return rows[0] ?? null;
}

/** Queues a post unless one exists for the subject; returns its id when it was new. */
export async function enqueuePost(
  db: Db,
  post: { kind: PostKind; subjectKey: string; serverId: number; channelId: string },
  nowIso: string,
): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `insert into channel_posts (kind, subject_key, server_id, channel_id, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $5)
     on conflict (kind, subject_key) do nothing returning id::int as id`,
    [post.kind, post.subjectKey, post.serverId, post.channelId, nowIso],
  );
  return rows[0]?.id ?? null;
}

/**
 * Queues the recap of every session that has ended (no round for `gapMinutes`) on a server with a
 * channel, when rounds of it were posted live: history from a bulk import is never announced.
 */
export async function enqueueEndedSessions(
  db: Db,
  gapMinutes: number,
  nowIso: string,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into channel_posts (kind, subject_key, server_id, channel_id, next_attempt_at, created_at)
     select 'session', s.server_id || ':' || s.session_key, s.server_id, sv.discord_channel_id, $2, $2
     from sessions s join servers sv on sv.id = s.server_id
     where sv.discord_channel_id is not null
       and s.last_round_at < $2::timestamptz - make_interval(mins => $1)
       and s.last_round_at > $2::timestamptz - make_interval(hours => $3)
       -- Ended by arrival too: a backlog still being flushed keeps its session open.
       and (select max(f.received_at) from rounds r join raw_files f on f.id = r.id
            where r.session_id = s.id) < $2::timestamptz - make_interval(mins => $1)
       and exists (
         select 1 from channel_posts p join rounds r on r.id::text = p.subject_key
         where p.kind in ('round', 'map') and r.session_id = s.id)
     on conflict (kind, subject_key) do nothing
     returning id::int as id`,
    [gapMinutes, nowIso, RECAP_WINDOW_HOURS],
  );
  return rows.length;
}

/** Claims up to `limit` due posts for this caller (pending, failed and due, or stale claims). */
export async function claimDuePosts(db: Db, nowIso: string, limit: number): Promise<ChannelPost[]> {
  return await db.query<ChannelPost>(
    `update channel_posts set status = 'sending', claimed_at = $1, attempts = attempts + 1
     where id in (
       select id from channel_posts
       where (status in ('pending', 'failed') and next_attempt_at <= $1)
          or (status = 'sending' and claimed_at < $1::timestamptz - make_interval(secs => $3)
              and attempts < $4)
       order by id limit $2
       for update skip locked)
     returning ${POST_COLUMNS}`,
    [nowIso, limit, STALE_CLAIM_SECONDS, MAX_POST_ATTEMPTS],
  );
}

/** Marks a post sent; false when the claim was no longer ours (another instance took it over). */
export async function markPostSent(
  db: Db,
  post: ChannelPost,
  messageId: string | null,
  nowIso: string,
): Promise<boolean> {
  const rows = await db.query(
    `update channel_posts set status = 'sent', message_id = $2, sent_at = $3, last_error = null
     where id = $1 and status = 'sending' and claimed_at = $4 returning id`,
    [post.id, messageId, nowIso, post.claimedAt],
  );
  return rows.length > 0;
}

/** Records a failure; retried at `retryAtIso`, or abandoned after the last attempt. */
export async function markPostFailed(
  db: Db,
  post: ChannelPost,
  error: string,
  retryAtIso: string,
): Promise<void> {
  await db.query(
    `update channel_posts set status = case when attempts >= $4 then 'abandoned' else 'failed' end,
       last_error = $2, next_attempt_at = $3
     where id = $1 and status = 'sending' and claimed_at = $5`,
    [post.id, error.slice(0, 500), retryAtIso, MAX_POST_ATTEMPTS, post.claimedAt],
  );
}

/** Ids of the session a posted session key names now (sessions are re-derived with new ids). */
export async function sessionIdByKey(db: Db, subjectKey: string): Promise<number | null> {
  const [serverId, ...key] = subjectKey.split(":");
  const rows = await db.query<{ id: number }>(
    "select id from sessions where server_id = $1 and session_key = $2",
    [Number(serverId), key.join(":")],
  );
  return rows[0]?.id ?? null;
}

export interface MapResultRow {
  map: string;
  winner: "A" | "B" | "draw" | null;
  pointsA: number;
  pointsB: number;
  decidedBy: string;
  teamAName: string;
  teamBName: string;
  sessionScoreA: number;
  sessionScoreB: number;
}

/** The decided map a Round 2 belongs to, with its session's team names and running score. */
export async function mapResultOfRound(db: Db, roundId: number): Promise<MapResultRow | null> {
  const rows = await db.query<MapResultRow>(
    `select m.map, m.winner, m.points_a as "pointsA", m.points_b as "pointsB",
       m.decided_by as "decidedBy", s.team_a_name as "teamAName", s.team_b_name as "teamBName",
       s.score_a as "sessionScoreA", s.score_b as "sessionScoreB"
     from rounds r join matches m on m.id = r.match_id join sessions s on s.id = m.session_id
     where r.id = $1`,
    [roundId],
  );
  return rows[0] ?? null;
}
