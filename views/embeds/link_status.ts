/** /whoami: the player a Discord user is linked to, and its headline numbers. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { DiscordLink } from "../../db/queries/discord_links.ts";
import type { PlayerSums } from "../../db/queries/sums.ts";
import { statLine } from "../json/stat_line.ts";
import {
  COLOURS,
  discordTime,
  EMBED_LIMITS,
  fixed,
  mention,
  thousands,
  truncate,
} from "./embed_text.ts";

export function linkStatusEmbed(link: DiscordLink, totals: PlayerSums | null): DiscordEmbed {
  const line = totals ? statLine(totals) : null;
  const by = link.linkedBy === link.discordUserId ? "by you" : `by ${mention(link.linkedBy)}`;
  return {
    title: truncate(`Linked to ${link.playerName}`, EMBED_LIMITS.title),
    description: `GUID \`${link.guid}\` · linked ${discordTime(link.linkedAt, "d")} ${by}`,
    color: COLOURS.accent,
    fields: line
      ? [
        { name: "Rounds", value: thousands(line.rounds), inline: true },
        { name: "K/D", value: fixed(line.kdRatio, 2), inline: true },
        { name: "DPM", value: fixed(line.dpm, 1), inline: true },
      ]
      : [],
    footer: { text: "/stats shows your card · /unlink removes the link" },
  };
}
