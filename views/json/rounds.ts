/** JSON of one round for the read API. */
import { accuracy, metricsOf, roundTotals } from "../../domain/metrics.ts";
import { WEAPON_CODES, WEAPON_NAMES, type WeaponStats } from "../../domain/weapons.ts";
import type { RoundPlayerRow, RoundRow } from "../../db/queries/rounds.ts";
import { round2 } from "./stat_line.ts";

export function roundJson(round: RoundRow, players: RoundPlayerRow[]) {
  return {
    ...round,
    players: players.map((p) => {
      const weapons: WeaponStats[] = p.weapons.map((w) => ({ ...w, code: WEAPON_CODES[w.id]! }));
      const metrics = metricsOf(roundTotals({ weapons, fields: p.fields }));
      return {
        guid: p.guid,
        name: p.name,
        rawName: p.rawName,
        team: p.team,
        isBot: p.isBot,
        differential: p.differential,
        metrics: Object.fromEntries(
          Object.entries(metrics).map((
            [key, value],
          ) => [key, typeof value === "number" ? round2(value) : value]),
        ),
        fields: p.fields,
        weapons: weapons.map((w) => ({
          ...w,
          name: WEAPON_NAMES[w.id],
          accuracy: round2(accuracy(w)),
        })),
      };
    }),
  };
}
