/** The parsed shape of one stats file (or of Round 2 alone), shared by the parser and the differential. */
import { isBotRound } from "./bots.ts";
import type { ExtendedFields } from "./extended_fields.ts";
import { metricsOf, pickRoundMvp, type PlayerMetrics, roundTotals } from "./metrics.ts";
import type { HeaderWarning, RoundHeader } from "./round_header.ts";
import type { StatsFileName } from "./stats_file_name.ts";
import type { WeaponStats } from "./weapons.ts";

/** Why a player line was left out of the round. */
export type LineRejection =
  | "too_few_fields"
  | "invalid_weapon_mask"
  | "invalid_weapon_token"
  | "weapon_token_count"
  | "extended_field_count"
  | "value_out_of_range"
  | "duplicate_guid";

/** Something in the file worth knowing that did not stop it from parsing. */
export type ParseWarning =
  | HeaderWarning
  | { code: "line_rejected"; reason: LineRejection; line: number; message: string }
  | { code: "line_without_fields"; line: number; message: string }
  | {
    code: "invalid_field_value" | "empty_guid" | "unknown_team" | "no_played_time";
    line: number;
    message: string;
  }
  | {
    code:
      | "counter_reset_fallback"
      | "weapon_missing_in_round_two"
      | "import_correction"
      | "suspicious_value";
    guid: string;
    message: string;
  };

/** How a player's Round 2 numbers were obtained from the cumulative file (spec §8). */
export type DifferentialKind = "subtracted" | "not_in_round_one" | "counter_reset_fallback";

/** One player of one round: identity, side, every weapon tuple, all 38 fields, derived metrics. */
export interface RoundPlayer {
  /** Identity key: the written 8-character GUID, `?` when empty, or a bot's hashed identity. */
  guid: string;
  /** GUID exactly as written (upper-cased; `?` when empty). */
  writtenGuid: string;
  rawName: string;
  /** Name with colour codes stripped by the identity rule (spec §3). */
  name: string;
  isBot: boolean;
  /** Side at the last snapshot: 0 unknown, 1 Axis, 2 Allies, 3 spectator. */
  team: number;
  /** The engine's session round counter (unused by statistics). */
  sessionRounds: number;
  /** 1-based line number in the file this player came from. */
  line: number;
  weapons: WeaponStats[];
  fields: ExtendedFields;
  metrics: PlayerMetrics;
  /** Round 2-only results: how this player's numbers were obtained. */
  differential?: DifferentialKind;
}

/**
 * Which numbers a round holds: a Round 1 file (`single_round`), a Round 2 file as written
 * (`cumulative`: Round 1 + Round 2), or Round 2 alone after the differential (`round_two_only`).
 */
export type RoundValues = "single_round" | "cumulative" | "round_two_only";

/** A parsed round with its players, validity facts and warnings. */
export interface ParsedRound {
  file: StatsFileName;
  header: RoundHeader;
  values: RoundValues;
  /** The Round 1 whose numbers were subtracted (`round_two_only` only). */
  roundOne: StatsFileName | null;
  players: RoundPlayer[];
  botCount: number;
  humanCount: number;
  /** Bots > 0 and (no humans or bots outnumber humans); any bot at all makes a round invalid. */
  isBotRound: boolean;
  /** GUID of the round MVP (highest MVP score above 0, first in file order on ties). */
  mvpGuid: string | null;
  warnings: ParseWarning[];
}

/** A player before its metrics are attached. */
export type PlayerCounters = Omit<RoundPlayer, "metrics">;

/** Attaches metrics, then derives the round-level facts (bots, MVP) from the players. */
export function assembleRound(
  base: Pick<ParsedRound, "file" | "header" | "values" | "roundOne" | "warnings">,
  counters: readonly PlayerCounters[],
): ParsedRound {
  const players = counters.map((p): RoundPlayer => ({ ...p, metrics: metricsOf(roundTotals(p)) }));
  const botCount = players.filter((p) => p.isBot).length;
  const humanCount = players.length - botCount;
  return {
    ...base,
    players,
    botCount,
    humanCount,
    isBotRound: isBotRound(botCount, humanCount),
    mvpGuid: pickRoundMvp(players)?.guid ?? null,
  };
}
