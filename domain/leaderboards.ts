/**
 * Leaderboard categories (domain-rules §7.1, with the corrections of §9) and periods. One registry:
 * the API, the Discord command and its help read the same list. Every value is a ratio of sums (or
 * a sum) over a player's counted rounds, computed by the metric functions of `metrics.ts`.
 */
import {
  accuracy,
  dpm,
  efficiency,
  headshotAccuracy,
  kdRatio,
  type PlayerTotals,
} from "./metrics.ts";

/** Sums over one player's counted rounds in a period: what every category is computed from. */
export interface LeaderboardTotals extends PlayerTotals {
  /** Counted player-rounds (a map played in full counts 2). */
  rounds: number;
  teamDamageGiven: number;
  revivesGiven: number;
  gibs: number;
  /** Σ (objectives stolen + objectives returned). */
  objectives: number;
  /** Σ (2x + 3x + 4x + 5x + 6x multikills). */
  multikills: number;
  /** Kills with `WS_GRENADE`. */
  grenadeKills: number;
  /** Hits with `WS_GRENADE`. */
  grenadeHits: number;
  /** Rounds with a `WS_GRENADE` row. */
  grenadeRounds: number;
}

export type LeaderboardKey =
  | "kills"
  | "kd"
  | "dpm"
  | "accuracy"
  | "headshots"
  | "games"
  | "revives"
  | "gibs"
  | "objectives"
  | "efficiency"
  | "teamwork"
  | "multikills"
  | "grenades";

/** A total a player must exceed to be ranked (`total > moreThan`). */
export interface Minimum {
  total: keyof LeaderboardTotals;
  moreThan: number;
}

export interface LeaderboardCategory {
  key: LeaderboardKey;
  /** Other names the category answers to (lower case). */
  aliases: readonly string[];
  title: string;
  /** Unit of the value, for display. */
  unit: string;
  /** Decimals the value is shown with. */
  decimals: number;
  /** `desc`: higher is better; `asc`: lower is better. */
  order: "desc" | "asc";
  minimums: readonly Minimum[];
  /** The ranked value; null where it is undefined (such a player is not ranked). */
  value(t: LeaderboardTotals): number | null;
  /** The numbers shown beside the value so it can be read in context. */
  context(t: LeaderboardTotals): Record<string, number | null>;
}

const rounds = (moreThan: number): Minimum => ({ total: "rounds", moreThan });

