/**
 * The sums kept per player in `player_session_totals` and `player_session_maps`: each column once,
 * with its SQL aggregate (full recompute) and its value in one player row (incremental add), so the
 * two paths cannot disagree on what a total contains.
 */
import type { RoundPlayer } from "../domain/parsed_round.ts";
import { WEAPON_CODES } from "../domain/weapons.ts";

const GRENADE = WEAPON_CODES.indexOf("WS_GRENADE");

export interface TotalColumn {
  column: string;
  /** Aggregate over player rows `p` (and the grenade weapon row `w`). */
  sum: string;
  /** The row's contribution. */
  of: (p: RoundPlayer) => number;
}

const grenade = (p: RoundPlayer) => p.weapons.find((w) => w.id === GRENADE);

export const TOTAL_COLUMNS: readonly TotalColumn[] = [
  { column: "rounds", sum: "count(*)", of: () => 1 },
  { column: "kills", sum: "sum(p.kills)", of: (p) => p.metrics.kills },
  { column: "deaths", sum: "sum(p.deaths)", of: (p) => p.metrics.deaths },
  { column: "headshots", sum: "sum(p.headshots)", of: (p) => p.metrics.headshots },
  { column: "headshot_kills", sum: "sum(p.headshot_kills)", of: (p) => p.fields.headshotKills },
  { column: "hits", sum: "sum(p.hits)", of: (p) => p.metrics.hits },
  { column: "shots", sum: "sum(p.shots)", of: (p) => p.metrics.shots },
  { column: "damage_given", sum: "sum(p.damage_given)", of: (p) => p.fields.damageGiven },
  { column: "damage_received", sum: "sum(p.damage_received)", of: (p) => p.fields.damageReceived },
  {
    column: "team_damage_given",
    sum: "sum(p.team_damage_given)",
    of: (p) => p.fields.teamDamageGiven,
  },
  {
    column: "timed_damage_given",
    sum: "sum(case when p.played_seconds > 0 then p.damage_given else 0 end)",
    of: (p) => (p.metrics.playedSeconds > 0 ? p.fields.damageGiven : 0),
  },
  { column: "played_seconds", sum: "sum(p.played_seconds)", of: (p) => p.metrics.playedSeconds },
  {
    column: "time_dead_seconds",
    sum: "sum(p.time_dead_seconds)",
    of: (p) => p.metrics.timeDeadSeconds,
  },
  { column: "gibs", sum: "sum(p.gibs)", of: (p) => p.fields.gibs },
  { column: "xp", sum: "sum(p.xp)", of: (p) => p.fields.xp },
  { column: "revives_given", sum: "sum(p.revives_given)", of: (p) => p.fields.revivesGiven },
  { column: "times_revived", sum: "sum(p.times_revived)", of: (p) => p.fields.timesRevived },
  {
    column: "objectives",
    sum: "sum(p.objectives_stolen + p.objectives_returned)",
    of: (p) => p.fields.objectivesStolen + p.fields.objectivesReturned,
  },
  {
    column: "dynamites_planted",
    sum: "sum(p.dynamites_planted)",
    of: (p) => p.fields.dynamitesPlanted,
  },
  {
    column: "dynamites_defused",
    sum: "sum(p.dynamites_defused)",
    of: (p) => p.fields.dynamitesDefused,
  },
  { column: "useful_kills", sum: "sum(p.useful_kills)", of: (p) => p.fields.usefulKills },
  { column: "denied_playtime", sum: "sum(p.denied_playtime)", of: (p) => p.fields.deniedPlaytime },
  {
    column: "multikills",
    sum: "sum(p.multikill_2x + p.multikill_3x + p.multikill_4x + p.multikill_5x + p.multikill_6x)",
    of: (p) =>
      p.fields.multikill2x + p.fields.multikill3x + p.fields.multikill4x + p.fields.multikill5x +
      p.fields.multikill6x,
  },
  { column: "grenade_kills", sum: "coalesce(sum(w.kills), 0)", of: (p) => grenade(p)?.kills ?? 0 },
  { column: "grenade_hits", sum: "coalesce(sum(w.hits), 0)", of: (p) => grenade(p)?.hits ?? 0 },
  { column: "grenade_rounds", sum: "count(w.round_id)", of: (p) => (grenade(p) ? 1 : 0) },
];

/** The weapon id whose rows `w` joins in the aggregates above. */
export const GRENADE_WEAPON_ID = GRENADE;
