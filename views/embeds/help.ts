/** /help: one line per command (and per /admin sub-command), from the command definitions. */
import type { DiscordEmbed } from "@discordeno/bot";
import { COLOURS, EMBED_LIMITS, truncate } from "./embed_text.ts";

export interface HelpLine {
  /** e.g. `/stats [player] [user]` */
  usage: string;
  description: string;
}

export function helpEmbed(lines: readonly HelpLine[]): DiscordEmbed {
  return {
    title: "etl-stats commands",
    description: truncate(
      lines.map((line) => `\`${line.usage}\` – ${line.description}`).join("\n"),
      EMBED_LIMITS.description,
    ),
    color: COLOURS.accent,
    footer: { text: "[option] = optional · player options suggest names as you type" },
  };
}
