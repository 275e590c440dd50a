/**
 * Deterministic corpus generator: realistic stopwatch gaming sessions written as round stats files
 * in the exact byte format of the writer (spec: stats-file-format.md), plus the truth they were
 * generated from (the same JSON shape as tests/fixtures/samples/*\/truth.json). Pure: no I/O, no
 * clock; the same options always give byte-identical output.
 *
 * What a corpus holds:
 * - `sessions` gaming sessions, one evening each (a long session may run past midnight or longer),
 *   consecutive sessions at least a day apart; inside a session files are minutes apart.
 * - Every map is a Round 1 followed by its Round 2 on the same map. The map's defending side is
 *   fixed (header defender field, both rounds); the two persistent teams swap sides. Round 2's
 *   limit is Round 1's set time, or the full limit after a Round 1 fullhold; the Round 2 header
 *   winner is the side that won the map (the Round 2 defender on a double fullhold = tie).
 * - Two persistent teams of `playersPerTeam` humans per session, drawn from a community pool, so
 *   GUIDs recur across sessions. Now and then a player leaves after a Round 1 (no Round 2 line) or
 *   a substitute plays Round 2 only; a few players change their (colour-coded) name between
 *   sessions.
 * - Round 2 files are cumulative exactly like the writer: class C fields and weapon tuples hold
 *   R1 + R2, class P fields R2 only, f8/f21/f23/f24/f26 computed by the writer's rules.
 *
 * Truth per player and file is what that player did in that round alone (Round 2 truth is
 * Round 2-only), keyed by GUID.
 */
import { WEAPON_CODES } from "../../domain/weapons.ts";

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Number of gaming sessions (≥ 1). */
  sessions: number;
  /** Maps (R1 + R2 each) per session; default {@link CORPUS_DEFAULTS}.mapsPerSession. */
  mapsPerSession?: number;
  /** Humans per persistent team; default 6. */
  playersPerTeam?: number;
  /** PRNG seed (any integer, taken modulo 2^32); default 1. */
  seed?: number;
  /** Server-local date of the first session, `YYYY-MM-DD`; default 2025-01-06. */
  start?: string;
  /** Also emit a few sidecar files (`…-round-1-endstats.txt`, `…-round-2_ws.txt`) that importers must ignore. */
  noise?: boolean;
}

export const CORPUS_DEFAULTS = {
  mapsPerSession: 6,
  playersPerTeam: 6,
  seed: 1,
  start: "2025-01-06",
} as const;

/** Name written into `truth.generator`. */
export const CORPUS_GENERATOR = "etl-stats generate_corpus";

/** One generated file: its name and its full text (LF line ends, final LF). */
export interface CorpusFile {
  name: string;
  text: string;
}

/** One weapon's counters of one player in one round alone. */
export interface CorpusWeaponTruth {
  hits: number;
  shots: number;
  kills: number;
  deaths: number;
  headshots: number;
}

/** One player's numbers in one round alone (a Round 2's truth is Round 2-only). */
export interface CorpusPlayerTruth {
  kills: number;
  deaths: number;
  /** Head hits (Σ weapon headshots), not headshot kills. */
  headshots: number;
  damage_given: number;
  damage_received: number;
  team_damage_given: number;
  team_damage_received: number;
  gibs: number;
  self_kills: number;
  team_kills: number;
  team_gibs: number;
  played_ms: number;
  alive_ms: number;
  xp: number;
  dead_ms: number;
  killing_spree: number;
  death_spree: number;
  kill_assists: number;
  kill_steals: number;
  headshot_kills: number;
  objectives_stolen: number;
  objectives_returned: number;
  dynamites_planted: number;
  dynamites_defused: number;
  times_revived: number;
  useful_kills: number;
  denied_playtime: number;
  multikill_2x: number;
  multikill_3x: number;
  multikill_4x: number;
  multikill_5x: number;
  multikill_6x: number;
  useless_kills: number;
  full_selfkills: number;
  repairs_constructions: number;
  revives_given: number;
  /** Weapons with any non-zero counter this round, keyed by code, in ascending weapon id. */
  weapons: Record<string, CorpusWeaponTruth>;
  /** floor(played_ms / 1000). */
  time_played_seconds: number;
  /** Side this round: 1 Axis, 2 Allies. */
  team: number;
}

/** Truth of one stats file. */
export interface CorpusFileTruth {
  file: string;
  map: string;
  round: 1 | 2;
  /** Round 2 only: the Round 1 file it pairs with. */
  r1?: string;
  /** Keyed by GUID; insertion follows the file's line order (JSON objects put all-digit keys first). */
  players: Record<string, CorpusPlayerTruth>;
}

/** Truth of one map (R1 + R2). */
export interface CorpusMapTruth {
  map: string;
  r1: string;
  r2: string | null;
  /** `A` = the team that attacked in Round 1, `B` = the other, `tie` = double fullhold; null without R2. */
  winner: "A" | "B" | "tie" | null;
  /** Session rosters (GUIDs, sorted) of the Round 1 attackers and defenders; substitutes excluded. */
  team_a?: string[];
  team_b?: string[];
  r1_seconds?: number;
  r2_seconds?: number;
  r1_completed?: boolean;
  r2_completed?: boolean;
}

/** One gaming session: its stats files in order and its maps. */
export interface CorpusSessionTruth {
  files: string[];
  maps: CorpusMapTruth[];
}

/** The whole truth; same shape as the sample sets' truth.json. */
export interface CorpusTruth {
  generator: string;
  seed: number;
  /** Every stats file (sidecars excluded) in chronological order. */
  files: CorpusFileTruth[];
  sessions: CorpusSessionTruth[];
  /** Kept for shape parity with the sample truth.json; always empty (maps live in `sessions`). */
  maps: CorpusMapTruth[];
}

/** A generated corpus. `files` is chronological and includes sidecars when `noise` is on. */
export interface Corpus {
  files: CorpusFile[];
  truth: CorpusTruth;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32 with a few distribution helpers. */
class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    // `| 0` keeps the state a small integer (same bits as `>>> 0`, no heap number).
    const s = (this.#state = (this.#state + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i]!;
      items[i] = items[j]!;
      items[j] = swap;
    }
    return items;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Index drawn with the given non-negative weights (total > 0). */
  weighted(weights: readonly number[], total: number): number {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Small counts: Poisson(mean) by inversion (mean ≤ ~20). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit && k < 100) {
      k++;
      p *= this.next();
    }
    return k;
  }

  hexGuid(): string {
    return ((this.next() * 4294967296) >>> 0).toString(16).toUpperCase().padStart(8, "0");
  }
}

// ---------------------------------------------------------------------------------------------
// Game data

type Side = 1 | 2;

interface MapInfo {
  name: string;
  /** Full time limit in seconds. */
  limit: number;
  /** The side that defends this map in both rounds (header field 4). */
  defender: Side;
  /** Relative popularity. */
  weight: number;
}

