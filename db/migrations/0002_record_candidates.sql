-- Records (the Hall of Fame) read their contenders from here: per gaming session, map and record,
-- the rows tied for the best value. Derived with the session (db/queries/record_candidates.ts), so
-- a records request reads one short index range per record instead of every player row.
create table record_candidates (
  session_id integer not null references sessions (id) on delete cascade,
  kind text not null check (kind in ('round', 'match')),
  -- The record's source in domain/records.ts (`kills`, `damageGiven`, `accuracy`, ...).
  source text not null,
  map text not null,
  value double precision not null check (value > 0),
  guid text not null references players (guid),
  round_id integer references rounds (id) on delete cascade,
  match_id integer references matches (id) on delete cascade,
  played_at timestamptz not null,
  hits integer not null default 0,
  shots integer not null default 0,
  check ((kind = 'round') = (round_id is not null))
);
create index record_candidates_best on record_candidates (kind, source, value desc, played_at desc);
create index record_candidates_map on record_candidates (kind, source, lower(map), value desc, played_at desc);
-- Per session: the refresh of a session (or of some of its maps) and the merge of new rows.
create index record_candidates_session on record_candidates (session_id, kind, source, map, value);
