/** `/whoami`: which player the caller is linked to, with headline numbers. */
import { linkOfUser } from "../../../db/queries/discord_links.ts";
import { playerProfile } from "../../../db/queries/players.ts";
import { linkStatusEmbed } from "../../../views/embeds/link_status.ts";
import { reply, type SlashCommand } from "../command.ts";
import { ephemeral, ephemeralText } from "../messages.ts";

export const whoamiCommand: SlashCommand = {
  definition: { name: "whoami", description: "Which player your Discord account is linked to" },

  async run({ ctx, caller }) {
    const link = await linkOfUser(ctx.db, caller.id);
    if (!link) {
      return reply(ephemeralText(
        "You are not linked to a player yet: type `/link` and pick your name.",
      ));
    }
    const profile = await playerProfile(ctx.db, link.guid, 0);
    return reply(ephemeral({ embeds: [linkStatusEmbed(link, profile?.totals ?? null)] }));
  },
};