const MAP_POOL: readonly MapInfo[] = [
  { name: "goldrush", limit: 900, defender: 1, weight: 10 },
  { name: "supply", limit: 600, defender: 1, weight: 10 },
  { name: "radar", limit: 900, defender: 1, weight: 8 },
  { name: "frostbite", limit: 600, defender: 1, weight: 8 },
  { name: "braundorf_b4", limit: 720, defender: 1, weight: 8 },
  { name: "etl_sp_delivery", limit: 600, defender: 1, weight: 7 },
  { name: "te_escape2", limit: 600, defender: 1, weight: 7 },
  { name: "missile_b3", limit: 900, defender: 2, weight: 5 },
  { name: "erdenberg_t2", limit: 600, defender: 2, weight: 5 },
  { name: "etl_adlernest", limit: 600, defender: 1, weight: 8 },
  { name: "sw_goldrush_te", limit: 720, defender: 1, weight: 5 },
  { name: "etl_ice", limit: 720, defender: 1, weight: 3 },
  { name: "karsiah_te2", limit: 720, defender: 1, weight: 3 },
  { name: "bremen_b3", limit: 720, defender: 1, weight: 3 },
  { name: "sw_oasis_b3", limit: 900, defender: 1, weight: 4 },
  { name: "mp_sub_rc1", limit: 600, defender: 1, weight: 3 },
];
const MAP_WEIGHTS = MAP_POOL.map((m) => m.weight);
const MAP_WEIGHT_TOTAL = MAP_WEIGHTS.reduce((a, b) => a + b, 0);

const SERVER_NAME = "^1ET^7Legacy ^3Stopwatch";
const CONFIG = "etl_stopwatch";

/** Weapon ids (spec §6). */
const W = {
  KNIFE: 0,
  KBAR: 1,
  LUGER: 2,
  COLT: 3,
  MP40: 4,
  THOMPSON: 5,
  STEN: 6,
  FG42: 7,
  PANZERFAUST: 8,
  BAZOOKA: 9,
  FLAMETHROWER: 10,
  GRENADE: 11,
  MORTAR: 12,
  MORTAR2: 13,
  DYNAMITE: 14,
  AIRSTRIKE: 15,
  ARTILLERY: 16,
  SATCHEL: 17,
  GRENADELAUNCHER: 18,
  LANDMINE: 19,
  MG42: 20,
  BROWNING: 21,
  CARBINE: 22,
  KAR98: 23,
  GARAND: 24,
  K43: 25,
  MP34: 26,
  SYRINGE: 27,
} as const;
const WEAPON_SLOTS = 28;

/** How a weapon scores: damage per body hit, base accuracy, head-hit share, hits per kill, headshot-kill share. */
interface WeaponInfo {
  dmg: number;
  acc: number;
  hs: number;
  hpk: number;
  hsKill: number;
  /** Explosives whose stats carry kills/deaths only (no shots or hits). */
  noHits: boolean;
}

const INFO: WeaponInfo[] = [];
function info(ids: number[], w: WeaponInfo): void {
  for (const id of ids) INFO[id] = w;
}
info([W.KNIFE, W.KBAR], { dmg: 15, acc: 0.7, hs: 0, hpk: 2, hsKill: 0, noHits: false });
info([W.LUGER, W.COLT], { dmg: 18, acc: 0.38, hs: 0.12, hpk: 6.5, hsKill: 0.12, noHits: false });
info([W.MP40, W.THOMPSON], { dmg: 18, acc: 0.32, hs: 0.14, hpk: 6.5, hsKill: 0.14, noHits: false });
info([W.STEN, W.MP34], { dmg: 15, acc: 0.3, hs: 0.13, hpk: 7.5, hsKill: 0.12, noHits: false });
info([W.FG42], { dmg: 16, acc: 0.3, hs: 0.15, hpk: 7, hsKill: 0.15, noHits: false });
info([W.PANZERFAUST, W.BAZOOKA], {
  dmg: 150,
  acc: 0.45,
  hs: 0,
  hpk: 1.3,
  hsKill: 0,
  noHits: false,
});
info([W.FLAMETHROWER], { dmg: 5, acc: 0.6, hs: 0, hpk: 22, hsKill: 0, noHits: false });
info([W.GRENADE], { dmg: 75, acc: 0.4, hs: 0, hpk: 1.8, hsKill: 0, noHits: false });
info([W.MORTAR, W.MORTAR2], { dmg: 120, acc: 0.3, hs: 0, hpk: 1.5, hsKill: 0, noHits: false });
info([W.GRENADELAUNCHER], { dmg: 90, acc: 0.35, hs: 0, hpk: 1.7, hsKill: 0, noHits: false });
info([W.MG42, W.BROWNING], { dmg: 18, acc: 0.25, hs: 0.1, hpk: 7.5, hsKill: 0.1, noHits: false });
info([W.CARBINE, W.KAR98], { dmg: 34, acc: 0.42, hs: 0.2, hpk: 3.5, hsKill: 0.2, noHits: false });
info([W.GARAND, W.K43], { dmg: 50, acc: 0.45, hs: 0.35, hpk: 2, hsKill: 0.4, noHits: false });
info([W.DYNAMITE, W.AIRSTRIKE, W.ARTILLERY, W.SATCHEL, W.LANDMINE], {
  dmg: 0,
  acc: 0,
  hs: 0,
  hpk: 0,
  hsKill: 0,
  noHits: true,
});
info([W.SYRINGE], { dmg: 0, acc: 0.8, hs: 0, hpk: 0, hsKill: 0, noHits: false });

/** Side-specific weapon variants: [Axis, Allies]. */
const PISTOL = [W.LUGER, W.COLT] as const;
const SMG = [W.MP40, W.THOMPSON] as const;
const COVERT_SMG = [W.MP34, W.STEN] as const;
const PANZER = [W.PANZERFAUST, W.BAZOOKA] as const;
const MORTAR = [W.MORTAR, W.MORTAR2] as const;
const MG = [W.MG42, W.BROWNING] as const;
const RIFLE = [W.KAR98, W.CARBINE] as const;
const SCOPED = [W.K43, W.GARAND] as const;
const KNIFE = [W.KNIFE, W.KBAR] as const;

type PlayerClass = "soldier" | "medic" | "engineer" | "fieldops" | "covertops";
const CLASS_TEMPLATE: readonly PlayerClass[] = [
  "medic",
  "engineer",
  "medic",
  "fieldops",
  "covertops",
  "engineer",
];

/** One weapon of a loadout: kill share, death share (weapon held when dying), non-lethal use. */
interface Slot {
  id: number;
  kw: number;
  dw: number;
  /** Non-lethal hits per minute played (scaled by skill) when the weapon gets used at all. */
  use: number;
  /** Chance the weapon is used at all this round without killing or dying. */
  useChance: number;
}

