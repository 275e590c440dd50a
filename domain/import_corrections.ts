/**
 * Per-player corrections at import (spec §9), applied to the numbers that get stored, each one
 * logged as a warning. Team kills are not clamped to kills (the spec calls that rule dubious: team
 * kills are not part of kills); accuracy needs no clamp because it is computed when read.
 */
import { assembleRound, type ParsedRound, type ParseWarning } from "./parsed_round.ts";

const DPM_WARNING_THRESHOLD = 1000;

/** The round with headshot kills ≤ kills, dead time ≤ played time and dead ratio ≤ 100 %. */
export function applyImportCorrections(round: ParsedRound): ParsedRound {
  const warnings: ParseWarning[] = [];
  let changed = false;
  const players = round.players.map(({ metrics, ...player }) => {
    const fields = { ...player.fields };
    const who = `${player.name} (${player.guid})`;
    const note = (message: string) =>
      warnings.push({
        code: "import_correction",
        guid: player.guid,
        message: `${who}: ${message}`,
      });
    if (fields.headshotKills > metrics.kills) {
      note(
        `headshot kills ${fields.headshotKills} > kills ${metrics.kills}; set to ${metrics.kills}`,
      );
      fields.headshotKills = metrics.kills;
    }
    if (fields.timeDeadMinutes > fields.timePlayedMinutes) {
      note(`dead ${fields.timeDeadMinutes} min > played ${fields.timePlayedMinutes} min; capped`);
      fields.timeDeadMinutes = fields.timePlayedMinutes;
    }
    if (fields.timeDeadRatio > 100) {
      note(`dead ratio ${fields.timeDeadRatio} % > 100 %; capped`);
      fields.timeDeadRatio = 100;
    }
    if (metrics.dpm !== null && metrics.dpm > DPM_WARNING_THRESHOLD) {
      warnings.push({
        code: "suspicious_value",
        guid: player.guid,
        message: `${who}: DPM ${metrics.dpm.toFixed(1)} is above ${DPM_WARNING_THRESHOLD}`,
      });
    }
    if (
      fields.headshotKills !== player.fields.headshotKills ||
      fields.timeDeadMinutes !== player.fields.timeDeadMinutes ||
      fields.timeDeadRatio !== player.fields.timeDeadRatio
    ) changed = true;
    return { ...player, fields };
  });
  if (warnings.length === 0) return round;
  const base = { ...round, warnings: [...round.warnings, ...warnings] };
  return changed ? assembleRound(base, players) : base;
}
