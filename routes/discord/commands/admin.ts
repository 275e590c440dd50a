/**
 * `/admin …`: links for others, map exclusion, rebuild, upload tokens and health. Only for members
 * with Manage Server (or Administrator) or the configured admin role; Discord hides the command
 * from others (`default_member_permissions`), and the handler checks again.
 */
import { ApplicationCommandOptionTypes, DiscordInteractionContextType } from "@discordeno/bot";
import { mapChoices, playerChoices, serverChoices } from "../autocomplete.ts";
import {
  type Choice,
  deferred,
  type Invocation,
  type PickedUser,
  reply,
  type SlashCommand,
} from "../command.ts";
import { CommandError } from "../command_error.ts";
import { ADMIN_DEFAULT_PERMISSIONS, isAdmin } from "../permissions.ts";
import { resolvePlayer } from "../player_lookup.ts";
import { MAP_NAME } from "./records.ts";
import {
  excludeMap,
  health,
  linkForUser,
  rebuildAll,
  serverToken,
  unlinkUser,
} from "./admin_actions.ts";
import { quoted } from "../../../views/embeds/embed_text.ts";

const { SubCommand, String: Text, User } = ApplicationCommandOptionTypes;

const userOption = (description: string) => ({
  type: User,
  name: "user",
  description,
  required: true,
});

export const REFUSED = "`/admin` needs the Manage Server permission (or the admin role) in the " +
  "community's own server. Ask an admin, or type `/help` for the commands everyone can use.";

export const NO_ADMIN_SERVER = "`/admin` is off: the stats admin has not named the community's " +
  "Discord server (DISCORD_ADMIN_GUILD_IDS or DISCORD_GUILD_ID). Type `/help` for the other commands.";

function requireUser(invocation: Invocation): PickedUser {
  const user = invocation.options.user("user");
  if (!user) throw new CommandError("Give the member: `user:@name`.");
  return user;
}

function requireMap(invocation: Invocation): string {
  const map = invocation.options.string("map");
  if (!map || !MAP_NAME.test(map)) {
    throw new CommandError(
      `${map ? `${quoted(map)} is not a map name` : "Give a map"}: pick one from the suggestions ` +
        "(letters, digits and _ . + - only).",
    );
  }
  return map.toLowerCase();
}

export const adminCommand: SlashCommand = {
  definition: {
    name: "admin",
    description: "Server admin tools",
    default_member_permissions: ADMIN_DEFAULT_PERMISSIONS,
    contexts: [DiscordInteractionContextType.Guild],
    options: [
      {
        type: SubCommand,
        name: "link",
        description: "Link a member's Discord account to a player",
        options: [
          userOption("The member to link"),
          {
            type: Text,
            name: "player",
            description: "Name, alias or GUID: pick a suggestion",
            required: true,
            autocomplete: true,
          },
        ],
      },
      {
        type: SubCommand,
        name: "unlink",
        description: "Remove a member's link to a player",
        options: [userOption("The member to unlink")],
      },
      {
        type: SubCommand,
        name: "exclude-map",
        description: "Stop a map's rounds from counting anywhere (its sessions are re-scored)",
        options: [{
          type: Text,
          name: "map",
          description: "The map to exclude",
          required: true,
          autocomplete: true,
        }],
      },
      {
        type: SubCommand,
        name: "rebuild",
        description: "Recompute everything from the stored raw files",
      },
      {
        type: SubCommand,
        name: "server-token",
        description: "Create an upload token for a game server (shown once, only to you)",
        options: [{
          type: Text,
          name: "server",
          description: "The game server (default: the only one)",
          autocomplete: true,
        }],
      },
      {
        type: SubCommand,
        name: "health",
        description: "Version, database and each game server's last upload",
      },
    ],
  },

  async run(invocation) {
    const { ctx, caller, options } = invocation;
    if (ctx.discord.config.adminGuildIds.length === 0) throw new CommandError(NO_ADMIN_SERVER);
    if (!isAdmin(caller, ctx.discord.config)) throw new CommandError(REFUSED);
    switch (options.subcommand) {
      case "link": {
        const user = requireUser(invocation);
        const typed = options.string("player");
        if (!typed) throw new CommandError("Give the player: `player:<name>`.");
        const player = await resolvePlayer(ctx.db, typed, "player");
        return reply(await linkForUser(ctx.db, caller, user, player));
      }
      case "unlink":
        return reply(await unlinkUser(ctx.db, requireUser(invocation)));
      case "exclude-map": {
        const map = requireMap(invocation);
        if (ctx.ingest.excludedMaps.includes(map)) {
          throw new CommandError(`${map} is already excluded by the EXCLUDED_MAPS setting.`);
        }
        return deferred(() => excludeMap(ctx, map), true);
      }
      case "rebuild":
        return deferred(() => rebuildAll(ctx), true);
      case "server-token":
        return reply(await serverToken(ctx.db, options.string("server")));
      case "health":
        return reply(await health(ctx));
      default:
        throw new CommandError(
          `Unknown admin action ${quoted(options.subcommand ?? "")}. Type \`/help\` for the list.`,
        );
    }
  },

  autocomplete({ ctx, caller, options }): Promise<Choice[]> {
    const focused = options.focused;
    if (!focused || !isAdmin(caller, ctx.discord.config)) {
      return Promise.resolve([]);
    }
    if (focused.name === "player") return playerChoices(ctx.db, focused.value);
    if (focused.name === "map") return mapChoices(ctx.db, focused.value);
    if (focused.name === "server") return serverChoices(ctx.db, focused.value);
    return Promise.resolve([]);
  },
};
