/**
 * Text rules shared by the embed builders: Discord's limits, escaping player names (which may hold
 * markdown characters), and number, time and date formats.
 */

/** Numbers and clocks read the same in embeds as on the cards. */
export { clock, fixed, thousands } from "../format.ts";

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

export const COLOURS = {
  /** The product's accent (brass, as the cards). */
  accent: 0xc8a04a,
  teamA: 0xd9534f,
  teamB: 0x4a90d9,
  ok: 0x3ba55c,
  warning: 0xe0a030,
} as const;

/** Text shown as typed: markdown, mentions and links in a player's name are not interpreted. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>#<[\]])/g, "\\$1");
}

/** Cuts text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** 2 h 05 min, or 35 min. */
export function hoursMinutes(seconds: number): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, "0")} min` : `${minutes} min`;
}

/** `YYYY-MM-DD HH:MM` of a local date-time (`YYYY-MM-DDTHH:MM:SS`). */
export function localDateTime(text: string): string {
  return text.slice(0, 16).replace("T", " ");
}

/** Discord's own timestamp markup: every reader sees it in their time zone. */
export function discordTime(iso: string, style: "f" | "d" | "R" = "f"): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;
}

/** `<@id>`: a user mention (our messages never ping). */
export function mention(discordUserId: string): string {
  return `<@${discordUserId}>`;
}

/** What a user typed, quoted for a message: shortened and shown as typed (no markdown). */
export function quoted(text: string): string {
  return `“${escapeMarkdown(truncate(text, 100))}”`;
}