/** The categories, in the order they are listed. */
export const LEADERBOARD_CATEGORIES: readonly LeaderboardCategory[] = [
  {
    key: "kills",
    aliases: ["k", "kill"],
    title: "Kills",
    unit: "kills",
    decimals: 0,
    order: "desc",
    minimums: [rounds(10)],
    value: (t) => t.kills,
    context: (t) => ({ deaths: t.deaths }),
  },
  {
    key: "kd",
    aliases: ["ratio"],
    title: "Kill/death ratio",
    unit: "kills per death",
    decimals: 2,
    order: "desc",
    minimums: [rounds(50), { total: "deaths", moreThan: 0 }],
    value: kdRatio,
    context: (t) => ({ kills: t.kills, deaths: t.deaths }),
  },
  {
    key: "dpm",
    aliases: ["damage"],
    title: "Damage per minute",
    unit: "damage per minute",
    decimals: 1,
    order: "desc",
    minimums: [rounds(50)],
    value: dpm,
    context: (t) => ({ damageGiven: t.timedDamageGiven, playedSeconds: t.playedSeconds }),
  },
  {
    key: "accuracy",
    aliases: ["acc"],
    title: "Accuracy",
    unit: "% of shots that hit",
    decimals: 1,
    order: "desc",
    minimums: [rounds(50), { total: "shots", moreThan: 1000 }],
    value: accuracy,
    context: (t) => ({ hits: t.hits, shots: t.shots }),
  },
  {
    // §9.2: head hits per hit, not the reference's head hits per kill (mixed units).
    key: "headshots",
    aliases: ["hs", "headshot"],
    title: "Headshot accuracy",
    unit: "% of hits to the head",
    decimals: 1,
    order: "desc",
    minimums: [rounds(50), { total: "kills", moreThan: 500 }],
    value: headshotAccuracy,
    context: (t) => ({ headshots: t.headshots, hits: t.hits, kills: t.kills }),
  },
  {
    key: "games",
    aliases: ["played"],
    title: "Rounds played",
    unit: "rounds",
    decimals: 0,
    order: "desc",
    minimums: [],
    value: (t) => t.rounds,
    context: () => ({}),
  },
  {
    key: "revives",
    aliases: ["revive", "medic"],
    title: "Revives given",
    unit: "revives",
    decimals: 0,
    order: "desc",
    minimums: [rounds(10)],
    value: (t) => t.revivesGiven,
    context: () => ({}),
  },
  {
    key: "gibs",
    aliases: ["gib"],
    title: "Gibs",
    unit: "gibs",
    decimals: 0,
    order: "desc",
    minimums: [rounds(10)],
    value: (t) => t.gibs,
    context: () => ({}),
  },
  {
    // The reference adds "completed" and "destroyed" too; the writer never fills them (always 0).
    key: "objectives",
    aliases: ["obj", "objective"],
    title: "Objectives stolen and returned",
    unit: "objectives",
    decimals: 0,
    order: "desc",
    minimums: [rounds(10)],
    value: (t) => t.objectives,
    context: () => ({}),
  },
  {
    // §9: kills / (kills + deaths) over the sums, not the reference's mean of per-round values.
    key: "efficiency",
    aliases: ["ef"],
    title: "Efficiency",
    unit: "% of fights won",
    decimals: 1,
    order: "desc",
    minimums: [rounds(50)],
    value: efficiency,
    context: (t) => ({ kills: t.kills, deaths: t.deaths }),
  },
  {
    key: "teamwork",
    aliases: ["team"],
    title: "Team damage",
    unit: "% of damage dealt to teammates",
    decimals: 2,
    order: "asc",
    minimums: [rounds(50), { total: "damageGiven", moreThan: 0 }],
    value: (t) => t.damageGiven > 0 ? (t.teamDamageGiven / t.damageGiven) * 100 : null,
    context: (t) => ({ teamDamageGiven: t.teamDamageGiven, damageGiven: t.damageGiven }),
  },
  {
    key: "multikills",
    aliases: ["multi", "multikill"],
    title: "Multikills",
    unit: "multikills",
    decimals: 0,
    order: "desc",
    minimums: [rounds(10)],
    value: (t) => t.multikills,
    context: () => ({}),
  },
  {
    key: "grenades",
    aliases: ["nades", "nade", "grenade"],
    title: "Grenade kills",
    unit: "kills",
    decimals: 0,
    order: "desc",
    minimums: [{ total: "grenadeRounds", moreThan: 10 }],
    value: (t) => t.grenadeKills,
    // "AOE ratio": grenade hits per grenade kill (players hit per kill).
    context: (t) => ({
      grenadeHits: t.grenadeHits,
      aoeRatio: t.grenadeKills > 0 ? t.grenadeHits / t.grenadeKills : null,
    }),
  },
];

const BY_NAME = new Map<string, LeaderboardCategory>(
  LEADERBOARD_CATEGORIES.flatMap((c) => [c.key, ...c.aliases].map((name) => [name, c])),
);

/** The category named by its key or one of its aliases (case-insensitive, trimmed); null if none. */
export function resolveCategory(text: string): LeaderboardCategory | null {
  return BY_NAME.get(text.trim().toLowerCase()) ?? null;
}