/** The loadout of a class on a side; `variant` picks the class's weapon choice. */
function loadout(cls: PlayerClass, variant: number, side: Side): Slot[] {
  const s = (side - 1) as 0 | 1;
  const pistol: Slot = { id: PISTOL[s], kw: 0.07, dw: 0.08, use: 0.4, useChance: 0.7 };
  const grenade: Slot = { id: W.GRENADE, kw: 0.12, dw: 0.03, use: 0.25, useChance: 0.8 };
  const knife: Slot = { id: KNIFE[s], kw: 0.02, dw: 0.02, use: 0.05, useChance: 0.15 };
  switch (cls) {
    case "medic":
      return [
        knife,
        pistol,
        { id: SMG[s], kw: 0.79, dw: 0.87, use: 3.5, useChance: 1 },
        grenade,
        { id: W.SYRINGE, kw: 0, dw: 0, use: 0, useChance: 0 },
      ];
    case "engineer":
      return variant === 0
        ? [
          pistol,
          { id: SMG[s], kw: 0.7, dw: 0.78, use: 3.2, useChance: 1 },
          grenade,
          { id: W.DYNAMITE, kw: 0.04, dw: 0.08, use: 0, useChance: 0 },
          { id: W.LANDMINE, kw: 0.05, dw: 0.01, use: 0, useChance: 0 },
        ]
        : [
          pistol,
          grenade,
          { id: W.DYNAMITE, kw: 0.04, dw: 0.08, use: 0, useChance: 0 },
          { id: W.GRENADELAUNCHER, kw: 0.2, dw: 0.05, use: 0.4, useChance: 0.9 },
          { id: W.LANDMINE, kw: 0.04, dw: 0.01, use: 0, useChance: 0 },
          { id: RIFLE[s], kw: 0.48, dw: 0.73, use: 1.6, useChance: 1 },
        ];
    case "fieldops":
      return [
        pistol,
        { id: SMG[s], kw: 0.62, dw: 0.8, use: 3.3, useChance: 1 },
        grenade,
        { id: W.AIRSTRIKE, kw: 0.1, dw: 0.04, use: 0, useChance: 0 },
        { id: W.ARTILLERY, kw: 0.09, dw: 0.05, use: 0, useChance: 0 },
      ];
    case "covertops": {
      const main = variant === 0 ? COVERT_SMG[s] : variant === 1 ? W.FG42 : SCOPED[s];
      return [
        { ...knife, kw: 0.04, dw: 0.04, useChance: 0.3 },
        { ...pistol, kw: 0.1, dw: 0.12 },
        { id: main, kw: 0.66, dw: 0.76, use: main === SCOPED[s] ? 1.2 : 3, useChance: 1 },
        { ...grenade, kw: 0.12, dw: 0.05 },
        { id: W.SATCHEL, kw: 0.08, dw: 0.03, use: 0, useChance: 0 },
      ];
    }
    case "soldier": {
      const heavy = [PANZER[s], MORTAR[s], MG[s], W.FLAMETHROWER, SMG[s]][variant % 5]!;
      const use = heavy === SMG[s] || heavy === MG[s] ? 3.2 : heavy === W.FLAMETHROWER ? 6 : 0.6;
      return [
        knife,
        { ...pistol, kw: 0.12, dw: 0.2 },
        { id: heavy, kw: 0.7, dw: 0.7, use, useChance: 1 },
        { ...grenade, kw: 0.16, dw: 0.08 },
      ];
    }
  }
}

const VARIANTS: Record<PlayerClass, number> = {
  medic: 1,
  engineer: 2,
  fieldops: 1,
  covertops: 3,
  soldier: 5,
};

// ---------------------------------------------------------------------------------------------
// Players and names

interface PoolPlayer {
  guid: string;
  base: string;
  /** Raw name with colour codes, as currently used. */
  name: string;
  /** Persistent skill, ~1 on average. */
  skill: number;
}

const NAME_BASES = [
  "FoxTrot",
  "b0b",
  "bronze",
  "Trixie",
  "qmr",
  "könig",
  "Olz",
  "seareal",
  "SmetarskiProner",
  "vid",
  "carniee",
  "ciril",
  "wiseBoy",
  "iamez",
  "SuperBoyy",
  "olympus",
  "endekk",
  "lagger",
  "Dmon",
  "mAus",
  "Xperia",
  "R.K.",
  "snake",
  "bAc0n",
  "Tipsy",
  "Frag-Out",
  "noodle",
  "Zim",
  "kRaZy",
  "ovid",
  "Sniper Wolf",
  "jaja",
  "Muffin",
  "Pistolero",
  "Gecko",
  "doc",
  "Blitz",
  "Panzer Paul",
  "hunter",
  "Nova",
  "Kestrel",
  "Radar Rat",
  "Sarge",
  "Mosquito",
  "Viper",
  "Fennec",
  "Jägermeister",
  "Ramón",
  "éclair",
  "Knoppers",
  "Lumberjack",
  "Walrus",
  "Tofu",
  "Pixel",
  "Odin",
  "Yeti",
  "mr.pink",
  "Kolbász",
  "sp1ke",
  "n00dle",
  "Hazel",
  "Quark",
  "GreyFox",
  "Bratwurst",
  "Ossi",
  "lil'panz",
  "Mörser",
  "Brick",
  "Spoon",
  "kaBoom",
];
const CLAN_TAGS = ["=F=", "TnT|", ".ETL", "[sWo]", "-Rz-", "*NB*", "KP."];
const COLOURS = "0123456789abcdefghnoqrstuvwxyzBCDEFGHIJKLNOPQRSTUVWXYZ";

/** A colour-coded rendering of a base name (never with `\`, TAB or a `[BOT]` prefix). */
function colourName(rng: Random, base: string): string {
  const colour = () => `^${COLOURS[rng.int(0, COLOURS.length - 1)]}`;
  const style = rng.int(0, 9);
  if (style <= 1) return base;
  if (style <= 4) return `${colour()}${base}`;
  if (style <= 7 && base.length >= 2) {
    const cut = rng.int(1, base.length - 1);
    return `${colour()}${base.slice(0, cut)}${colour()}${base.slice(cut)}${
      rng.chance(0.4) ? "^7" : ""
    }`;
  }
  return `${colour()}${rng.pick(CLAN_TAGS)}^7${base}`;
}

