/**
 * Round 2 differential (spec §8): a Round 2 file holds Round 1 + Round 2 for cumulative (class C)
 * fields and weapon tuples; subtracting its Round 1 gives Round 2 alone.
 */
import { clampTo } from "./bounds.ts";
import {
  CUMULATIVE_FIELD_KEYS,
  type ExtendedFieldKey,
  type ExtendedFields,
} from "./extended_fields.ts";
import { minutesToTenths, roundTotals, roundToTenth } from "./metrics.ts";
import {
  assembleRound,
  type ParsedRound,
  type ParseWarning,
  type PlayerCounters,
  type RoundPlayer,
} from "./parsed_round.ts";
import { err, ok, type Result } from "./result.ts";
import type { WeaponStats } from "./weapons.ts";

export type DifferentialError = { code: "not_a_round_pair"; message: string };

const TANK_DAMAGE_THRESHOLD = 1000;
const TANK_MIN_VALUE = 3;
const TANK_DIVISOR = 130;

/**
 * Turns a parsed Round 2 (cumulative) into Round 2-only numbers using its parsed Round 1.
 * Per player: not in Round 1 → kept as written; any of kills, deaths, damage given/received or f22
 * lower than in Round 1 (a reconnect reset the engine's counters) → Round 2 raw values; otherwise
 * C fields and weapon tuples are `max(0, R2 − R1)`. P fields stay as written; R and X fields are
 * recomputed. Players only in Round 1 get no row. Header facts come from the Round 2 file.
 */
export function roundTwoOnly(
  roundOne: ParsedRound,
  roundTwo: ParsedRound,
): Result<ParsedRound, DifferentialError> {
  const mismatch = pairMismatch(roundOne, roundTwo);
  if (mismatch) return err({ code: "not_a_round_pair", message: mismatch });

  const roundOnePlayers = new Map<string, RoundPlayer>();
  for (const player of roundOne.players) roundOnePlayers.set(player.guid, player);

  const warnings: ParseWarning[] = [...roundTwo.warnings];
  const players: PlayerCounters[] = roundTwo.players.map(({ metrics: _, ...player }) => {
    const before = roundOnePlayers.get(player.guid);
    if (!before) return { ...player, differential: "not_in_round_one" };
    if (countersWentDown(before, player)) {
      warnings.push({
        code: "counter_reset_fallback",
        guid: player.guid,
        message: `${player.name} (${player.guid}) has lower counters in Round 2 than in Round 1 ` +
          "(reconnected); their Round 2 file values are used as Round 2-only values",
      });
      return {
        ...player,
        fields: withRecomputedRatios(player.fields, player.weapons),
        differential: "counter_reset_fallback",
      };
    }
    const weapons = subtractWeapons(player.weapons, before.weapons);
    if (before.weapons.some((w) => !player.weapons.some((v) => v.id === w.id))) {
      warnings.push({
        code: "weapon_missing_in_round_two",
        guid: player.guid,
        message: `${player.name} (${player.guid}) has a Round 1 weapon missing from the ` +
          "cumulative Round 2 file",
      });
    }
    const fields = subtractFields(player.fields, before.fields);
    return {
      ...player,
      weapons,
      fields: withRecomputedRatios(fields, weapons),
      differential: "subtracted",
    };
  });

  return ok(assembleRound({
    file: roundTwo.file,
    header: roundTwo.header,
    values: "round_two_only",
    roundOne: roundOne.file,
    warnings,
  }, players));
}

function pairMismatch(roundOne: ParsedRound, roundTwo: ParsedRound): string | null {
  if (roundOne.values !== "single_round" || roundOne.file.round !== 1) {
    return `${roundOne.file.fileName} is not a Round 1 file`;
  }
  if (roundTwo.values !== "cumulative" || roundTwo.file.round !== 2) {
    return `${roundTwo.file.fileName} is not a cumulative Round 2 file`;
  }
  if (roundOne.file.map !== roundTwo.file.map) {
    return `Round 1 is on ${roundOne.file.map} but Round 2 is on ${roundTwo.file.map}`;
  }
  return null;
}

function countersWentDown(before: PlayerCounters, after: PlayerCounters): boolean {
  const b = roundTotals(before);
  const a = roundTotals(after);
  return a.kills < b.kills || a.deaths < b.deaths || a.damageGiven < b.damageGiven ||
    a.damageReceived < b.damageReceived ||
    minutesToTenths(after.fields.timePlayedMinutes) <
      minutesToTenths(before.fields.timePlayedMinutes);
}

function subtractWeapons(after: WeaponStats[], before: WeaponStats[]): WeaponStats[] {
  return after.map((weapon) => {
    const earlier = before.find((w) => w.id === weapon.id);
    if (!earlier) return weapon;
    return {
      ...weapon,
      hits: Math.max(0, weapon.hits - earlier.hits),
      shots: Math.max(0, weapon.shots - earlier.shots),
      kills: Math.max(0, weapon.kills - earlier.kills),
      deaths: Math.max(0, weapon.deaths - earlier.deaths),
      headshots: Math.max(0, weapon.headshots - earlier.headshots),
    };
  });
}

function subtractFields(after: ExtendedFields, before: ExtendedFields): ExtendedFields {
  const fields: ExtendedFields = { ...after };
  for (const key of CUMULATIVE_FIELD_KEYS as readonly ExtendedFieldKey[]) {
    fields[key] = Math.max(0, after[key] - before[key]);
  }
  const tenthsBefore = minutesToTenths(before.timePlayedMinutes);
  const tenthsAfter = minutesToTenths(after.timePlayedMinutes);
  fields.timePlayedMinutes = Math.max(0, tenthsAfter - tenthsBefore) / 10;

  // f8 is a share of cumulative time; convert both files to minutes alive and take the difference.
  const aliveBefore = (before.timePlayedPercent / 100) * before.timePlayedMinutes;
  const aliveAfter = (after.timePlayedPercent / 100) * after.timePlayedMinutes;
  const minutes = (tenthsAfter - tenthsBefore) / 10;
  fields.timePlayedPercent = minutes === 0
    ? 0
    : roundToTenth(clampTo((Math.max(0, aliveAfter - aliveBefore) / minutes) * 100, 100));
  return fields;
}

/** Recomputes the ratio (R) and writer-artefact (X) fields from Round 2-only values. */
function withRecomputedRatios(fields: ExtendedFields, weapons: WeaponStats[]): ExtendedFields {
  const totals = roundTotals({ weapons, fields });
  const minutes = fields.timePlayedMinutes;
  const tank = totals.deaths > 0
    ? totals.damageReceived / totals.deaths / TANK_DIVISOR
    : (totals.damageReceived + 1) / TANK_DIVISOR;
  return {
    ...fields,
    // Dead time above played time (a server idling on a stale map) caps at 100 % (spec §9).
    timeDeadRatio: minutes > 0
      ? roundToTenth(clampTo((fields.timeDeadMinutes / minutes) * 100, 100))
      : 0,
    tankMeatshield: totals.damageReceived > TANK_DAMAGE_THRESHOLD && tank > TANK_MIN_VALUE
      ? roundToTenth(clampTo(tank))
      : 0,
    writerDpm: totals.playedSeconds > 0
      ? roundToTenth(clampTo((totals.damageGiven * 60) / totals.playedSeconds))
      : 0,
    writerKdRatio: roundToTenth(
      totals.deaths > 0 ? totals.kills / totals.deaths : totals.kills + 1,
    ),
  };
}
