/**
 * Records, the Hall of Fame (domain-rules §7.3): the best single round and the best single match
 * (Round 1 + Round 2 summed) per category. One registry for the API and Discord; the rule that
 * breaks ties lives here too.
 */
import { accuracy } from "./metrics.ts";

/** Counters of one player-round a round record can rank. */
export type RoundCounter =
  | "kills"
  | "damageGiven"
  | "revivesGiven"
  | "gibs"
  | "headshots"
  | "xp"
  | "timesRevived"
  | "usefulKills"
  | "objectivesStolen"
  | "objectivesReturned"
  | "dynamitesPlanted"
  | "dynamitesDefused";

/** What a round record ranks: a counter, or the round's accuracy (hits per shot). */
export type RoundRecordSource = RoundCounter | "accuracy";

/** Counters of one player's match (R1 + R2 rows with played time) a match record can rank. */
export type MatchCounter = "damageGiven" | "kills" | "headshots" | "xp" | "revivesGiven" | "gibs";

export interface RecordCategory<Source extends string> {
  key: string;
  title: string;
  unit: string;
  /** Decimals the value is shown with. */
  decimals: number;
  source: Source;
}

/** Best single round, per category. */
export const ROUND_RECORDS: readonly RecordCategory<RoundRecordSource>[] = [
  { key: "kills", title: "Most kills in a round", unit: "kills", decimals: 0, source: "kills" },
  {
    key: "damage",
    title: "Most damage given in a round",
    unit: "damage",
    decimals: 0,
    source: "damageGiven",
  },
  {
    key: "revives",
    title: "Most revives given in a round",
    unit: "revives",
    decimals: 0,
    source: "revivesGiven",
  },
  { key: "gibs", title: "Most gibs in a round", unit: "gibs", decimals: 0, source: "gibs" },
  {
    key: "headshots",
    title: "Most head hits in a round",
    unit: "head hits",
    decimals: 0,
    source: "headshots",
  },
  { key: "xp", title: "Most XP in a round", unit: "XP", decimals: 0, source: "xp" },
  {
    key: "accuracy",
    title: "Best accuracy in a round",
    unit: "% of shots that hit",
    decimals: 1,
    source: "accuracy",
  },
  {
    key: "timesRevived",
    title: "Most times revived in a round",
    unit: "revives",
    decimals: 0,
    source: "timesRevived",
  },
  {
    key: "usefulKills",
    title: "Most useful kills in a round",
    unit: "kills",
    decimals: 0,
    source: "usefulKills",
  },
  {
    key: "objectivesStolen",
    title: "Most objectives stolen in a round",
    unit: "objectives",
    decimals: 0,
    source: "objectivesStolen",
  },
  {
    key: "objectivesReturned",
    title: "Most objectives returned in a round",
    unit: "objectives",
    decimals: 0,
    source: "objectivesReturned",
  },
  {
    key: "dynamitesPlanted",
    title: "Most dynamites planted in a round",
    unit: "dynamites",
    decimals: 0,
    source: "dynamitesPlanted",
  },
  {
    key: "dynamitesDefused",
    title: "Most dynamites defused in a round",
    unit: "dynamites",
    decimals: 0,
    source: "dynamitesDefused",
  },
];

/** Best single match (both halves of a counted map), per category. */
export const MATCH_RECORDS: readonly RecordCategory<MatchCounter>[] = [
  {
    key: "damage",
    title: "Most damage given in a match",
    unit: "damage",
    decimals: 0,
    source: "damageGiven",
  },
  { key: "kills", title: "Most kills in a match", unit: "kills", decimals: 0, source: "kills" },
  {
    key: "headshots",
    title: "Most head hits in a match",
    unit: "head hits",
    decimals: 0,
    source: "headshots",
  },
  { key: "xp", title: "Most XP in a match", unit: "XP", decimals: 0, source: "xp" },
  {
    key: "revives",
    title: "Most revives given in a match",
    unit: "revives",
    decimals: 0,
    source: "revivesGiven",
  },
  { key: "gibs", title: "Most gibs in a match", unit: "gibs", decimals: 0, source: "gibs" },
];

/**
 * Which rounds can hold the accuracy record: more than 50 bullets fired, and no more than 15
 * bullets per second played (faster is not physically possible, so the counters are broken).
 */
export const ACCURACY_RECORD_RULE = { bulletsMoreThan: 50, maxBulletsPerSecond: 15 } as const;

/** True when a player-round may hold the accuracy record ({@link ACCURACY_RECORD_RULE}). */
export function countsForAccuracyRecord(
  row: { bulletsFired: number; playedSeconds: number; shots: number },
): boolean {
  return row.shots > 0 && row.bulletsFired > ACCURACY_RECORD_RULE.bulletsMoreThan &&
    row.bulletsFired <= ACCURACY_RECORD_RULE.maxBulletsPerSecond * row.playedSeconds;
}

/** The value a round record ranks, from the round's counters. */
export function roundRecordValue(
  source: RoundRecordSource,
  row: Record<RoundCounter, number> & { hits: number; shots: number },
): number {
  return source === "accuracy" ? accuracy(row) : row[source];
}

/** A contender for a record: who, how much, and when (ISO). */
export interface RecordContender {
  guid: string;
  name: string;
  value: number;
  playedAt: string;
}

/**
 * Orders contenders best first: higher value, then the more recent, then by name
 * (case-insensitive), then GUID.
 */
export function compareContenders(a: RecordContender, b: RecordContender): number {
  if (a.value !== b.value) return b.value - a.value;
  const when = Date.parse(b.playedAt) - Date.parse(a.playedAt);
  if (when !== 0) return when;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}

/** The record holder among contenders ({@link compareContenders}); null when there are none. */
export function pickRecord<T extends RecordContender>(contenders: readonly T[]): T | null {
  let best: T | null = null;
  for (const contender of contenders) {
    if (best === null || compareContenders(contender, best) < 0) best = contender;
  }
  return best;
}
