/** A page of the gaming sessions list (/sessions). */
import type { DiscordEmbed } from "@discordeno/bot";
import type { SessionSummaryRow } from "../../db/queries/sessions.ts";
import { COLOURS, EMBED_LIMITS, escapeMarkdown, truncate } from "./embed_text.ts";

export function sessionLine(s: SessionSummaryRow): string {
  return `**#${s.id}** · ${s.date} · ${escapeMarkdown(s.server)} · ${s.maps} maps · ` +
    `${escapeMarkdown(s.teamAName)} ${s.scoreA}–${s.scoreB} ${escapeMarkdown(s.teamBName)} · ` +
    `${s.players} players`;
}

export function sessionsListEmbed(
  items: SessionSummaryRow[],
  offset: number,
  total: number,
): DiscordEmbed {
  return {
    title: "Gaming sessions, latest first",
    description: truncate(items.map(sessionLine).join("\n"), EMBED_LIMITS.description),
    color: COLOURS.accent,
    footer: {
      text: `Sessions ${offset + 1}–${offset + items.length} of ${total} · ` +
        "pick one below, or type /session which:<number>",
    },
  };
}
