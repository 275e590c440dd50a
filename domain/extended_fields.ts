/**
 * The 38 TAB-separated extended fields of a player line (spec §5.3), in file order.
 *
 * `r2` is how a Round 2 file's value relates to Round 2 alone: C = cumulative (subtract Round 1),
 * P = per-round (as written), R = ratio (recompute), X = writer artefact (ignore, recompute).
 */
export const EXTENDED_FIELDS = [
  { key: "damageGiven", type: "int", r2: "C" },
  { key: "damageReceived", type: "int", r2: "C" },
  { key: "teamDamageGiven", type: "int", r2: "C" },
  { key: "teamDamageReceived", type: "int", r2: "C" },
  { key: "gibs", type: "int", r2: "C" },
  { key: "selfKills", type: "int", r2: "C" },
  { key: "teamKills", type: "int", r2: "C" },
  { key: "teamGibs", type: "int", r2: "C" },
  { key: "timePlayedPercent", type: "float", r2: "R" },
  { key: "xp", type: "int", r2: "P" },
  { key: "killingSpree", type: "int", r2: "P" },
  { key: "deathSpree", type: "int", r2: "P" },
  { key: "killAssists", type: "int", r2: "P" },
  { key: "killSteals", type: "int", r2: "P" },
  { key: "headshotKills", type: "int", r2: "P" },
  { key: "objectivesStolen", type: "int", r2: "P" },
  { key: "objectivesReturned", type: "int", r2: "P" },
  { key: "dynamitesPlanted", type: "int", r2: "P" },
  { key: "dynamitesDefused", type: "int", r2: "P" },
  { key: "timesRevived", type: "int", r2: "P" },
  { key: "bulletsFired", type: "int", r2: "C" },
  { key: "writerDpm", type: "float", r2: "X" },
  { key: "timePlayedMinutes", type: "float", r2: "C" },
  { key: "tankMeatshield", type: "float", r2: "R" },
  { key: "timeDeadRatio", type: "float", r2: "R" },
  { key: "timeDeadMinutes", type: "float", r2: "P" },
  { key: "writerKdRatio", type: "float", r2: "X" },
  { key: "usefulKills", type: "int", r2: "P" },
  { key: "deniedPlaytime", type: "int", r2: "P" },
  { key: "multikill2x", type: "int", r2: "P" },
  { key: "multikill3x", type: "int", r2: "P" },
  { key: "multikill4x", type: "int", r2: "P" },
  { key: "multikill5x", type: "int", r2: "P" },
  { key: "multikill6x", type: "int", r2: "P" },
  { key: "uselessKills", type: "int", r2: "P" },
  { key: "fullSelfkills", type: "int", r2: "P" },
  { key: "repairsConstructions", type: "int", r2: "P" },
  { key: "revivesGiven", type: "int", r2: "P" },
] as const;

export type ExtendedFieldKey = typeof EXTENDED_FIELDS[number]["key"];

/** All 38 extended fields of one player line, by name. Minutes and percentages carry one decimal. */
export type ExtendedFields = Record<ExtendedFieldKey, number>;

/** Number of extended fields a player line must carry. */
export const EXTENDED_FIELD_COUNT = EXTENDED_FIELDS.length;

/** Keys of the fields that accumulate across the Round 1 → Round 2 restart (class C). */
export const CUMULATIVE_FIELD_KEYS: readonly ExtendedFieldKey[] = EXTENDED_FIELDS
  .filter((field) => field.r2 === "C")
  .map((field) => field.key);
