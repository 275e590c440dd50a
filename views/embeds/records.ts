/** The Hall of Fame (/records): best single round and best single match, per category. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { MatchRecord, Records, RoundRecord } from "../../db/queries/records.ts";
import {
  COLOURS,
  discordTime,
  EMBED_LIMITS,
  escapeMarkdown,
  fixed,
  truncate,
} from "./embed_text.ts";

function recordLine(record: RoundRecord | MatchRecord, showMap: boolean): string {
  const holder = record.holder;
  if (!holder) return `${record.title}: –`;
  const value = record.unit.startsWith("%")
    ? `${fixed(holder.value, record.decimals)} %`
    : `${fixed(holder.value, record.decimals)} ${record.unit}`;
  const where = showMap ? ` · ${escapeMarkdown(holder.map)}` : "";
  return `${record.title}: **${value}** · ${escapeMarkdown(holder.name)}${where} · ` +
    discordTime(holder.playedAt, "d");
}

/** True when nobody holds any record (no counted round, or none on that map). */
export function hasNoRecords(records: Records): boolean {
  return [...records.rounds, ...records.matches].every((r) => r.holder === null);
}

export function recordsEmbed(records: Records, map: string | null): DiscordEmbed {
  const lines = [
    "**Best single round**",
    ...records.rounds.map((r) => recordLine(r, map === null)),
    "",
    "**Best single match** (both halves of a map)",
    ...records.matches.map((r) => recordLine(r, map === null)),
  ];
  return {
    title: map ? `Records on ${map}` : "Records",
    description: truncate(lines.join("\n"), EMBED_LIMITS.description),
    color: COLOURS.accent,
    footer: { text: "Counted rounds only · ties go to the most recent" },
  };
}
