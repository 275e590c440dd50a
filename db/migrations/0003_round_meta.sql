-- Round meta (domain/round_meta.ts): what the game server's Lua module saw of a round that its
-- stats file cannot say – real start and end, time paused, end reason, surrendering team, winner.
-- It arrives with the upload (X-Etl-Round-Meta), validated and normalised, and is kept with the raw
-- file it came with, so `deno task rebuild` applies it again. Null: the upload carried none.
alter table raw_files add column round_meta jsonb
  check (round_meta is null or jsonb_typeof(round_meta) = 'object');
