/**
 * `/link player`: a member links their Discord account to one player GUID (domain-rules §6). A
 * GUID someone else linked is refused, and so is a second link: unlink first.
 */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { createLink } from "../../../db/queries/discord_links.ts";
import { escapeMarkdown, mention } from "../../../views/embeds/embed_text.ts";
import { playerChoices } from "../autocomplete.ts";
import { reply, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { ephemeralText } from "../messages.ts";
import { resolvePlayer } from "../player_lookup.ts";

export const linkCommand: SlashCommand = {
  definition: {
    name: "link",
    description: "Link your Discord account to your player (one player per account)",
    options: [{
      type: ApplicationCommandOptionTypes.String,
      name: "player",
      description: "Your name, an alias or your GUID: pick a suggestion",
      required: true,
      autocomplete: true,
    }],
  },

  async run({ ctx, caller, options }) {
    const typed = options.string("player");
    if (!typed) throw new CommandError("Give your player: `/link player:<your name>`.");
    const player = await resolvePlayer(ctx.db, typed, "player");
    const outcome = await createLink(ctx.db, {
      discordUserId: caller.id,
      discordName: caller.name,
      guid: player.guid,
      linkedBy: caller.id,
    });
    const name = `**${escapeMarkdown(player.name)}** (\`${player.guid}\`)`;
    switch (outcome.status) {
      case "linked":
        return reply(ephemeralText(`Linked you to ${name}. \`/stats\` now shows your card.`));
      case "unchanged":
        return reply(ephemeralText(`You are already linked to ${name}.`));
      case "user_linked_elsewhere":
        throw new CommandError(
          `You are linked to **${escapeMarkdown(outcome.link.playerName)}** ` +
            `(\`${outcome.link.guid}\`). Type \`/unlink\` first, then \`/link\` again.`,
        );
      case "player_taken":
        throw new CommandError(
          `${name} is already linked to ${mention(outcome.link.discordUserId)}. ` +
            "If it is yours, ask an admin to move it (`/admin unlink`, then `/admin link`).",
        );
      case "unknown_player":
        throw new CommandError(`Player \`${player.guid}\` does not exist (any more).`);
    }
  },

  autocomplete({ ctx, options }) {
    return options.focused?.name === "player"
      ? playerChoices(ctx.db, options.focused.value, { unlinkedOnly: true })
      : Promise.resolve([]);
  },
};
