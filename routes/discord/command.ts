/**
 * What a slash command is: its definition (registered with Discord, read by /help) and its handler,
 * which answers with a message at once or defers and renders in the background.
 */
import type {
  DiscordApplicationCommandOptionChoice,
  DiscordCreateApplicationCommand,
} from "@discordeno/bot";
import type { AppDeps } from "../app.ts";
import { CommandError } from "./command_error.ts";
import type { DiscordDeps } from "./discord_deps.ts";
import type {
  InteractionMember,
  InteractionOption,
  InteractionUser,
} from "./interaction_schema.ts";
import type { MessageData, MessageEdit } from "./messages.ts";

/** The app's dependencies with Discord configured. */
export type DiscordContext = AppDeps & { discord: DiscordDeps };

/** Who is interacting: their Discord id and name, and their guild membership (null in a DM). */
export interface Caller {
  id: string;
  name: string;
  member: InteractionMember | null;
  /** The Discord server the interaction came from; null in a DM. */
  guildId: string | null;
}

/** A command definition as Discord registers it; chat-input commands always have a description. */
export type CommandDefinition = DiscordCreateApplicationCommand & { description: string };

export type Choice = DiscordApplicationCommandOptionChoice;

export interface Invocation {
  ctx: DiscordContext;
  caller: Caller;
  options: CommandOptions;
  /** Every registered command (for /help). */
  commands: readonly SlashCommand[];
}

export type CommandReply =
  /** Answered from data at once (type 4). */
  | { kind: "message"; message: MessageData }
  /** Acknowledged at once (type 5); `render` edits the original response in the background. */
  | { kind: "deferred"; ephemeral: boolean; render: () => Promise<MessageEdit> };

export interface SlashCommand {
  definition: CommandDefinition;
  run(invocation: Invocation): Promise<CommandReply>;
  /** Suggestions for the option being typed (`options.focused`). */
  autocomplete?(invocation: Invocation): Promise<Choice[]>;
}

export function reply(message: MessageData): CommandReply {
  return { kind: "message", message };
}

export function deferred(render: () => Promise<MessageEdit>, ephemeral = false): CommandReply {
  return { kind: "deferred", ephemeral, render };
}

/** A user picked in a user option, with the name Discord resolved for it. */
export interface PickedUser {
  id: string;
  name: string;
}

/** The name to show for a Discord user: their display name, else their username. */
export function displayName(user: InteractionUser): string {
  return user.global_name || user.username;
}

/** The options of one invocation, with a sub-command's options flattened. */
export class CommandOptions {
  readonly subcommand: string | null;
  /** The option being typed, in an autocomplete interaction. */
  readonly focused: { name: string; value: string } | null;
  readonly #values: Map<string, InteractionOption>;
  readonly #users: Record<string, InteractionUser>;

  constructor(
    options: readonly InteractionOption[] = [],
    resolvedUsers: Record<string, InteractionUser> = {},
  ) {
    const sub = options.length === 1 && options[0]!.type === 1 ? options[0]! : null;
    this.subcommand = sub?.name ?? null;
    const values = sub ? sub.options ?? [] : options;
    this.#values = new Map(values.map((option) => [option.name, option]));
    const focused = values.find((option) => option.focused);
    this.focused = focused ? { name: focused.name, value: String(focused.value ?? "") } : null;
    this.#users = resolvedUsers;
  }

  /** A text option, trimmed; null when absent or blank. */
  string(name: string): string | null {
    const value = this.#values.get(name)?.value;
    if (value === undefined) return null;
    if (typeof value !== "string") {
      throw new CommandError(`The option \`${name}\` must be text.`);
    }
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }

  /** A user option with its resolved name; null when absent. */
  user(name: string): PickedUser | null {
    const value = this.#values.get(name)?.value;
    if (value === undefined) return null;
    if (typeof value !== "string" || !/^\d{1,20}$/.test(value)) {
      throw new CommandError(
        `The option \`${name}\` must be a Discord user: pick one from the list.`,
      );
    }
    const user = this.#users[value];
    return { id: value, name: user ? displayName(user) : value };
  }
}
