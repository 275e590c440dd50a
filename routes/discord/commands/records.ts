/** `/records [map]`: the Hall of Fame, best single round and best single match per category. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { records } from "../../../db/queries/records.ts";
import { hasNoRecords, recordsEmbed } from "../../../views/embeds/records.ts";
import { quoted } from "../../../views/embeds/embed_text.ts";
import { mapChoices } from "../autocomplete.ts";
import { reply, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { publicMessage } from "../messages.ts";

/** Map names as the stats files write them (as the admin API accepts them). */
export const MAP_NAME = /^[A-Za-z0-9_.+-]{1,50}$/;

export const recordsCommand: SlashCommand = {
  definition: {
    name: "records",
    description: "Records: best single round and best single match, optionally on one map",
    options: [{
      type: ApplicationCommandOptionTypes.String,
      name: "map",
      description: "Only records set on this map (suggestions as you type)",
      autocomplete: true,
    }],
  },

  async run({ ctx, options }) {
    const typed = options.string("map");
    if (typed !== null && !MAP_NAME.test(typed)) {
      throw new CommandError(
        `${
          quoted(typed)
        } is not a map name: pick a map from the suggestions, or leave \`map\` empty.`,
      );
    }
    const map = typed?.toLowerCase() ?? null;
    const found = await records(ctx.db, { map });
    if (hasNoRecords(found)) {
      throw new CommandError(
        map
          ? `No records on ${map}: no counted round was played there. Pick a map from the ` +
            "suggestions, or leave `map` empty for every map."
          : "No records yet: records appear once counted rounds have been uploaded.",
      );
    }
    return reply(publicMessage({ embeds: [recordsEmbed(found, map)] }));
  },

  autocomplete({ ctx, options }) {
    return options.focused?.name === "map"
      ? mapChoices(ctx.db, options.focused.value)
      : Promise.resolve([]);
  },
};
