/** The short embed beside a player's profile card (/stats): headline numbers, badges, link. */
import type { DiscordEmbed } from "@discordeno/bot";
import { badgesOf, badgeText } from "../../domain/achievements.ts";
import type { playerProfile } from "../../db/queries/players.ts";
import { statLine } from "../json/stat_line.ts";
import {
  COLOURS,
  EMBED_LIMITS,
  escapeMarkdown,
  fixed,
  hoursMinutes,
  mention,
  thousands,
  truncate,
} from "./embed_text.ts";

export type PlayerProfile = NonNullable<Awaited<ReturnType<typeof playerProfile>>>;

export function playerProfileEmbed(
  profile: PlayerProfile,
  options: { linkedUserId: string | null; imageUrl: string | null },
): DiscordEmbed {
  const { player, aliases, totals } = profile;
  const line = statLine(totals);
  const others = aliases.map((a) => a.name).filter((name) => name !== player.name).slice(0, 5);
  const description = [
    `GUID \`${player.guid}\`${options.linkedUserId ? ` · ${mention(options.linkedUserId)}` : ""}`,
    others.length > 0 ? `Also played as ${others.map(escapeMarkdown).join(", ")}` : null,
  ].filter((text) => text !== null).join("\n");
  const badges = badgesOf(totals);
  const favourite = profile.maps[0];
  const fields = [
    { name: "Rounds", value: thousands(line.rounds), inline: true },
    {
      name: "Kills / deaths",
      value: `${thousands(line.kills)} / ${thousands(line.deaths)}`,
      inline: true,
    },
    { name: "K/D", value: fixed(line.kdRatio, 2), inline: true },
    { name: "DPM", value: fixed(line.dpm, 1), inline: true },
    { name: "Accuracy", value: `${fixed(line.accuracy, 1)} %`, inline: true },
    { name: "Headshot accuracy", value: `${fixed(line.headshotAccuracy, 1)} %`, inline: true },
    { name: "Revives given", value: thousands(line.revivesGiven), inline: true },
    { name: "Time played", value: hoursMinutes(line.playedSeconds), inline: true },
    {
      name: "Most played map",
      value: favourite ? `${escapeMarkdown(favourite.map)} (${favourite.rounds} rounds)` : "–",
      inline: true,
    },
  ];
  if (badges.length > 0) {
    fields.push({
      name: "Badges",
      value: truncate(
        badges.map((badge) => `${badgeText(badge)} ${badge.label}`).join(" · "),
        EMBED_LIMITS.fieldValue,
      ),
      inline: false,
    });
  }
  return {
    title: truncate(player.name, EMBED_LIMITS.title),
    description,
    color: COLOURS.accent,
    fields,
    footer: { text: `First seen ${player.firstSeen} · last seen ${player.lastSeen}` },
    ...(options.imageUrl ? { image: { url: options.imageUrl } } : {}),
  };
}
