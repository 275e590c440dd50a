/**
 * The Discord REST calls we make, through discordeno's REST manager and its route table: editing
 * an interaction's original response (multipart with files), ephemeral follow-ups, messages to a
 * channel, and bulk overwriting the command list. The base URL is configurable (tests point it at a local fake):
 * discordeno takes it as `proxy.baseUrl` without the version, which it appends itself.
 *
 * Bodies are Discord's own JSON (snake_case keys, which discordeno passes through unchanged), so
 * the generic `patch`/`post`/`put` of the manager are used with its routes rather than the
 * camelCase convenience methods. Interaction webhooks are authorised by their token, so those
 * requests go `unauthorized` and work without a bot token.
 */
import { createRestManager, type DiscordCreateApplicationCommand } from "@discordeno/bot";
import type { MessageEdit } from "./messages.ts";

export interface DiscordRest {
  /** Replaces the original response of an interaction (PATCH …/messages/@original). */
  editOriginalResponse(interactionToken: string, message: MessageEdit): Promise<void>;
  /** Sends another message for an interaction (POST /webhooks/{app}/{token}). */
  sendFollowup(interactionToken: string, message: MessageEdit): Promise<void>;
  /** Posts a message to a channel as the bot (needs the bot token); resolves with its id. */
  createMessage(channelId: string, message: MessageEdit): Promise<{ id: string | null }>;
  /** Overwrites the registered commands, globally or in one guild; returns what Discord holds. */
  registerCommands(
    commands: readonly DiscordCreateApplicationCommand[],
    guildId: string | null,
  ): Promise<{ id: string; name: string }[]>;
}

export interface DiscordRestOptions {
  /** e.g. `https://discord.com/api/v10`; without a `/vN` suffix, version 10 is used. */
  apiBaseUrl: string;
  applicationId: string;
  botToken: string | null;
}

const DEFAULT_API_VERSION = 10;

/** `https://host/api/v10` → base `https://host/api`, version 10. */
export function splitApiBaseUrl(url: string): { baseUrl: string; version: number } {
  const trimmed = url.replace(/\/+$/, "");
  const match = /^(.*)\/v(\d+)$/.exec(trimmed);
  return match
    ? { baseUrl: match[1]!, version: Number(match[2]) }
    : { baseUrl: trimmed, version: DEFAULT_API_VERSION };
}

/**
 * The request options of a message: JSON, or multipart when it carries files. Interaction
 * webhooks are `unauthorized` (their token is the credential); channel messages use the bot token.
 */
function messageRequest(message: MessageEdit, unauthorized = true) {
  const { files, ...body } = message;
  if (!files || files.length === 0) return { body, unauthorized };
  return {
    body: {
      ...body,
      attachments: body.attachments ?? files.map((file, id) => ({ id, filename: file.name })),
    },
    files: files.map((file) => ({
      name: file.name,
      blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType }),
    })),
    unauthorized,
  };
}

export function createDiscordRest(options: DiscordRestOptions): DiscordRest {
  const { baseUrl, version } = splitApiBaseUrl(options.apiBaseUrl);
  const rest = createRestManager({
    token: options.botToken ?? "",
    applicationId: options.applicationId,
    proxy: { baseUrl },
    // deno-lint-ignore no-explicit-any -- discordeno types versions as a literal union
    version: version as any,
  });
  // A rate-limited request retries a few times, not forever (discordeno's default): a post that
  // hangs past its claim could otherwise be sent twice by another instance.
  rest.maxRetryCount = 3;
  const applicationId = options.applicationId;

  return {
    async editOriginalResponse(interactionToken, message) {
      await rest.patch(
        rest.routes.interactions.responses.original(applicationId, interactionToken),
        messageRequest(message),
      );
    },
    async sendFollowup(interactionToken, message) {
      await rest.post(
        rest.routes.webhooks.webhook(applicationId, interactionToken),
        messageRequest(message),
      );
    },
    async createMessage(channelId, message) {
      if (!options.botToken) throw new Error("DISCORD_BOT_TOKEN is required to post to a channel");
      const created = await rest.post<{ id?: string }>(
        rest.routes.channels.messages(channelId),
        messageRequest(message, false),
      );
      return { id: created?.id ?? null };
    },
    async registerCommands(commands, guildId) {
      if (!options.botToken) throw new Error("DISCORD_BOT_TOKEN is required to register commands");
      const route = guildId
        ? rest.routes.interactions.commands.guilds.all(applicationId, guildId)
        : rest.routes.interactions.commands.commands(applicationId);
      const registered = await rest.put<{ id: string; name: string }[]>(route, {
        body: commands,
      });
      return registered.map(({ id, name }) => ({ id, name }));
    },
  };
}
