/** `/help`: every command with one line each, generated from the registered definitions. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { helpEmbed, type HelpLine } from "../../../views/embeds/help.ts";
import type { CommandDefinition, SlashCommand } from "../command.ts";
import { reply } from "../command.ts";
import { ephemeral } from "../messages.ts";

type OptionList = CommandDefinition["options"];

function argumentsOf(options: OptionList): string {
  return (options ?? []).map((o) => (o.required ? ` ${o.name}` : ` [${o.name}]`)).join("");
}

/** One line per command, and one per sub-command of a command that has them. */
export function helpLines(commands: readonly SlashCommand[]): HelpLine[] {
  return commands.flatMap(({ definition }) => {
    const subcommands = (definition.options ?? []).filter((o) =>
      o.type === ApplicationCommandOptionTypes.SubCommand
    );
    if (subcommands.length === 0) {
      return [{
        usage: `/${definition.name}${argumentsOf(definition.options)}`,
        description: definition.description,
      }];
    }
    return subcommands.map((sub) => ({
      usage: `/${definition.name} ${sub.name}${argumentsOf(sub.options)}`,
      description: sub.description,
    }));
  });
}

export const helpCommand: SlashCommand = {
  definition: { name: "help", description: "Every command, one line each" },

  run({ commands }) {
    return Promise.resolve(reply(ephemeral({ embeds: [helpEmbed(helpLines(commands))] })));
  },
};
