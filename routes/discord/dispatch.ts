/**
 * One entry point for every verified interaction: PING → PONG, commands to their handler,
 * component clicks to their view, autocomplete to the command's suggestions.
 */
import { InteractionResponseTypes } from "@discordeno/bot";
import {
  type Caller,
  CommandOptions,
  type DiscordContext,
  displayName,
  type Invocation,
} from "./command.ts";
import { COMMANDS, findCommand } from "./command_registry.ts";
import { metrics } from "../metrics.ts";
import { handleComponent } from "./components.ts";
import { runDeferred } from "./deferred_work.ts";
import { describeFailure } from "./failures.ts";
import type {
  AutocompleteInteraction,
  CommandInteraction,
  ComponentInteraction,
  Interaction,
} from "./interaction_schema.ts";
import {
  autocompleteResult,
  EPHEMERAL,
  ephemeralText,
  type InteractionResponse,
} from "./messages.ts";
import { MAX_CHOICES } from "./autocomplete.ts";

type FromUser = CommandInteraction | ComponentInteraction | AutocompleteInteraction;

function callerOf(interaction: FromUser): Caller {
  const user = interaction.member?.user ?? interaction.user!;
  return {
    id: user.id,
    name: displayName(user),
    member: interaction.member ?? null,
    guildId: interaction.guild_id ?? null,
  };
}

function invocationOf(
  ctx: DiscordContext,
  interaction: CommandInteraction | AutocompleteInteraction,
): Invocation {
  return {
    ctx,
    caller: callerOf(interaction),
    options: new CommandOptions(interaction.data.options, interaction.data.resolved?.users),
    commands: COMMANDS,
  };
}

export const UNKNOWN_COMMAND = (name: string) =>
  `I do not know \`/${name}\`: the command list may be out of date (an admin can run ` +
  "`deno task register`). Type `/help` for the commands.";

async function handleCommand(
  ctx: DiscordContext,
  interaction: CommandInteraction,
): Promise<InteractionResponse> {
  const invocation = invocationOf(ctx, interaction);
  const action = `/${interaction.data.name}${
    invocation.options.subcommand ? ` ${invocation.options.subcommand}` : ""
  }`;
  const context = { action, userId: invocation.caller.id };
  const command = findCommand(interaction.data.name);
  if (!command) {
    ctx.discord.log("warn", "discord unknown command", context);
    return {
      type: InteractionResponseTypes.ChannelMessageWithSource,
      data: ephemeralText(UNKNOWN_COMMAND(interaction.data.name)),
    };
  }
  try {
    const result = await command.run(invocation);
    if (result.kind === "message") {
      return { type: InteractionResponseTypes.ChannelMessageWithSource, data: result.message };
    }
    runDeferred(ctx, interaction.token, result.render, "edit_original", context);
    return {
      type: InteractionResponseTypes.DeferredChannelMessageWithSource,
      ...(result.ephemeral ? { data: { flags: EPHEMERAL } } : {}),
    };
  } catch (error) {
    return {
      type: InteractionResponseTypes.ChannelMessageWithSource,
      data: ephemeralText(describeFailure(ctx.discord.log, error, context)),
    };
  }
}

async function handleAutocomplete(
  ctx: DiscordContext,
  interaction: AutocompleteInteraction,
): Promise<InteractionResponse> {
  const command = findCommand(interaction.data.name);
  if (!command?.autocomplete) return autocompleteResult([]);
  const invocation = invocationOf(ctx, interaction);
  try {
    return autocompleteResult((await command.autocomplete(invocation)).slice(0, MAX_CHOICES));
  } catch (error) {
    // Suggestions are a convenience: an empty list, and the log says why.
    describeFailure(ctx.discord.log, error, {
      action: `autocomplete of /${interaction.data.name}`,
      userId: invocation.caller.id,
    });
    return autocompleteResult([]);
  }
}

const INTERACTION_TYPES = { 1: "ping", 2: "command", 3: "component", 4: "autocomplete" } as const;

/** The metric labels of an interaction: its type and, for commands, their name. */
function interactionLabels(interaction: Interaction): { type: string; command: string } {
  const type = INTERACTION_TYPES[interaction.type];
  if (interaction.type === 2 || interaction.type === 4) {
    const known = findCommand(interaction.data.name);
    return { type, command: known ? known.definition.name : "unknown" };
  }
  if (interaction.type === 3) {
    return { type, command: interaction.data.custom_id.split(":")[0]!.slice(0, 32) };
  }
  return { type, command: "" };
}

export async function handleInteraction(
  ctx: DiscordContext,
  interaction: Interaction,
): Promise<InteractionResponse> {
  metrics.interactions.inc(interactionLabels(interaction));
  switch (interaction.type) {
    case 1:
      return { type: InteractionResponseTypes.Pong };
    case 2:
      return await handleCommand(ctx, interaction);
    case 3:
      return await handleComponent(ctx, interaction, callerOf(interaction).id);
    case 4:
      return await handleAutocomplete(ctx, interaction);
  }
}
