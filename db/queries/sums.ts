/** The player sums read models aggregate from player rows, one list for every query. */

/** Sums over player rows (aliased `p`), as numbers. */
export interface PlayerSums {
  rounds: number;
  kills: number;
  deaths: number;
  headshots: number;
  headshotKills: number;
  hits: number;
  shots: number;
  damageGiven: number;
  damageReceived: number;
  teamDamageGiven: number;
  timedDamageGiven: number;
  playedSeconds: number;
  timeDeadSeconds: number;
  gibs: number;
  xp: number;
  revivesGiven: number;
  timesRevived: number;
  objectives: number;
  dynamitesPlanted: number;
  dynamitesDefused: number;
  usefulKills: number;
  deniedPlaytime: number;
  multikills: number;
}

/** `select` list summing player rows (`p` = round_players or counted_player_rounds). */
export const SUM_COLUMNS = `count(*)::int as rounds, sum(p.kills)::int as kills,
  sum(p.deaths)::int as deaths, sum(p.headshots)::int as headshots,
  sum(p.headshot_kills)::int as "headshotKills", sum(p.hits)::int8 as hits,
  sum(p.shots)::int8 as shots, sum(p.damage_given)::int8 as "damageGiven",
  sum(p.damage_received)::int8 as "damageReceived",
  sum(p.team_damage_given)::int8 as "teamDamageGiven",
  sum(case when p.played_seconds > 0 then p.damage_given else 0 end)::int8 as "timedDamageGiven",
  sum(p.played_seconds)::int8 as "playedSeconds", sum(p.time_dead_seconds)::int8 as "timeDeadSeconds",
  sum(p.gibs)::int as gibs, sum(p.xp)::int8 as xp, sum(p.revives_given)::int as "revivesGiven",
  sum(p.times_revived)::int as "timesRevived",
  sum(p.objectives_stolen + p.objectives_returned)::int as objectives,
  sum(p.dynamites_planted)::int as "dynamitesPlanted",
  sum(p.dynamites_defused)::int as "dynamitesDefused", sum(p.useful_kills)::int as "usefulKills",
  sum(p.denied_playtime)::int8 as "deniedPlaytime",
  sum(p.multikill_2x + p.multikill_3x + p.multikill_4x + p.multikill_5x + p.multikill_6x)::int
    as multikills`;

/** The same sums from the per-session totals tables (aliased `t`). */
export const TOTALS_SUM_COLUMNS = `sum(t.rounds)::int as rounds, sum(t.kills)::int as kills,
  sum(t.deaths)::int as deaths, sum(t.headshots)::int as headshots,
  sum(t.headshot_kills)::int as "headshotKills", sum(t.hits)::int8 as hits,
  sum(t.shots)::int8 as shots, sum(t.damage_given)::int8 as "damageGiven",
  sum(t.damage_received)::int8 as "damageReceived",
  sum(t.team_damage_given)::int8 as "teamDamageGiven",
  sum(t.timed_damage_given)::int8 as "timedDamageGiven",
  sum(t.played_seconds)::int8 as "playedSeconds", sum(t.time_dead_seconds)::int8 as "timeDeadSeconds",
  sum(t.gibs)::int as gibs, sum(t.xp)::int8 as xp, sum(t.revives_given)::int as "revivesGiven",
  sum(t.times_revived)::int as "timesRevived", sum(t.objectives)::int as objectives,
  sum(t.dynamites_planted)::int as "dynamitesPlanted",
  sum(t.dynamites_defused)::int as "dynamitesDefused", sum(t.useful_kills)::int as "usefulKills",
  sum(t.denied_playtime)::int8 as "deniedPlaytime", sum(t.multikills)::int as multikills`;
