-- Records (db/queries/records.ts) read the best rows of each category down an index on its value:
-- without these, every records request sorts every player row once per category (measured on
-- 77k player rows: 1.7–3 s on Postgres, 5–8 s on PGlite; with them 60–120 ms and 0.2–0.4 s).
-- Partial on value > 0, as the queries are: sparse counters (objectives, dynamites) stay small.

create index round_players_record_kills on round_players (kills) where kills > 0;
create index round_players_record_damage_given on round_players (damage_given)
  where damage_given > 0;
create index round_players_record_revives_given on round_players (revives_given)
  where revives_given > 0;
create index round_players_record_gibs on round_players (gibs) where gibs > 0;
create index round_players_record_headshots on round_players (headshots) where headshots > 0;
create index round_players_record_xp on round_players (xp) where xp > 0;
create index round_players_record_times_revived on round_players (times_revived)
  where times_revived > 0;
create index round_players_record_useful_kills on round_players (useful_kills)
  where useful_kills > 0;
create index round_players_record_objectives_stolen on round_players (objectives_stolen)
  where objectives_stolen > 0;
create index round_players_record_objectives_returned on round_players (objectives_returned)
  where objectives_returned > 0;
create index round_players_record_dynamites_planted on round_players (dynamites_planted)
  where dynamites_planted > 0;
create index round_players_record_dynamites_defused on round_players (dynamites_defused)
  where dynamites_defused > 0;
-- Accuracy: hits per shot, for the rows that may hold the record (domain/records.ts
-- ACCURACY_RECORD_RULE: more than 50 bullets, at most 15 per second played).
create index round_players_record_accuracy on round_players ((hits::float8 / nullif(shots, 0)))
  where shots > 0 and bullets_fired > 50 and bullets_fired <= 15 * played_seconds;

create index player_match_totals_record_damage_given on player_match_totals (damage_given)
  where damage_given > 0;
create index player_match_totals_record_kills on player_match_totals (kills) where kills > 0;
create index player_match_totals_record_headshots on player_match_totals (headshots)
  where headshots > 0;
create index player_match_totals_record_xp on player_match_totals (xp) where xp > 0;
create index player_match_totals_record_revives_given on player_match_totals (revives_given)
  where revives_given > 0;
create index player_match_totals_record_gibs on player_match_totals (gibs) where gibs > 0;
