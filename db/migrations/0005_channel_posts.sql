-- Automatic Discord posts: the channel a game server posts to, and an outbox of posts. A post is
-- unique per subject (a round's raw file id, or server + session key, which survive a rebuild), so
-- no round, map or session is ever posted twice; instances claim posts with row locks.
alter table servers add column discord_channel_id text check (discord_channel_id ~ '^[0-9]{17,20}$');

create table channel_posts (
  id bigserial primary key,
  kind text not null check (kind in ('round', 'map', 'session')),
  subject_key text not null,
  server_id integer not null references servers (id) on delete cascade,
  channel_id text not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'abandoned')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  claimed_at timestamptz,
  last_error text,
  message_id text,
  created_at timestamptz not null,
  sent_at timestamptz,
  unique (kind, subject_key)
);

create index channel_posts_due on channel_posts (next_attempt_at) where status in ('pending', 'failed', 'sending');
