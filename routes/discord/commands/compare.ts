/** `/compare player_a player_b`: two players side by side on one card. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { compareEmbed } from "../../../views/embeds/compare.ts";
import { playerChoices } from "../autocomplete.ts";
import { renderCard } from "../card_message.ts";
import { deferred, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { resolvePlayer } from "../player_lookup.ts";

const playerOption = (name: string, description: string) => ({
  type: ApplicationCommandOptionTypes.String,
  name,
  description,
  required: true,
  autocomplete: true,
});

export const compareCommand: SlashCommand = {
  definition: {
    name: "compare",
    description: "Compare two players' lifetime numbers on one card",
    options: [
      playerOption("player_a", "First player: name, alias or GUID"),
      playerOption("player_b", "Second player: name, alias or GUID"),
    ],
  },

  async run({ ctx, options }) {
    const typedA = options.string("player_a");
    const typedB = options.string("player_b");
    if (!typedA || !typedB) {
      throw new CommandError("Give two players: `/compare player_a:<name> player_b:<name>`.");
    }
    const [a, b] = await Promise.all([
      resolvePlayer(ctx.db, typedA, "player_a"),
      resolvePlayer(ctx.db, typedB, "player_b"),
    ]);
    if (a.guid === b.guid) {
      throw new CommandError(`Both options name ${a.name}: pick two different players.`);
    }
    return deferred(async () => {
      const attachment = await renderCard(
        ctx.db,
        { kind: "compare", guidA: a.guid, guidB: b.guid },
        "One of the two players does not exist (any more): try `/compare` again.",
        ctx.now(),
      );
      return { embeds: [compareEmbed(a, b, attachment.url)], files: [attachment.file] };
    });
  },

  autocomplete({ ctx, options }) {
    const focused = options.focused;
    return focused && (focused.name === "player_a" || focused.name === "player_b")
      ? playerChoices(ctx.db, focused.value)
      : Promise.resolve([]);
  },
};
