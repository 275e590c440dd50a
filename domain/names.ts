/**
 * Player and server names as the game writes them.
 *
 * `^` followed by one character selects a colour in-game. The identity (alias) name strips exactly
 * `^[0-9A-Za-z]`, left to right, as the reference importer does (spec §3), so stored aliases stay
 * comparable with historical data: `^^1x` becomes `^x` and `^?` is kept.
 */
const COLOUR_CODE = /\^[0-9A-Za-z]/g;

/** The name with colour codes removed by the identity rule (spec §3). */
export function stripColourCodes(raw: string): string {
  return raw.indexOf("^") === -1 ? raw : raw.replace(COLOUR_CODE, "");
}
