/** Weapon ids of the stats file's weapon mask (spec §6): bit j of the mask is weapon id j. */
export const WEAPON_CODES = [
  "WS_KNIFE",
  "WS_KNIFE_KBAR",
  "WS_LUGER",
  "WS_COLT",
  "WS_MP40",
  "WS_THOMPSON",
  "WS_STEN",
  "WS_FG42",
  "WS_PANZERFAUST",
  "WS_BAZOOKA",
  "WS_FLAMETHROWER",
  "WS_GRENADE",
  "WS_MORTAR",
  "WS_MORTAR2",
  "WS_DYNAMITE",
  "WS_AIRSTRIKE",
  "WS_ARTILLERY",
  "WS_SATCHEL",
  "WS_GRENADELAUNCHER",
  "WS_LANDMINE",
  "WS_MG42",
  "WS_BROWNING",
  "WS_CARBINE",
  "WS_KAR98",
  "WS_GARAND",
  "WS_K43",
  "WS_MP34",
  "WS_SYRINGE",
] as const;

/** Human-readable weapon names, indexed like {@link WEAPON_CODES}. */
export const WEAPON_NAMES = [
  "Knife",
  "Ka-Bar knife",
  "Luger pistol",
  "Colt .45 pistol",
  "MP40",
  "Thompson",
  "Sten",
  "FG42",
  "Panzerfaust",
  "Bazooka",
  "Flamethrower",
  "Hand grenade",
  "Mortar",
  "Mortar (second variant)",
  "Dynamite",
  "Airstrike",
  "Artillery strike",
  "Satchel charge",
  "Rifle grenade",
  "Landmine",
  "MG42 machine gun",
  "Browning .30 cal",
  "M1 Garand (carbine)",
  "Kar98",
  "M1 Garand (scoped)",
  "K43",
  "MP34",
  "Syringe",
] as const;

export type WeaponCode = typeof WEAPON_CODES[number];

/** Number of weapon ids the mask can name (bits 0..27); higher bits are ignored. */
export const WEAPON_COUNT = WEAPON_CODES.length;

/** One weapon tuple of a player line: the five counters in the file's order are hits, shots, kills, deaths, headshots. */
export interface WeaponStats {
  id: number;
  code: WeaponCode;
  hits: number;
  shots: number;
  kills: number;
  deaths: number;
  /** Hits to the head, not headshot kills. */
  headshots: number;
}