const TOTAL_LABELS: Record<keyof LeaderboardTotals, string> = {
  rounds: "rounds",
  kills: "kills",
  deaths: "deaths",
  headshots: "head hits",
  headshotKills: "headshot kills",
  hits: "hits",
  shots: "shots",
  damageGiven: "damage given",
  damageReceived: "damage received",
  playedSeconds: "seconds played",
  timedDamageGiven: "damage given",
  timeDeadSeconds: "seconds dead",
  teamDamageGiven: "team damage given",
  revivesGiven: "revives given",
  gibs: "gibs",
  objectives: "objectives",
  multikills: "multikills",
  grenadeKills: "grenade kills",
  grenadeHits: "grenade hits",
  grenadeRounds: "rounds with grenade use",
};

/** A minimum in words: "more than 50 rounds". */
export function describeMinimum(minimum: Minimum): string {
  return `more than ${minimum.moreThan} ${TOTAL_LABELS[minimum.total]}`;
}

/** True when the totals exceed every minimum of the category. */
export function meetsMinimums(category: LeaderboardCategory, totals: LeaderboardTotals): boolean {
  return category.minimums.every((m) => totals[m.total] > m.moreThan);
}

/** A player who may appear on a leaderboard: identity, display name and totals of the period. */
export interface LeaderboardCandidate {
  guid: string;
  name: string;
  totals: LeaderboardTotals;
}

export interface RankedPlayer extends LeaderboardCandidate {
  /** Competition ranking: equal values share a rank, the next rank skips ("1, 2, 2, 4"). */
  rank: number;
  value: number;
}

function compareNames(a: LeaderboardCandidate, b: LeaderboardCandidate): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}

/**
 * The ranked leaderboard of a category: players meeting its minimums with a defined value, best
 * first; equal values share a rank and are listed by name (case-insensitive), then GUID.
 */
export function rankLeaderboard(
  category: LeaderboardCategory,
  candidates: readonly LeaderboardCandidate[],
): RankedPlayer[] {
  const sign = category.order === "desc" ? -1 : 1;
  const valued: (LeaderboardCandidate & { value: number })[] = [];
  for (const candidate of candidates) {
    if (!meetsMinimums(category, candidate.totals)) continue;
    const value = category.value(candidate.totals);
    if (value !== null && Number.isFinite(value)) valued.push({ ...candidate, value });
  }
  valued.sort((a, b) => (a.value !== b.value ? sign * (a.value - b.value) : compareNames(a, b)));
  const ranked: RankedPlayer[] = [];
  for (const [index, entry] of valued.entries()) {
    const previous = ranked[index - 1];
    const rank = previous !== undefined && previous.value === entry.value
      ? previous.rank
      : index + 1;
    ranked.push({ ...entry, rank });
  }
  return ranked;
}

// ---------------------------------------------------------------------------------------------
// Periods

/** What to tell someone who named a category that does not exist. */
export function unknownCategoryMessage(name: string): string {
  return `unknown leaderboard category "${name}"; valid categories: ${
    LEADERBOARD_CATEGORIES.map((category) => category.key).join(", ")
  } (or one of their aliases)`;
}

export const PERIODS = ["7d", "30d", "season", "all"] as const;
export type Period = typeof PERIODS[number];

const DAY_MS = 86_400_000;

/** True when `text` names a period. */
export function isPeriod(text: string): text is Period {
  return (PERIODS as readonly string[]).includes(text);
}

/** Start (ms) of the calendar quarter in UTC that holds `nowMs`. */
export function seasonStartMs(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1);
}

/** The season (calendar quarter in UTC) that holds `nowMs`, as `YYYY-Qn`. */
export function seasonLabel(nowMs: number): string {
  const now = new Date(nowMs);
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

/**
 * The first instant (ISO, UTC) of a period ending now; null for `all`. `7d` and `30d` are rolling
 * windows; `season` is the current calendar quarter in UTC.
 */
export function periodStart(period: Period, nowMs: number): string | null {
  switch (period) {
    case "7d":
      return new Date(nowMs - 7 * DAY_MS).toISOString();
    case "30d":
      return new Date(nowMs - 30 * DAY_MS).toISOString();
    case "season":
      return new Date(seasonStartMs(nowMs)).toISOString();
    case "all":
      return null;
  }
}
