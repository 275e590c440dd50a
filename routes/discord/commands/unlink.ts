/** `/unlink`: removes the caller's link to a player. */
import { removeLink } from "../../../db/queries/discord_links.ts";
import { escapeMarkdown } from "../../../views/embeds/embed_text.ts";
import { reply, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { ephemeralText } from "../messages.ts";

export const unlinkCommand: SlashCommand = {
  definition: { name: "unlink", description: "Remove the link between your account and a player" },

  async run({ ctx, caller }) {
    const removed = await removeLink(ctx.db, caller.id);
    if (!removed) {
      throw new CommandError("You are not linked to a player. Type `/link` to link yours.");
    }
    return reply(ephemeralText(
      `Unlinked you from **${escapeMarkdown(removed.playerName)}** (\`${removed.guid}\`).`,
    ));
  },
};
