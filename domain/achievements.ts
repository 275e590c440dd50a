/**
 * Lifetime achievements and badges (spec §8): which thresholds a player's career totals reach.
 *
 * Pure over totals. Which rounds the totals cover is the caller's concern: sum over counted rounds
 * only (`counted_player_rounds`: valid, completed or substitution, halves 1 and 2, humans), not over
 * every stored round as the reference does (spec §9 #1, bot and filler rounds counting). Announcing
 * each achievement once per player and threshold (the ledger) is also left to the caller: an
 * achievement is identified by its track and threshold.
 */
import { kdRatio } from "./metrics.ts";

/**
 * A player's career sums, named as the read models' `PlayerSums` (so those pass as they are).
 * `objectives` is objectives stolen + returned: the sums keep only that combined count, which is
 * exactly what the objectives badge counts.
 */
export interface LifetimeTotals {
  rounds: number;
  kills: number;
  deaths: number;
  revivesGiven: number;
  timesRevived: number;
  dynamitesPlanted: number;
  dynamitesDefused: number;
  objectives: number;
}

/** K/D achievements and badges need this many rounds: a short career's ratio says little. */
export const KD_MIN_ROUNDS = 20;

/** A badge track: the {@link LifetimeTotals} field it counts, or `kd` for the kill/death ratio. */
export type BadgeTrack =
  | "kills"
  | "rounds"
  | "kd"
  | "revivesGiven"
  | "timesRevived"
  | "dynamitesPlanted"
  | "dynamitesDefused"
  | "objectives";

/** One badge track: its emoji, the noun its label uses and its tier thresholds, ascending. */
export interface BadgeTrackTiers {
  readonly track: BadgeTrack;
  readonly emoji: string;
  readonly noun: string;
  readonly thresholds: readonly number[];
}

/** Badge tracks in display order with their tiers (spec §8 "Badges"). */
export const BADGE_TIERS: readonly BadgeTrackTiers[] = [
  { track: "kills", emoji: "💀", noun: "kills", thresholds: [1000, 5000, 10000, 20000] },
  { track: "rounds", emoji: "🎮", noun: "rounds", thresholds: [50, 500, 5000, 10000, 30000] },
  // Starts at 0: every player past the round gate has the first K/D tier.
  { track: "kd", emoji: "⚔️", noun: "K/D", thresholds: [0, 1.0, 1.5, 2.0, 2.5, 3.0] },
  { track: "revivesGiven", emoji: "💉", noun: "revives given", thresholds: [100, 500, 5000] },
  { track: "timesRevived", emoji: "🩹", noun: "times revived", thresholds: [100, 500, 3000] },
  {
    track: "dynamitesPlanted",
    emoji: "🧨",
    noun: "dynamites planted",
    thresholds: [50, 200, 1000],
  },
  {
    track: "dynamitesDefused",
    emoji: "🛡️",
    noun: "dynamites defused",
    thresholds: [50, 200, 1000],
  },
  {
    track: "objectives",
    emoji: "📦",
    noun: "objectives stolen or returned",
    thresholds: [25, 250, 2500],
  },
];

/** The highest tier a player reached on one track. */
export interface Badge {
  track: BadgeTrack;
  /** 1-based: 1 is the track's lowest threshold. */
  tier: number;
  /** How many tiers the track has. */
  tiers: number;
  threshold: number;
  /** E.g. "10k kills", "K/D 1.5", "250 objectives stolen or returned". */
  label: string;
  emoji: string;
}

/** Achievement tracks: kills, rounds played, K/D. */
export type AchievementTrack = "kills" | "rounds" | "kd";

/** A named lifetime milestone (spec §8 "Achievements"). */
export interface Achievement {
  readonly track: AchievementTrack;
  readonly threshold: number;
  readonly name: string;
}

/** Every achievement, by track (kills, rounds, K/D), thresholds ascending within a track. */
export const ACHIEVEMENTS: readonly Achievement[] = [
  { track: "kills", threshold: 100, name: "First Blood Century" },
  { track: "kills", threshold: 500, name: "Killing Machine" },
  { track: "kills", threshold: 1000, name: "Thousand Killer" },
  { track: "kills", threshold: 2500, name: "Elite Warrior" },
  { track: "kills", threshold: 5000, name: "Death Incarnate" },
  { track: "kills", threshold: 10000, name: "Legendary Slayer" },
  { track: "rounds", threshold: 10, name: "Getting Started" },
  { track: "rounds", threshold: 50, name: "Regular Player" },
  { track: "rounds", threshold: 100, name: "Dedicated Gamer" },
  { track: "rounds", threshold: 250, name: "Community Veteran" },
  { track: "rounds", threshold: 500, name: "Hardcore Legend" },
  { track: "rounds", threshold: 1000, name: "Ultimate Champion" },
  { track: "kd", threshold: 1.0, name: "Balanced Fighter" },
  { track: "kd", threshold: 1.5, name: "Above Average" },
  { track: "kd", threshold: 2.0, name: "Elite Killer" },
  { track: "kd", threshold: 3.0, name: "Unstoppable" },
];

