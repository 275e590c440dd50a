-- etl-stats schema. Raw uploads are the source of truth; every other table is derived from them by
-- the pure functions in domain/ and can be rebuilt (`deno task rebuild`).

create table servers (
  id integer generated always as identity primary key,
  name text not null unique check (length(name) between 1 and 64),
  time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64),
  created_at timestamptz not null default now()
);

-- Upload tokens are stored as SHA-256 of the whole token; the hash is also the HMAC key.
create table upload_tokens (
  id integer generated always as identity primary key,
  server_id integer not null references servers (id) on delete cascade,
  secret_hash bytea not null unique check (length(secret_hash) = 32),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table raw_files (
  id integer generated always as identity primary key,
  server_id integer not null references servers (id),
  file_name text not null check (length(file_name) between 1 and 255),
  sha256 bytea not null unique check (length(sha256) = 32),
  -- SHA-256 of the lines after the header: catches renamed copies (spec §2).
  payload_sha256 bytea check (length(payload_sha256) = 32),
  bytes bytea not null,
  size integer not null check (size >= 0),
  received_at timestamptz not null default now(),
  status text not null check (status in ('imported', 'failed')),
  error_code text,
  error_message text,
  check ((status = 'failed') = (error_code is not null))
);
create unique index raw_files_imported_name on raw_files (server_id, file_name)
  where status = 'imported';
create unique index raw_files_imported_payload on raw_files (payload_sha256)
  where status = 'imported';

create table players (
  guid text primary key check (length(guid) between 1 and 64),
  is_bot boolean not null,
  first_seen date not null,
  last_seen date not null,
  display_name text,
  check (first_seen <= last_seen)
);

-- Aliases follow the stored player rows: +1 per row (−1 when a row is derived again), first and
-- last seen never move backwards. Maintained set-wise by db/queries/round_rows.ts.
create table aliases (
  guid text not null references players (guid) on delete cascade,
  name text not null,
  first_seen date not null,
  last_seen date not null,
  times_seen integer not null check (times_seen >= 0),
  primary key (guid, name)
);
create index aliases_lower_name on aliases (lower(name));

create table sessions (
  id integer generated always as identity primary key,
  server_id integer not null references servers (id),
  -- YYYY-MM-DD-HHMMSS of the session's first round: stable under late uploads elsewhere.
  session_key text not null,
  first_round_at timestamptz,
  last_round_at timestamptz,
  local_date date not null,
  round_count integer not null check (round_count >= 0),
  map_count integer not null check (map_count >= 0),
  team_a_name text not null,
  team_b_name text not null,
  team_confidence text not null check (team_confidence in ('high', 'medium', 'low')),
  score_a integer not null check (score_a >= 0),
  score_b integer not null check (score_b >= 0),
  maps_won_a integer not null check (maps_won_a >= 0),
  maps_won_b integer not null check (maps_won_b >= 0),
  draws integer not null check (draws >= 0),
  unique (server_id, session_key)
);
create index sessions_last_round_at on sessions (last_round_at desc);

create table session_players (
  session_id integer not null references sessions (id) on delete cascade,
  guid text not null references players (guid),
  team text not null check (team in ('A', 'B')),
  primary key (session_id, guid)
);

create table matches (
  id integer generated always as identity primary key,
  server_id integer not null references servers (id),
  session_id integer not null references sessions (id) on delete cascade,
  -- YYYY-MM-DD-HHMMSS of the match's Round 1 (of the Round 2 for an orphan).
  match_key text not null,
  map text not null,
  map_index integer not null check (map_index >= 1),
  state text not null check (state in ('complete', 'abandoned', 'orphan')),
  counted boolean not null,
  ambiguous boolean not null,
  winner text check (winner in ('A', 'B', 'draw')),
  points_a integer not null check (points_a >= 0),
  points_b integer not null check (points_b >= 0),
  decided_by text not null,
  unique (server_id, match_key, map)
);
create index matches_session on matches (session_id, map_index);

create table rounds (
  -- A round's id is its raw file's id, so ids survive a rebuild.
  id integer primary key references raw_files (id) on delete cascade,
  server_id integer not null references servers (id),
  file_name text not null,
  map text not null,
  round_number integer not null check (round_number between 1 and 10),
  local_datetime timestamp not null,
  played_at timestamptz not null,
  server_name text not null,
  config text not null,
  defender_team integer not null check (defender_team >= 0),
  winner_team integer not null check (winner_team >= 0),
  score_confidence text not null
    check (score_confidence in ('verified_header', 'ambiguous', 'missing', 'time_fallback')),
  outcome text not null check (outcome in ('Fullhold', 'Completed', 'Unknown')),
  stopwatch_state text not null check (stopwatch_state in ('FULL_HOLD', 'TIME_SET')),
  time_limit text not null,
  time_limit_seconds integer check (time_limit_seconds >= 0),
  next_time_limit text not null,
  next_time_limit_seconds integer check (next_time_limit_seconds >= 0),
  playtime_seconds double precision check (playtime_seconds > 0),
  time_to_beat_seconds integer check (time_to_beat_seconds >= 0),
  duration_seconds integer not null check (duration_seconds >= 0),
  possibly_partial boolean not null,
  bot_count integer not null check (bot_count >= 0),
  human_count integer not null check (human_count >= 0),
  is_bot_round boolean not null,
  mvp_guid text,
  -- Derived per gaming session:
  session_id integer references sessions (id) on delete set null,
  match_id integer references matches (id) on delete set null,
  round_one_id integer references rounds (id) on delete set null,
  -- Which persistent team played Axis (side 1) this round, by the session's rosters.
  axis_team text check (axis_team in ('A', 'B')),
  status text not null check (status in ('completed', 'cancelled', 'substitution', 'orphan_r2')),
  is_valid boolean not null,
  invalid_reason text check ((invalid_reason is null) = is_valid),
  warnings jsonb not null default '[]'
);
create index rounds_server_played_at on rounds (server_id, played_at);
create index rounds_session on rounds (session_id);
create index rounds_match on rounds (match_id);
create index rounds_played_at on rounds (played_at desc);

create table round_players (
  round_id integer not null references rounds (id) on delete cascade,
  guid text not null references players (guid),
  written_guid text not null,
  name text not null,
  raw_name text not null,
  team integer not null check (team between 0 and 3),
  is_bot boolean not null,
  line integer not null check (line >= 2),
  differential text check (differential in ('subtracted', 'not_in_round_one', 'counter_reset_fallback')),
  kills integer not null check (kills >= 0),
  deaths integer not null check (deaths >= 0),
  headshots integer not null check (headshots >= 0),
  hits integer not null check (hits >= 0),
  shots integer not null check (shots >= 0),
  played_seconds integer not null check (played_seconds >= 0),
  time_dead_seconds integer not null check (time_dead_seconds >= 0),
  mvp_score double precision not null check (mvp_score >= 0),
  damage_given integer not null check (damage_given >= 0),
  damage_received integer not null check (damage_received >= 0),
  team_damage_given integer not null check (team_damage_given >= 0),
  team_damage_received integer not null check (team_damage_received >= 0),
  gibs integer not null check (gibs >= 0),
  self_kills integer not null check (self_kills >= 0),
  team_kills integer not null check (team_kills >= 0),
  team_gibs integer not null check (team_gibs >= 0),
  time_played_percent double precision not null check (time_played_percent >= 0),
  xp integer not null check (xp >= 0),
  killing_spree integer not null check (killing_spree >= 0),
  death_spree integer not null check (death_spree >= 0),
  kill_assists integer not null check (kill_assists >= 0),
  kill_steals integer not null check (kill_steals >= 0),
  headshot_kills integer not null check (headshot_kills >= 0),
  objectives_stolen integer not null check (objectives_stolen >= 0),
  objectives_returned integer not null check (objectives_returned >= 0),
  dynamites_planted integer not null check (dynamites_planted >= 0),
  dynamites_defused integer not null check (dynamites_defused >= 0),
  times_revived integer not null check (times_revived >= 0),
  bullets_fired integer not null check (bullets_fired >= 0),
  writer_dpm double precision not null check (writer_dpm >= 0),
  time_played_minutes double precision not null check (time_played_minutes >= 0),
  tank_meatshield double precision not null check (tank_meatshield >= 0),
  time_dead_ratio double precision not null check (time_dead_ratio >= 0),
  time_dead_minutes double precision not null check (time_dead_minutes >= 0),
  writer_kd_ratio double precision not null check (writer_kd_ratio >= 0),
  useful_kills integer not null check (useful_kills >= 0),
  denied_playtime integer not null check (denied_playtime >= 0),
  multikill_2x integer not null check (multikill_2x >= 0),
  multikill_3x integer not null check (multikill_3x >= 0),
  multikill_4x integer not null check (multikill_4x >= 0),
  multikill_5x integer not null check (multikill_5x >= 0),
  multikill_6x integer not null check (multikill_6x >= 0),
  useless_kills integer not null check (useless_kills >= 0),
  full_selfkills integer not null check (full_selfkills >= 0),
  repairs_constructions integer not null check (repairs_constructions >= 0),
  revives_given integer not null check (revives_given >= 0),
  primary key (round_id, guid)
);
create index round_players_guid on round_players (guid);

create table round_weapons (
  round_id integer not null,
  guid text not null,
  weapon_id integer not null check (weapon_id between 0 and 27),
  hits integer not null check (hits >= 0),
  shots integer not null check (shots >= 0),
  kills integer not null check (kills >= 0),
  deaths integer not null check (deaths >= 0),
  headshots integer not null check (headshots >= 0),
  primary key (round_id, guid, weapon_id),
  foreign key (round_id, guid) references round_players (round_id, guid) on delete cascade
);

-- Sums of one player's counted rounds, per gaming session and per match. Both are recomputed with
-- their session; leaderboards, records and profiles read them instead of every player row.
create table player_session_totals (
  session_id integer not null references sessions (id) on delete cascade,
  guid text not null references players (guid),
  rounds integer not null check (rounds >= 0),
  kills integer not null check (kills >= 0),
  deaths integer not null check (deaths >= 0),
  headshots integer not null check (headshots >= 0),
  headshot_kills integer not null check (headshot_kills >= 0),
  hits bigint not null check (hits >= 0),
  shots bigint not null check (shots >= 0),
  damage_given bigint not null check (damage_given >= 0),
  damage_received bigint not null check (damage_received >= 0),
  team_damage_given bigint not null check (team_damage_given >= 0),
  timed_damage_given bigint not null check (timed_damage_given >= 0),
  played_seconds bigint not null check (played_seconds >= 0),
  time_dead_seconds bigint not null check (time_dead_seconds >= 0),
  gibs integer not null check (gibs >= 0),
  xp bigint not null check (xp >= 0),
  revives_given integer not null check (revives_given >= 0),
  times_revived integer not null check (times_revived >= 0),
  objectives integer not null check (objectives >= 0),
  dynamites_planted integer not null check (dynamites_planted >= 0),
  dynamites_defused integer not null check (dynamites_defused >= 0),
  useful_kills integer not null check (useful_kills >= 0),
  denied_playtime bigint not null check (denied_playtime >= 0),
  multikills integer not null check (multikills >= 0),
  grenade_kills integer not null check (grenade_kills >= 0),
  grenade_hits integer not null check (grenade_hits >= 0),
  grenade_rounds integer not null check (grenade_rounds >= 0),
  primary key (session_id, guid)
);
create index player_session_totals_guid on player_session_totals (guid);

-- The same sums per session, player and map (profiles' best maps).
create table player_session_maps (
  like player_session_totals including defaults including constraints,
  map text not null,
  foreign key (session_id) references sessions (id) on delete cascade,
  foreign key (guid) references players (guid),
  primary key (session_id, guid, map)
);
create index player_session_maps_guid on player_session_maps (guid);

-- Weapon sums per session and player (profiles' favourite weapons).
create table player_session_weapons (
  session_id integer not null references sessions (id) on delete cascade,
  guid text not null references players (guid),
  weapon_id integer not null check (weapon_id between 0 and 27),
  rounds integer not null check (rounds >= 0),
  hits bigint not null check (hits >= 0),
  shots bigint not null check (shots >= 0),
  kills integer not null check (kills >= 0),
  deaths integer not null check (deaths >= 0),
  headshots integer not null check (headshots >= 0),
  primary key (session_id, guid, weapon_id)
);
create index player_session_weapons_guid on player_session_weapons (guid);

create table player_match_totals (
  match_id integer not null references matches (id) on delete cascade,
  guid text not null references players (guid),
  kills integer not null check (kills >= 0),
  headshots integer not null check (headshots >= 0),
  damage_given integer not null check (damage_given >= 0),
  xp integer not null check (xp >= 0),
  revives_given integer not null check (revives_given >= 0),
  gibs integer not null check (gibs >= 0),
  primary key (match_id, guid)
);

create table excluded_maps (
  map text primary key check (map = lower(map)),
  excluded_at timestamptz not null default now()
);

-- A player's name for display: the one set by its owner, else the alias seen last (most often on
-- a tie), else the GUID.
create view player_names as
  select p.guid, coalesce(p.display_name, a.name, p.guid) as name
  from players p
  left join lateral (
    select name from aliases
    where aliases.guid = p.guid and times_seen > 0
    order by last_seen desc, times_seen desc, name
    limit 1
  ) a on true;

-- One Discord account links to one GUID, and a GUID to at most one account (domain-rules §6).
create table discord_links (
  discord_user_id text primary key,
  guid text not null unique references players (guid),
  linked_at timestamptz not null default now(),
  linked_by text not null
);

-- The rounds every statistic reads: valid (no bots, no filler map, not an orphan Round 2) and
-- completed or replayed after a roster change; halves 1 and 2 only.
create view counted_rounds as
  select * from rounds
  where is_valid and status in ('completed', 'substitution') and round_number in (1, 2);

-- Player rows of counted rounds, humans only.
create view counted_player_rounds as
  select rp.*, r.server_id, r.session_id, r.match_id, r.map, r.round_number, r.played_at,
    r.local_datetime, r.status as round_status
  from round_players rp
  join counted_rounds r on r.id = rp.round_id
  where not rp.is_bot;