function buildPool(rng: Random, size: number): PoolPlayer[] {
  const guids = new Set<string>();
  const bases = rng.shuffle([...NAME_BASES]);
  const pool: PoolPlayer[] = [];
  for (let i = 0; i < size; i++) {
    let guid = rng.hexGuid();
    while (guids.has(guid)) guid = rng.hexGuid();
    guids.add(guid);
    const base = i < bases.length ? bases[i]! : `Player${i + 1}`;
    const skill = Math.min(1.8, Math.max(0.55, Math.exp(0.25 * rng.normal())));
    pool.push({ guid, base, name: colourName(rng, base), skill });
  }
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Round simulation

/** One player in one round. */
interface Participant {
  player: PoolPlayer;
  side: Side;
  playedMs: number;
  cls: PlayerClass;
  variant: number;
}

/** What one player did in one round alone. Weapons: `id * 5 + k`, k = hits, shots, kills, deaths, headshots. */
interface PlayerRound {
  weapons: number[];
  damageGiven: number;
  damageReceived: number;
  teamDamageGiven: number;
  teamDamageReceived: number;
  gibs: number;
  selfKills: number;
  teamKills: number;
  teamGibs: number;
  xp: number;
  killingSpree: number;
  deathSpree: number;
  killAssists: number;
  killSteals: number;
  headshotKills: number;
  objectivesStolen: number;
  objectivesReturned: number;
  dynamitesPlanted: number;
  dynamitesDefused: number;
  timesRevived: number;
  usefulKills: number;
  deniedMs: number;
  multikill: number[];
  uselessKills: number;
  fullSelfkills: number;
  repairsConstructions: number;
  revivesGiven: number;
  playedMs: number;
  deadMs: number;
}

function emptyRound(playedMs: number): PlayerRound {
  return {
    weapons: new Array<number>(WEAPON_SLOTS * 5).fill(0),
    damageGiven: 0,
    damageReceived: 0,
    teamDamageGiven: 0,
    teamDamageReceived: 0,
    gibs: 0,
    selfKills: 0,
    teamKills: 0,
    teamGibs: 0,
    xp: 0,
    killingSpree: 0,
    deathSpree: 0,
    killAssists: 0,
    killSteals: 0,
    headshotKills: 0,
    objectivesStolen: 0,
    objectivesReturned: 0,
    dynamitesPlanted: 0,
    dynamitesDefused: 0,
    timesRevived: 0,
    usefulKills: 0,
    deniedMs: 0,
    multikill: [0, 0, 0, 0, 0],
    uselessKills: 0,
    fullSelfkills: 0,
    repairsConstructions: 0,
    revivesGiven: 0,
    playedMs,
    deadMs: 0,
  };
}

/** Per-participant simulation state. */
interface Sim {
  p: Participant;
  r: PlayerRound;
  slots: Slot[];
  killWeights: number[];
  killTotal: number;
  deathWeights: number[];
  deathTotal: number;
  hsKills: number[];
  streak: number;
  deathStreak: number;
  best: number;
  minutes: number;
}

function add(values: number[], index: number, amount: number): void {
  values[index] = values[index]! + amount;
}

const HITS = 0, SHOTS = 1, KILLS = 2, DEATHS = 3, HEADS = 4;

/** Chain length of a kill burst (multikills): mostly 1. */
function chainLength(rng: Random, skill: number): number {
  const r = rng.next() / Math.min(1.4, skill);
  if (r < 0.0012) return 6;
  if (r < 0.005) return 5;
  if (r < 0.018) return 4;
  if (r < 0.065) return 3;
  if (r < 0.21) return 2;
  return 1;
}

/**
 * Simulates one round: kill events between the sides (with revives, gibs, dead time, streaks,
 * multikills), then weapon hits/shots, damage, team damage and objective counters.
 */
function simulateRound(
  rng: Random,
  parts: readonly Participant[],
  attackSide: Side,
  completed: boolean,
): PlayerRound[] {
  const sims: Sim[] = parts.map((p) => {
    const slots = loadout(p.cls, p.variant, p.side);
    const killWeights = slots.map((s) => s.kw * rng.uniform(0.6, 1.4));
    const deathWeights = slots.map((s) => s.dw * rng.uniform(0.7, 1.3));
    return {
      p,
      r: emptyRound(p.playedMs),
      slots,
      killWeights,
      killTotal: killWeights.reduce((a, b) => a + b, 0),
      deathWeights,
      deathTotal: deathWeights.reduce((a, b) => a + b, 0),
      hsKills: new Array<number>(WEAPON_SLOTS).fill(0),
      streak: 0,
      deathStreak: 0,
      best: 0,
      minutes: p.playedMs / 60000,
    };
  });
  const bySide: Record<Side, Sim[]> = { 1: [], 2: [] };
  for (const sim of sims) bySide[sim.p.side].push(sim);
  const medicsOf: Record<Side, Sim[]> = {
    1: bySide[1].filter((m) => m.p.cls === "medic"),
    2: bySide[2].filter((m) => m.p.cls === "medic"),
  };

  const holdDeath = (victim: Sim) => {
    const slot = victim.slots[rng.weighted(victim.deathWeights, victim.deathTotal)]!;
    add(victim.r.weapons, slot.id * 5 + DEATHS, 1);
  };
  const limbo = (side: Side) => (side === attackSide ? 20000 : 30000);

  // Kill bursts of each side, interleaved at random so streaks mix kills and deaths.
  const remaining: Record<Side, number> = { 1: 0, 2: 0 };
  const killerWeights: Record<Side, number[]> = { 1: [], 2: [] };
  const victimWeights: Record<Side, number[]> = { 1: [], 2: [] };
  const killerTotal: Record<Side, number> = { 1: 0, 2: 0 };
  const victimTotal: Record<Side, number> = { 1: 0, 2: 0 };
  for (const side of [1, 2] as const) {
    const mine = bySide[side];
    const rate = (side === attackSide ? 0.93 : 1.02) * rng.uniform(0.85, 1.15);
    let total = 0;
    for (const sim of mine) total += sim.minutes * 0.95 * sim.p.player.skill * rate;
    remaining[side] = bySide[side === 1 ? 2 : 1].length > 0 ? Math.round(total) : 0;
    killerWeights[side] = mine.map((s) => s.minutes * s.p.player.skill ** 1.5);
    victimWeights[side] = mine.map((s) => s.minutes / s.p.player.skill);
    killerTotal[side] = killerWeights[side].reduce((a, b) => a + b, 0);
    victimTotal[side] = victimWeights[side].reduce((a, b) => a + b, 0);
  }

  const chosen: Sim[] = [];
  while (remaining[1] + remaining[2] > 0) {
    const side: Side = rng.next() * (remaining[1] + remaining[2]) < remaining[1] ? 1 : 2;
    const enemy: Side = side === 1 ? 2 : 1;
    const mine = bySide[side];
    const theirs = bySide[enemy];
    const killer = mine[rng.weighted(killerWeights[side], killerTotal[side])]!;
    const length = Math.min(
      chainLength(rng, killer.p.player.skill),
      remaining[side],
      theirs.length,
    );
    chosen.length = 0;
    for (let k = 0; k < length; k++) {
      let victim = theirs[rng.weighted(victimWeights[enemy], victimTotal[enemy])]!;
      for (let tries = 0; chosen.includes(victim) && tries < 8; tries++) {
        victim = theirs[rng.weighted(victimWeights[enemy], victimTotal[enemy])]!;
      }
      if (chosen.includes(victim)) victim = theirs.find((v) => !chosen.includes(v))!;
      chosen.push(victim);
      recordKill(killer, victim, mine);
    }
    if (length >= 2) add(killer.r.multikill, Math.min(length, 6) - 2, 1);
    remaining[side] -= length;
  }

  function recordKill(killer: Sim, victim: Sim, mine: Sim[]): void {
    const slot = killer.slots[rng.weighted(killer.killWeights, killer.killTotal)]!;
    const weapon = INFO[slot.id]!;
    add(killer.r.weapons, slot.id * 5 + KILLS, 1);
    if (weapon.hsKill > 0 && rng.chance(weapon.hsKill)) {
      killer.r.headshotKills++;
      add(killer.hsKills, slot.id, 1);
    }
    killer.streak++;
    if (killer.streak > killer.best) killer.best = killer.streak;
    if (killer.deathStreak >= 3 && killer.deathStreak > killer.r.deathSpree) {
      killer.r.deathSpree = killer.deathStreak;
    }
    killer.deathStreak = 0;
    if (rng.chance(0.08)) killer.r.killSteals++;
    if (mine.length > 1 && rng.chance(0.3)) {
      let helper = rng.pick(mine);
      if (helper === killer) helper = rng.pick(mine);
      if (helper !== killer) helper.r.killAssists++;
    }

    holdDeath(victim);
    victim.streak = 0;
    victim.deathStreak++;
    const wait = rng.uniform(500, limbo(victim.p.side));
    if (wait >= limbo(victim.p.side) / 2) killer.r.usefulKills++;
    else if (wait < 5000) killer.r.uselessKills++;
    let dead: number;
    const medics = medicsOf[victim.p.side];
    const canRevive = medics.length > 1 || (medics.length === 1 && medics[0] !== victim);
    if (rng.chance(0.25)) {
      killer.r.gibs++;
      dead = wait + rng.uniform(300, 1500);
    } else if (canRevive && rng.chance(0.35)) {
      let medic = rng.pick(medics);
      while (medic === victim) medic = rng.pick(medics);
      medic.r.revivesGiven++;
      victim.r.timesRevived++;
      dead = Math.min(wait, rng.uniform(2000, 10000));
    } else {
      dead = wait + rng.uniform(300, 2000);
    }
    victim.r.deadMs += Math.round(dead);
    killer.r.deniedMs += Math.round(dead);
  }

  for (const sim of sims) {
    const r = sim.r;
    // Suicides and team kills add deaths on top of the enemy kills.
    const selfKills = rng.poisson(0.03 * sim.minutes);
    for (let i = 0; i < selfKills; i++) {
      r.selfKills++;
      if (rng.chance(0.3)) r.fullSelfkills++;
      holdDeath(sim);
      r.deadMs += rng.int(5000, 25000);
    }
    const mates = bySide[sim.p.side].filter((m) => m !== sim);
    if (mates.length > 0 && rng.chance(0.04 * sim.minutes / 10)) {
      const victim = rng.pick(mates);
      r.teamKills++;
      if (rng.chance(0.3)) r.teamGibs++;
      holdDeath(victim);
      victim.r.deadMs += rng.int(5000, 25000);
    }
  }

  for (const sim of sims) {
    const r = sim.r;
    if (sim.best >= 3) r.killingSpree = sim.best;
    // Dead time stays a realistic share of the played time.
    r.deadMs = Math.min(r.deadMs, Math.floor(r.playedMs * 0.8));

    // Weapon hits, shots and head hits, consistent with the kills made with each weapon.
    const skill = sim.p.player.skill;
    for (const slot of sim.slots) {
      const base = slot.id * 5;
      const w = INFO[slot.id]!;
      const kills = r.weapons[base + KILLS]!;
      if (w.noHits) {
        r.damageGiven += kills * rng.int(100, 160);
        continue;
      }
      if (slot.id === W.SYRINGE) {
        const shots = r.revivesGiven + rng.int(0, 3);
        r.weapons[base + HITS] = r.revivesGiven;
        r.weapons[base + SHOTS] = shots;
        continue;
      }
      let hits = kills * w.hpk * rng.uniform(1.2, 1.8);
      const used = kills > 0 || r.weapons[base + DEATHS]! > 0 || rng.chance(slot.useChance);
      if (used) hits += sim.minutes * slot.use * rng.uniform(0.4, 1.4) * skill;
      let h = Math.max(kills, Math.round(hits));
      let shots = 0;
      if (h > 0) {
        const accuracy = Math.min(0.95, w.acc * Math.sqrt(skill) * rng.uniform(0.85, 1.15));
        shots = Math.max(h, Math.round(h / accuracy));
      } else if (used) {
        shots = rng.int(0, 4);
      }
      if (shots === 0) h = 0;
      const heads = Math.min(
        h,
        Math.max(sim.hsKills[slot.id]!, Math.round(h * w.hs * rng.uniform(0.6, 1.4))),
      );
      r.weapons[base + HITS] = h;
      r.weapons[base + SHOTS] = shots;
      r.weapons[base + HEADS] = heads;
      r.damageGiven += Math.round((h - heads) * w.dmg + heads * w.dmg * 2);
    }
  }

  // Damage received by a side is the damage the other side gave.
  for (const side of [1, 2] as const) {
    const enemy: Side = side === 1 ? 2 : 1;
    const receivers = bySide[side];
    if (receivers.length === 0) continue;
    const given = bySide[enemy].reduce((sum, s) => sum + s.r.damageGiven, 0);
    distribute(
      given,
      receivers,
      receivers.map((s) => (deathsOf(s.r) * 130 + s.minutes * 25) * rng.uniform(0.8, 1.2)),
      (s, amount) => (s.r.damageReceived += amount),
    );
  }

  // Team damage, objectives, XP.
  const completedBonus = completed ? 1 : 0;
  for (const sim of sims) {
    const r = sim.r;
    const mates = bySide[sim.p.side].filter((m) => m !== sim);
    if (mates.length > 0 && rng.chance(0.8)) {
      const explosive = sim.p.cls === "soldier" || sim.p.cls === "fieldops" ? 2 : 1;
      const amount = Math.round(sim.minutes * rng.uniform(0, 8) * explosive);
      r.teamDamageGiven += amount;
      distribute(
        amount,
        mates,
        mates.map(() => rng.next() + 0.05),
        (m, a) => (m.r.teamDamageReceived += a),
      );
    }
    const attacking = sim.p.side === attackSide;
    if (sim.p.cls === "engineer") {
      if (attacking) r.dynamitesPlanted = rng.int(0, 2 + completedBonus);
      else r.dynamitesDefused = rng.int(0, 2);
      r.repairsConstructions = rng.int(0, 5);
    } else if (rng.chance(0.05)) {
      r.repairsConstructions = 1;
    }
  }
  const attackers = bySide[attackSide];
  const defenders = bySide[attackSide === 1 ? 2 : 1];
  if (attackers.length > 0 && rng.chance(completed ? 0.6 : 0.3)) {
    rng.pick(attackers).r.objectivesStolen += rng.int(1, 2);
  }
  if (defenders.length > 0 && rng.chance(0.3)) rng.pick(defenders).r.objectivesReturned += 1;
  for (const sim of sims) {
    const r = sim.r;
    r.xp = killsOf(r) * 3 + r.revivesGiven * 3 + r.repairsConstructions * 3 +
      (r.dynamitesPlanted + r.dynamitesDefused) * 5 + r.objectivesStolen * 10 +
      r.objectivesReturned * 5 + r.killAssists + rng.int(0, 15);
  }
  return sims.map((s) => s.r);
}

/** Splits `amount` over `items` by weight (largest share gets the rounding rest). */
function distribute<T>(
  amount: number,
  items: readonly T[],
  weights: readonly number[],
  give: (item: T, amount: number) => void,
): void {
  const total = weights.reduce((a, b) => a + b, 0);
  let left = amount;
  for (let i = 0; i < items.length; i++) {
    const share = i === items.length - 1 ? left : Math.floor((amount * weights[i]!) / total);
    give(items[i]!, share);
    left -= share;
  }
}

function killsOf(r: PlayerRound): number {
  let kills = 0;
  for (let id = 0; id < WEAPON_SLOTS; id++) kills += r.weapons[id * 5 + KILLS]!;
  return kills;
}

function deathsOf(r: PlayerRound): number {
  let deaths = 0;
  for (let id = 0; id < WEAPON_SLOTS; id++) deaths += r.weapons[id * 5 + DEATHS]!;
  return deaths;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Tenths of a minute, rounded half-up (the writer's f22/f25). */
function tenthsOfMs(ms: number): number {
  return Math.floor((ms + 3000) / 6000);
}

function tenthsText(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** `%0.1f` like C: exact binary ties (x = odd/4) round half to even; everything else as toFixed. */
function fmt1(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return "0.0";
  const quarter = x * 4;
  if (Number.isInteger(quarter) && quarter % 2 === 1) {
    const below = Math.floor(x * 10);
    return tenthsText(below % 2 === 0 ? below : below + 1);
  }
  return x.toFixed(1);
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

const TANK_DIVISOR = 130;

/** One player line; `before` is the player's Round 1 when this is their cumulative Round 2 line. */
function playerLine(
  p: Participant,
  cur: PlayerRound,
  before: PlayerRound | undefined,
  rounds: number,
): string {
  let mask = 0;
  let tuples = "";
  let kills = 0, deaths = 0, shotsTotal = 0;
  const w = cur.weapons;
  const v = (before ?? EMPTY_ROUND).weapons;
  for (let id = 0; id < WEAPON_SLOTS; id++) {
    const b = id * 5;
    const h = w[b]! + v[b]!;
    const s = w[b + 1]! + v[b + 1]!;
    const k = w[b + 2]! + v[b + 2]!;
    const d = w[b + 3]! + v[b + 3]!;
    const hs = w[b + 4]! + v[b + 4]!;
    if (h === 0 && s === 0 && k === 0 && d === 0) continue;
    mask += 2 ** id;
    tuples += ` ${h} ${s} ${k} ${d} ${hs}`;
    kills += k;
    deaths += d;
    shotsTotal += s;
  }
  const o = before ?? EMPTY_ROUND;
  const playedMs = cur.playedMs + (before?.playedMs ?? 0);
  const aliveMs = cur.playedMs - cur.deadMs + (before ? before.playedMs - before.deadMs : 0);
  const damageReceived = cur.damageReceived + o.damageReceived;
  const tank = deaths > 0
    ? damageReceived / deaths / TANK_DIVISOR
    : (damageReceived + 1) / TANK_DIVISOR;
  const fields = [
    cur.damageGiven + o.damageGiven,
    damageReceived,
    cur.teamDamageGiven + o.teamDamageGiven,
    cur.teamDamageReceived + o.teamDamageReceived,
    cur.gibs + o.gibs,
    cur.selfKills + o.selfKills,
    cur.teamKills + o.teamKills,
    cur.teamGibs + o.teamGibs,
    fmt1((aliveMs / playedMs) * 100),
    cur.xp,
    cur.killingSpree,
    cur.deathSpree,
    cur.killAssists,
    cur.killSteals,
    cur.headshotKills,
    cur.objectivesStolen,
    cur.objectivesReturned,
    cur.dynamitesPlanted,
    cur.dynamitesDefused,
    cur.timesRevived,
    shotsTotal,
    // The writer's DPM: this round's damage over the (cumulative) minutes played.
    fmt1((cur.damageGiven * 60000) / playedMs),
    tenthsText(tenthsOfMs(playedMs)),
    damageReceived > 1000 && tank > 3 ? fmt1(tank) : "0.0",
    // Dead ratio: this round's dead time over the (cumulative) played time, only past 120 s.
    playedMs > 120000 ? fmt1((cur.deadMs / playedMs) * 100) : "0.0",
    tenthsText(tenthsOfMs(cur.deadMs)),
    fmt1(deaths > 0 ? kills / deaths : kills + 1),
    cur.usefulKills,
    Math.floor(cur.deniedMs / 1000),
    cur.multikill[0]!,
    cur.multikill[1]!,
    cur.multikill[2]!,
    cur.multikill[3]!,
    cur.multikill[4]!,
    cur.uselessKills,
    cur.fullSelfkills,
    cur.repairsConstructions,
    cur.revivesGiven,
  ];
  return `${p.player.guid}\\${p.player.name}\\${rounds}\\${p.side}\\${mask}${tuples} \t${
    fields.join("\t")
  }\n`;
}

/** Zero counters: the "Round 1" of a line that is not cumulative. */
const EMPTY_ROUND: PlayerRound = emptyRound(0);

function playerTruth(p: Participant, r: PlayerRound): CorpusPlayerTruth {
  const weapons: Record<string, CorpusWeaponTruth> = {};
  let kills = 0, deaths = 0, headshots = 0;
  for (let id = 0; id < WEAPON_SLOTS; id++) {
    const b = id * 5;
    const [hits, shots, k, d, hs] = [
      r.weapons[b]!,
      r.weapons[b + 1]!,
      r.weapons[b + 2]!,
      r.weapons[b + 3]!,
      r.weapons[b + 4]!,
    ];
    if (hits + shots + k + d + hs === 0) continue;
    weapons[WEAPON_CODES[id]!] = { hits, shots, kills: k, deaths: d, headshots: hs };
    kills += k;
    deaths += d;
    headshots += hs;
  }
  return {
    kills,
    deaths,
    headshots,
    damage_given: r.damageGiven,
    damage_received: r.damageReceived,
    team_damage_given: r.teamDamageGiven,
    team_damage_received: r.teamDamageReceived,
    gibs: r.gibs,
    self_kills: r.selfKills,
    team_kills: r.teamKills,
    team_gibs: r.teamGibs,
    played_ms: r.playedMs,
    alive_ms: r.playedMs - r.deadMs,
    xp: r.xp,
    dead_ms: r.deadMs,
    killing_spree: r.killingSpree,
    death_spree: r.deathSpree,
    kill_assists: r.killAssists,
    kill_steals: r.killSteals,
    headshot_kills: r.headshotKills,
    objectives_stolen: r.objectivesStolen,
    objectives_returned: r.objectivesReturned,
    dynamites_planted: r.dynamitesPlanted,
    dynamites_defused: r.dynamitesDefused,
    times_revived: r.timesRevived,
    useful_kills: r.usefulKills,
    denied_playtime: Math.floor(r.deniedMs / 1000),
    multikill_2x: r.multikill[0]!,
    multikill_3x: r.multikill[1]!,
    multikill_4x: r.multikill[2]!,
    multikill_5x: r.multikill[3]!,
    multikill_6x: r.multikill[4]!,
    useless_kills: r.uselessKills,
    full_selfkills: r.fullSelfkills,
    repairs_constructions: r.repairsConstructions,
    revives_given: r.revivesGiven,
    weapons,
    time_played_seconds: Math.floor(r.playedMs / 1000),
    team: p.side,
  };
}

/** Naive local date-time (seconds since the epoch, no zone) → `YYYY-MM-DD-HHMMSS`. */
function stamp(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

// ---------------------------------------------------------------------------------------------
// Sessions

const DAY = 86400;
const EVENING_START = 19 * 3600;
const EVENING_SPREAD = 210 * 60;

interface Normalised {
  sessions: number;
  mapsPerSession: number;
  playersPerTeam: number;
  seed: number;
  startDay: number;
  noise: boolean;
}

function normalise(options: CorpusOptions): Normalised {
  const integer = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
    }
    return value;
  };
  const start = options.start ?? CORPUS_DEFAULTS.start;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== start) {
    throw new RangeError(`start must be a date YYYY-MM-DD, got ${JSON.stringify(start)}`);
  }
  if (Number(match[1]) < 2020) throw new RangeError("start must be in 2020 or later");
  const seed = options.seed ?? CORPUS_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return {
    sessions: integer("sessions", options.sessions, 1, 100000),
    mapsPerSession: integer(
      "mapsPerSession",
      options.mapsPerSession ?? CORPUS_DEFAULTS.mapsPerSession,
      1,
      1000,
    ),
    playersPerTeam: integer(
      "playersPerTeam",
      options.playersPerTeam ?? CORPUS_DEFAULTS.playersPerTeam,
      1,
      32,
    ),
    seed,
    startDay: day / 1000,
    noise: options.noise ?? false,
  };
}

/** The first evening slot at least a day after `last` (plus 0–2 extra days off). */
function nextSessionStart(rng: Random, last: number): number {
  const earliest = last + DAY;
  let day = Math.floor(earliest / DAY) * DAY;
  let start = day + EVENING_START + rng.int(0, EVENING_SPREAD);
  if (start < earliest) {
    day += DAY;
    start = day + EVENING_START + rng.int(0, EVENING_SPREAD);
  }
  return start + rng.int(0, 2) * DAY;
}

function pickMap(rng: Random, previous: MapInfo | null): MapInfo {
  let map = MAP_POOL[rng.weighted(MAP_WEIGHTS, MAP_WEIGHT_TOTAL)]!;
  if (map === previous && rng.chance(0.75)) {
    map = MAP_POOL[rng.weighted(MAP_WEIGHTS, MAP_WEIGHT_TOTAL)]!;
  }
  return map;
}

/** Classes of one team for one map (a shuffled template; sometimes a soldier). */
function assignClasses(rng: Random, size: number): { cls: PlayerClass; variant: number }[] {
  const classes: PlayerClass[] = [];
  for (let i = 0; i < size; i++) classes.push(CLASS_TEMPLATE[i % CLASS_TEMPLATE.length]!);
  if (size >= 4 && rng.chance(0.35)) classes[rng.int(0, size - 1)] = "soldier";
  rng.shuffle(classes);
  return classes.map((cls) => ({ cls, variant: rng.int(0, VARIANTS[cls] - 1) }));
}

function randomClass(rng: Random): { cls: PlayerClass; variant: number } {
  const cls = rng.pick(["medic", "engineer", "fieldops", "covertops", "soldier"] as const);
  return { cls, variant: rng.int(0, VARIANTS[cls] - 1) };
}

function sidecarEndstats(
  rng: Random,
  parts: readonly Participant[],
  rounds: PlayerRound[],
): string {
  const lines = ["# endstats awards"];
  const best = (score: (r: PlayerRound) => number) => {
    let at = 0;
    for (let i = 1; i < rounds.length; i++) if (score(rounds[i]!) > score(rounds[at]!)) at = i;
    return at;
  };
  const awards: [string, (r: PlayerRound) => number][] = [
    ["Most kills", killsOf],
    ["Most damage given", (r) => r.damageGiven],
    ["Most revives", (r) => r.revivesGiven],
    ["Most deaths", deathsOf],
  ];
  for (const [title, score] of awards) {
    const at = best(score);
    lines.push(`${title}\t${parts[at]!.player.name}\t${score(rounds[at]!)}`);
  }
  lines.push(`versus\t${rng.int(1, 9)}\t${rng.int(1, 9)}`);
  return lines.join("\n") + "\n";
}

function sidecarWeaponStats(parts: readonly Participant[], rounds: PlayerRound[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = rounds[i]!;
    for (let id = 0; id < WEAPON_SLOTS; id++) {
      const b = id * 5;
      lines.push(
        [
          parts[i]!.player.guid,
          WEAPON_CODES[id]!,
          r.weapons[b + HITS],
          r.weapons[b + SHOTS],
          r.weapons[b + KILLS],
          r.weapons[b + DEATHS],
          r.weapons[b + HEADS],
        ].join("\t"),
      );
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * Generates a corpus of stopwatch gaming sessions: the stats files (exact writer format) and the
 * truth they were generated from. Deterministic for given options; throws RangeError on invalid
 * options or when the dates would leave the file-name years 2020–2035.
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const opts = normalise(options);
  const rng = new Random(opts.seed);
  const ppt = opts.playersPerTeam;
  const pool = buildPool(rng, Math.max(2 * ppt + 4, Math.ceil(2.5 * 2 * ppt)));

  const files: CorpusFile[] = [];
  const truthFiles: CorpusFileTruth[] = [];
  const sessions: CorpusSessionTruth[] = [];
  let sessionStart = opts.startDay + EVENING_START + rng.int(0, EVENING_SPREAD);
  let lastFile = sessionStart;

  for (let s = 0; s < opts.sessions; s++) {
    if (s > 0) {
      sessionStart = nextSessionStart(rng, lastFile);
      // A few players show up under a new (colour-coded) name.
      for (const player of pool) {
        if (rng.chance(0.06)) player.name = colourName(rng, player.base);
      }
    }
    const order = rng.shuffle(pool.map((_, i) => i));
    const teams = [order.slice(0, ppt), order.slice(ppt, 2 * ppt)].map((t) =>
      t.map((i) => pool[i]!)
    ) as [PoolPlayer[], PoolPlayer[]];
    const bench = order.slice(2 * ppt).map((i) => pool[i]!);
    const rosters = teams.map((t) => t.map((p) => p.guid).sort()) as [string[], string[]];
    const session: CorpusSessionTruth = { files: [], maps: [] };
    sessions.push(session);

    let clockSec = sessionStart;
    let previous: MapInfo | null = null;
    for (let m = 0; m < opts.mapsPerSession; m++) {
      const map = pickMap(rng, previous);
      previous = map;
      const defSide = map.defender;
      const atkSide: Side = defSide === 1 ? 2 : 1;
      const first = rng.int(0, 1); // team attacking in Round 1
      const sideOf = (team: number, round: 1 | 2): Side =>
        (team === first) === (round === 1) ? atkSide : defSide;

      // Round outcomes and durations.
      const r1Completed = rng.chance(0.72);
      const r1Seconds = r1Completed
        ? Math.max(60, Math.round(map.limit * rng.uniform(0.28, 0.97)))
        : map.limit;
      const r1PlaytimeMs = r1Seconds * 1000 + rng.int(0, 999);
      const r2Limit = r1Seconds;
      const r2Completed = rng.chance(r1Completed ? 0.45 : 0.6);
      const r2Seconds = r2Completed
        ? rng.int(Math.min(r2Limit - 1, Math.max(30, Math.round(r2Limit * 0.35))), r2Limit - 1)
        : r2Limit;
      const r2PlaytimeMs = r2Seconds * 1000 + rng.int(0, 999);

      // Line-up: classes per team, a possible leaver after Round 1, a possible Round 2 substitute.
      const setups = teams.map((team) => assignClasses(rng, team.length));
      let leaver: PoolPlayer | null = null;
      let leaverTeam = -1;
      if (ppt >= 2 && rng.chance(0.07)) {
        leaverTeam = rng.int(0, 1);
        leaver = rng.pick(teams[leaverTeam as 0 | 1]);
      }
      let sub: { player: PoolPlayer; team: number } | null = null;
      if (bench.length > 0 && (leaver ? rng.chance(0.5) : rng.chance(0.05))) {
        sub = { player: rng.pick(bench), team: leaver ? leaverTeam : rng.int(0, 1) };
      }

      const r1Parts: Participant[] = [];
      const r2Parts: Participant[] = [];
      for (let t = 0; t < 2; t++) {
        const team = teams[t as 0 | 1];
        for (let i = 0; i < team.length; i++) {
          const player = team[i]!;
          const setup = setups[t]![i]!;
          r1Parts.push({
            player,
            side: sideOf(t, 1),
            playedMs: r1PlaytimeMs - rng.int(0, 1200),
            ...setup,
          });
          if (player === leaver) continue;
          r2Parts.push({
            player,
            side: sideOf(t, 2),
            playedMs: r2PlaytimeMs - rng.int(0, 1200),
            ...(rng.chance(0.9) ? setup : randomClass(rng)),
          });
        }
      }
      if (sub) {
        const lateMs = rng.chance(0.5)
          ? rng.int(0, 20000)
          : rng.int(30000, Math.max(30000, Math.min(300000, r2PlaytimeMs / 2)));
        r2Parts.push({
          player: sub.player,
          side: sideOf(sub.team, 2),
          playedMs: Math.max(30000, r2PlaytimeMs - lateMs),
          ...randomClass(rng),
        });
      }

      const r1Rounds = simulateRound(rng, r1Parts, atkSide, r1Completed);
      const r2Rounds = simulateRound(rng, r2Parts, atkSide, r2Completed);

      // Timeline: map load + warmup, Round 1, file 3 s after the end; intermission, Round 2.
      const r1Start = clockSec + (m === 0 ? 0 : rng.int(90, 420));
      const r1File = r1Start + Math.ceil(r1PlaytimeMs / 1000) + 3;
      const r2Start = r1File + rng.int(40, 240);
      const r2File = r2Start + Math.ceil(r2PlaytimeMs / 1000) + 3;
      clockSec = r2File;
      lastFile = r2File;
      const r1Name = `${stamp(r1File)}-${map.name}-round-1.txt`;
      const r2Name = `${stamp(r2File)}-${map.name}-round-2.txt`;

      // Round 1 file.
      const r1Winner = r1Completed ? atkSide : defSide;
      const r1Order = rng.shuffle(r1Parts.map((_, i) => i));
      const lines = [
        `${SERVER_NAME}\\${map.name}\\${CONFIG}\\1\\${defSide}\\${r1Winner}\\${clock(map.limit)}\\${
          clock(r1Seconds)
        }\\${r1PlaytimeMs}\n`,
      ];
      const r1Truth: Record<string, CorpusPlayerTruth> = {};
      const r1ByGuid = new Map<string, PlayerRound>();
      for (const i of r1Order) {
        const part = r1Parts[i]!;
        lines.push(playerLine(part, r1Rounds[i]!, undefined, 0));
        r1Truth[part.player.guid] = playerTruth(part, r1Rounds[i]!);
        r1ByGuid.set(part.player.guid, r1Rounds[i]!);
      }
      files.push({ name: r1Name, text: lines.join("") });
      truthFiles.push({ file: r1Name, map: map.name, round: 1, players: r1Truth });
      if (opts.noise && rng.chance(0.15)) {
        files.push({
          name: r1Name.replace(/\.txt$/, "-endstats.txt"),
          text: sidecarEndstats(rng, r1Parts, r1Rounds),
        });
      }

      // Round 2 file: cumulative for players who were in Round 1.
      const r2Winner = r2Completed ? atkSide : defSide;
      const r2Order = rng.shuffle(r2Parts.map((_, i) => i));
      lines.length = 0;
      lines.push(
        `${SERVER_NAME}\\${map.name}\\${CONFIG}\\2\\${defSide}\\${r2Winner}\\${clock(r2Limit)}\\${
          clock(r2Seconds)
        }\\${r2PlaytimeMs}\n`,
      );
      const r2Truth: Record<string, CorpusPlayerTruth> = {};
      for (const i of r2Order) {
        const part = r2Parts[i]!;
        const before = r1ByGuid.get(part.player.guid);
        lines.push(playerLine(part, r2Rounds[i]!, before, before ? 1 : 0));
        r2Truth[part.player.guid] = playerTruth(part, r2Rounds[i]!);
      }
      files.push({ name: r2Name, text: lines.join("") });
      truthFiles.push({ file: r2Name, map: map.name, round: 2, r1: r1Name, players: r2Truth });
      if (opts.noise && rng.chance(0.1)) {
        files.push({
          name: r2Name.replace(/\.txt$/, "_ws.txt"),
          text: sidecarWeaponStats(r2Parts, r2Rounds),
        });
      }

      session.files.push(r1Name, r2Name);
      session.maps.push({
        map: map.name,
        r1: r1Name,
        r2: r2Name,
        winner: r2Completed ? "B" : r1Completed ? "A" : "tie",
        team_a: rosters[first]!,
        team_b: rosters[1 - first]!,
        r1_seconds: r1Seconds,
        r2_seconds: r2Seconds,
        r1_completed: r1Completed,
        r2_completed: r2Completed,
      });
    }
  }

  const lastYear = Number(stamp(lastFile).slice(0, 4));
  if (lastYear > 2035) {
    throw new RangeError(
      `the corpus would run into ${lastYear}; file names allow years up to 2035`,
    );
  }
  return {
    files,
    truth: {
      generator: CORPUS_GENERATOR,
      seed: opts.seed,
      files: truthFiles,
      sessions,
      maps: [],
    },
  };
}