/** How far a player is from the next achievement of a track. */
export interface AchievementProgress {
  achievement: Achievement;
  /** The player's value on the track (kills, rounds or K/D). */
  current: number;
  /** Threshold minus current, in the track's unit; 0 when only the round gate is missing. */
  remaining: number;
  /** Rounds still needed before K/D counts at all; 0 for kills and rounds. */
  roundsToQualify: number;
}

/**
 * The value a track compares with its thresholds. K/D is {@link kdRatio} (kills when there are no
 * deaths) and null below {@link KD_MIN_ROUNDS}. Thresholds like 1.5 are exact binary fractions and
 * division rounds correctly, so an integer ratio compares exactly (3 / 2 reaches 1.5).
 */
function trackValue(totals: LifetimeTotals, track: BadgeTrack): number | null {
  if (track === "kd") return totals.rounds >= KD_MIN_ROUNDS ? kdRatio(totals) : null;
  return totals[track];
}

/** 1000 → "1k", 2500 → "2.5k", 500 → "500". */
function compactCount(value: number): string {
  return value >= 1000 ? `${value / 1000}k` : `${value}`;
}

function badgeLabel(track: BadgeTrack, noun: string, threshold: number): string {
  if (track === "kd") return `${noun} ${threshold === 0 ? "0" : threshold.toFixed(1)}`;
  return `${compactCount(threshold)} ${noun}`;
}

/**
 * The highest tier reached on each track, tracks in {@link BADGE_TIERS} order; tracks with no tier
 * reached are left out. K/D counts only from {@link KD_MIN_ROUNDS} rounds, and then always reaches
 * its first tier (K/D ≥ 0).
 */
export function badgesOf(totals: LifetimeTotals): Badge[] {
  const badges: Badge[] = [];
  for (const { track, emoji, noun, thresholds } of BADGE_TIERS) {
    const value = trackValue(totals, track);
    if (value === null) continue;
    const reached = thresholds.filter((threshold) => value >= threshold).length;
    if (reached === 0) continue;
    const threshold = thresholds[reached - 1]!;
    badges.push({
      track,
      tier: reached,
      tiers: thresholds.length,
      threshold,
      label: badgeLabel(track, noun, threshold),
      emoji,
    });
  }
  return badges;
}

/** A badge as shown next to a name: its emoji, stacked as `×n` from tier 2 on ("💀", "💀×3"). */
export function badgeText(badge: Pick<Badge, "emoji" | "tier">): string {
  return badge.tier > 1 ? `${badge.emoji}×${badge.tier}` : badge.emoji;
}

/** Every achievement the totals reach, in {@link ACHIEVEMENTS} order. K/D needs 20 rounds. */
export function achievementsOf(totals: LifetimeTotals): Achievement[] {
  return ACHIEVEMENTS.filter((achievement) => {
    const value = trackValue(totals, achievement.track);
    return value !== null && value >= achievement.threshold;
  });
}

/** The highest achievement reached on each track (kills, rounds, K/D), tracks without one left out. */
export function highestAchievements(totals: LifetimeTotals): Achievement[] {
  const highest = new Map<AchievementTrack, Achievement>();
  for (const achievement of achievementsOf(totals)) highest.set(achievement.track, achievement);
  return [...highest.values()];
}

/**
 * The lowest achievement of a track not yet reached, with how far away it is; null when the track
 * is complete. Below {@link KD_MIN_ROUNDS} rounds the next K/D achievement is the first one, and
 * `roundsToQualify` says how many rounds the gate still needs.
 */
export function nextAchievement(
  totals: LifetimeTotals,
  track: AchievementTrack,
): AchievementProgress | null {
  const gated = track === "kd" && totals.rounds < KD_MIN_ROUNDS;
  const current = track === "kd" ? kdRatio(totals) : totals[track];
  const achievement = ACHIEVEMENTS.find((candidate) =>
    candidate.track === track && (gated || current < candidate.threshold)
  );
  if (achievement === undefined) return null;
  return {
    achievement,
    current,
    remaining: Math.max(0, achievement.threshold - current),
    roundsToQualify: gated ? KD_MIN_ROUNDS - totals.rounds : 0,
  };
}
