import { createHash } from "node:crypto";

/** Names that mark an Omni-bot (spec §10), matched on the colour-stripped, left-trimmed name. */
export const DEFAULT_BOT_NAME_PATTERN = /^\[BOT\]/i;

const BOT_GUID_PREFIX = "OMNIBOT";
const NAME_HASH_LENGTH = 24;

/** True when the player's name marks it as a bot (name rules of spec §10). */
export function hasBotName(rawName: string, cleanName: string, pattern: RegExp): boolean {
  return pattern.test(cleanName.trimStart()) || rawName.startsWith("[BOT]");
}

/** True when the written GUID is an Omni-bot GUID. */
export function hasBotGuid(guid: string): boolean {
  return guid.toUpperCase().startsWith(BOT_GUID_PREFIX);
}

/**
 * Identity key of a name-detected bot: every bot shares one 8-character GUID, so the first 24 hex
 * characters of SHA-256(clean name) are appended (32 characters in all), as the reference does.
 */
export function botIdentityGuid(writtenGuid: string, cleanName: string): string {
  const digest = createHash("sha256").update(cleanName, "utf8").digest("hex");
  return writtenGuid + digest.slice(0, NAME_HASH_LENGTH);
}

/** A round is a bot round when bots > 0 and there are no humans or more bots than humans. */
export function isBotRound(bots: number, humans: number): boolean {
  return bots > 0 && (humans === 0 || bots > humans);
}
