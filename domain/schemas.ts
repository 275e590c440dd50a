/**
 * zod schemas for the JSON shape of a parsed round (what `deno task parse` prints and the API
 * returns) and of parse errors. Strict: unknown keys are refused, counters are bounded integers.
 */
import { z } from "zod";
import { MAX_COUNTER } from "./bounds.ts";
import { EXTENDED_FIELDS, type ExtendedFieldKey } from "./extended_fields.ts";
import { WEAPON_CODES } from "./weapons.ts";

const counter = z.number().int().min(0).max(MAX_COUNTER);
const finite = z.number().finite();
const nonNegative = finite.min(0);

export const statsFileNameSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{6}$/),
  localDateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  map: z.string().regex(/^[A-Za-z0-9_.+-]{1,50}$/),
  round: z.number().int().min(1).max(10),
});

const sideDiagnosticSchema = z.enum([
  "defender_missing",
  "defender_non_numeric",
  "defender_out_of_range",
  "winner_missing",
  "winner_non_numeric",
  "winner_out_of_range",
]);

export const roundHeaderSchema = z.strictObject({
  serverName: z.string(),
  serverNameClean: z.string(),
  map: z.string(),
  config: z.string(),
  headerRound: z.number().int().min(0),
  defenderTeam: z.number().int().min(0),
  winnerTeam: z.number().int().min(0),
  sideDiagnostics: z.array(sideDiagnosticSchema),
  scoreConfidence: z.enum(["verified_header", "ambiguous", "missing"]),
  timeLimit: z.string(),
  timeLimitSeconds: nonNegative.nullable(),
  nextTimeLimit: z.string(),
  nextTimeLimitSeconds: nonNegative.nullable(),
  playtimeRaw: z.string().nullable(),
  playtimeSeconds: finite.positive().nullable(),
  durationSeconds: z.number().int().min(0),
  possiblyPartial: z.boolean(),
  outcome: z.enum(["Fullhold", "Completed", "Unknown"]),
  stopwatchState: z.enum(["FULL_HOLD", "TIME_SET"]),
  timeToBeatSeconds: nonNegative.nullable(),
  nextTimeLimitMinutes: z.number().int().min(0).nullable(),
});

export const weaponStatsSchema = z.strictObject({
  id: z.number().int().min(0).max(WEAPON_CODES.length - 1),
  code: z.enum(WEAPON_CODES),
  hits: counter,
  shots: counter,
  kills: counter,
  deaths: counter,
  headshots: counter,
}).refine((w) => WEAPON_CODES[w.id] === w.code, "weapon code must match its id");

export const extendedFieldsSchema = z.strictObject(
  Object.fromEntries(
    EXTENDED_FIELDS.map((field) => [
      field.key,
      field.type === "int" ? counter : nonNegative.max(MAX_COUNTER),
    ]),
  ) as Record<ExtendedFieldKey, z.ZodNumber>,
);

export const playerMetricsSchema = z.strictObject({
  kills: counter,
  deaths: counter,
  headshots: counter,
  hits: counter,
  shots: counter,
  accuracy: nonNegative,
  kdRatio: nonNegative,
  efficiency: nonNegative.max(100),
  playedSeconds: nonNegative,
  dpm: nonNegative.nullable(),
  timeDeadSeconds: nonNegative,
  timeDeadRatio: nonNegative.max(100),
  headshotAccuracy: nonNegative,
  headshotKillRate: nonNegative.max(100),
  timeAliveSeconds: nonNegative,
  fragPotential: nonNegative.nullable(),
  damageRatio: nonNegative,
  mvpScore: nonNegative,
});

export const roundPlayerSchema = z.strictObject({
  guid: z.string().min(1),
  writtenGuid: z.string().min(1),
  rawName: z.string(),
  name: z.string(),
  isBot: z.boolean(),
  team: z.number().int().min(0).max(3),
  sessionRounds: counter,
  line: z.number().int().min(2),
  weapons: z.array(weaponStatsSchema),
  fields: extendedFieldsSchema,
  metrics: playerMetricsSchema,
  differential: z.enum(["subtracted", "not_in_round_one", "counter_reset_fallback"]).optional(),
});

export const parseWarningSchema = z.strictObject({
  code: z.enum([
    "side_diagnostic",
    "unparsable_time_limit",
    "unknown_playtime",
    "header_map_mismatch",
    "header_round_mismatch",
    "line_rejected",
    "line_without_fields",
    "invalid_field_value",
    "empty_guid",
    "unknown_team",
    "no_played_time",
    "counter_reset_fallback",
    "weapon_missing_in_round_two",
    "import_correction",
    "suspicious_value",
  ]),
  message: z.string().min(1),
  reason: z.enum([
    "too_few_fields",
    "invalid_weapon_mask",
    "invalid_weapon_token",
    "weapon_token_count",
    "extended_field_count",
    "value_out_of_range",
    "duplicate_guid",
  ]).optional(),
  line: z.number().int().min(1).optional(),
  guid: z.string().optional(),
});

export const parsedRoundSchema = z.strictObject({
  file: statsFileNameSchema,
  header: roundHeaderSchema,
  values: z.enum(["single_round", "cumulative", "round_two_only"]),
  roundOne: statsFileNameSchema.nullable(),
  players: z.array(roundPlayerSchema).min(1),
  botCount: counter,
  humanCount: counter,
  isBotRound: z.boolean(),
  mvpGuid: z.string().nullable(),
  warnings: z.array(parseWarningSchema),
}).refine((r) => r.botCount + r.humanCount === r.players.length, "bot + human = players")
  .refine(
    (r) => new Set(r.players.map((p) => p.guid)).size === r.players.length,
    "player GUIDs are unique within a round",
  );

export const parseErrorSchema = z.discriminatedUnion("code", [
  z.strictObject({
    code: z.literal("ignored_file"),
    message: z.string().min(1),
    fileName: z.string(),
    kind: z.enum(["weapon_stats_sidecar", "endstats", "engagements", "gametime"]),
  }),
  z.strictObject({
    code: z.literal("invalid_file_name"),
    message: z.string().min(1),
    fileName: z.string(),
  }),
  z.strictObject({
    code: z.literal("invalid_header"),
    message: z.string().min(1),
    fields: z.number().int().min(0),
  }),
  z.strictObject({
    code: z.literal("insufficient_lines"),
    message: z.string().min(1),
    lines: z.number().int().min(0),
  }),
  z.strictObject({
    code: z.literal("no_players"),
    message: z.string().min(1),
    rejectedLines: z.number().int().min(0),
  }),
]);

export type ParsedRoundJson = z.infer<typeof parsedRoundSchema>;
