/** `/stats [player] [user]`: a player's profile card and a short embed; the caller's own by default. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { linkOfPlayer } from "../../../db/queries/discord_links.ts";
import { playerProfile } from "../../../db/queries/players.ts";
import { playerProfileEmbed } from "../../../views/embeds/player_profile.ts";
import { playerChoices } from "../autocomplete.ts";
import { renderCard } from "../card_message.ts";
import { deferred, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { linkedPlayerOf, resolvePlayer } from "../player_lookup.ts";

const RECENT_SESSIONS = 10;

export const statsCommand: SlashCommand = {
  definition: {
    name: "stats",
    description: "A player's profile card (yours, once linked, without options)",
    options: [
      {
        type: ApplicationCommandOptionTypes.String,
        name: "player",
        description: "Name, alias or GUID: pick a suggestion",
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionTypes.User,
        name: "user",
        description: "A Discord member: shows the player they linked",
      },
    ],
  },

  async run({ ctx, caller, options }) {
    const typed = options.string("player");
    const user = options.user("user");
    if (typed && user) {
      throw new CommandError("Give either `player` or `user`, not both.");
    }
    const player = typed
      ? await resolvePlayer(ctx.db, typed, "player")
      : await linkedPlayerOf(ctx.db, user ?? caller, !user || user.id === caller.id);
    return deferred(async () => {
      const [profile, link, attachment] = await Promise.all([
        playerProfile(ctx.db, player.guid, RECENT_SESSIONS),
        linkOfPlayer(ctx.db, player.guid),
        renderCard(
          ctx.db,
          { kind: "player", guid: player.guid },
          `Player \`${player.guid}\` does not exist (any more): try \`/stats\` again.`,
          ctx.now(),
        ),
      ]);
      if (!profile) {
        throw new CommandError(`Player \`${player.guid}\` does not exist (any more).`);
      }
      return {
        embeds: [
          playerProfileEmbed(profile, {
            linkedUserId: link?.discordUserId ?? null,
            imageUrl: attachment.url,
          }),
        ],
        files: [attachment.file],
      };
    });
  },

  autocomplete({ ctx, options }) {
    return options.focused?.name === "player"
      ? playerChoices(ctx.db, options.focused.value)
      : Promise.resolve([]);
  },
};
