/** The embed around a comparison card (/compare). */
import type { DiscordEmbed } from "@discordeno/bot";
import { COLOURS, EMBED_LIMITS, truncate } from "./embed_text.ts";

export function compareEmbed(
  a: { guid: string; name: string },
  b: { guid: string; name: string },
  imageUrl: string,
): DiscordEmbed {
  return {
    title: truncate(`${a.name} vs ${b.name}`, EMBED_LIMITS.title),
    description: `Lifetime numbers over counted rounds · \`${a.guid}\` vs \`${b.guid}\``,
    color: COLOURS.accent,
    image: { url: imageUrl },
  };
}
