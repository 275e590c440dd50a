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

/**
 * The fields object from the 38 values in file order. One object literal (every object gets the
 * same shape), which is what keeps the parser fast.
 */
export function fieldsFromValues(values: readonly number[]): ExtendedFields {
  return {
    damageGiven: values[0]!,
    damageReceived: values[1]!,
    teamDamageGiven: values[2]!,
    teamDamageReceived: values[3]!,
    gibs: values[4]!,
    selfKills: values[5]!,
    teamKills: values[6]!,
    teamGibs: values[7]!,
    timePlayedPercent: values[8]!,
    xp: values[9]!,
    killingSpree: values[10]!,
    deathSpree: values[11]!,
    killAssists: values[12]!,
    killSteals: values[13]!,
    headshotKills: values[14]!,
    objectivesStolen: values[15]!,
    objectivesReturned: values[16]!,
    dynamitesPlanted: values[17]!,
    dynamitesDefused: values[18]!,
    timesRevived: values[19]!,
    bulletsFired: values[20]!,
    writerDpm: values[21]!,
    timePlayedMinutes: values[22]!,
    tankMeatshield: values[23]!,
    timeDeadRatio: values[24]!,
    timeDeadMinutes: values[25]!,
    writerKdRatio: values[26]!,
    usefulKills: values[27]!,
    deniedPlaytime: values[28]!,
    multikill2x: values[29]!,
    multikill3x: values[30]!,
    multikill4x: values[31]!,
    multikill5x: values[32]!,
    multikill6x: values[33]!,
    uselessKills: values[34]!,
    fullSelfkills: values[35]!,
    repairsConstructions: values[36]!,
    revivesGiven: values[37]!,
  };
}
