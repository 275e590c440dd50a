/**
 * Messages and interaction responses as Discord's JSON expects them (snake_case), typed with
 * discordeno's Discord* types, and the few builders every handler uses.
 */
import {
  type DiscordActionRow,
  type DiscordApplicationCommandOptionChoice,
  type DiscordEmbed,
  InteractionResponseTypes,
  MessageFlags,
} from "@discordeno/bot";

/** A file sent with a message (multipart `files[n]`), referenced as `attachment://<name>`. */
export interface OutgoingFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/** A message's content, for a reply, an update or an edit. */
export interface MessageData {
  content?: string;
  embeds?: DiscordEmbed[];
  components?: DiscordActionRow[];
  flags?: number;
  /** The attachments the message keeps; `[]` removes every earlier one. */
  attachments?: { id: number; filename: string }[];
  allowed_mentions?: { parse: string[] };
}

/** A message with files to upload: what background work edits the original response with. */
export interface MessageEdit extends MessageData {
  files?: OutgoingFile[];
}

export type InteractionResponse =
  | { type: InteractionResponseTypes.Pong }
  | {
    type:
      | InteractionResponseTypes.ChannelMessageWithSource
      | InteractionResponseTypes.UpdateMessage;
    data: MessageData;
  }
  | {
    type:
      | InteractionResponseTypes.DeferredChannelMessageWithSource
      | InteractionResponseTypes.DeferredUpdateMessage;
    data?: { flags?: number };
  }
  | {
    type: InteractionResponseTypes.ApplicationCommandAutocompleteResult;
    data: { choices: DiscordApplicationCommandOptionChoice[] };
  };

export const EPHEMERAL: number = MessageFlags.Ephemeral;

/** Mentions in our messages never ping anyone. */
export const NO_PINGS = { parse: [] as string[] };

/** A message only the caller sees. */
export function ephemeral(message: MessageData): MessageData {
  return { ...message, flags: (message.flags ?? 0) | EPHEMERAL, allowed_mentions: NO_PINGS };
}

/** A short text only the caller sees. */
export function ephemeralText(content: string): MessageData {
  return ephemeral({ content });
}

/** A public message that mentions without pinging. */
export function publicMessage(message: MessageData): MessageData {
  return { ...message, allowed_mentions: NO_PINGS };
}

/** A PNG to attach, and its `attachment://` URL for an embed's image. */
export function pngFile(name: string, bytes: Uint8Array): OutgoingFile {
  return { name, bytes, contentType: "image/png" };
}

/** `attachment://<name>`: how an embed shows a file uploaded with its message. */
export function attachmentUrl(fileName: string): string {
  return `attachment://${fileName}`;
}

/** Suggestions for the option being typed. */
export function autocompleteResult(
  choices: DiscordApplicationCommandOptionChoice[],
): InteractionResponse {
  return { type: InteractionResponseTypes.ApplicationCommandAutocompleteResult, data: { choices } };
}
