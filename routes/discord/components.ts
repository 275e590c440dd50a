/**
 * Answers clicks on our buttons and select menus from their `custom_id` alone. Data-only views
 * replace the message at once (UPDATE_MESSAGE); card views acknowledge (DEFERRED_UPDATE_MESSAGE)
 * and edit the message when the card is drawn.
 */
import { InteractionResponseTypes } from "@discordeno/bot";
import type { DiscordContext } from "./command.ts";
import { CommandError } from "./command_error.ts";
import { decodeCustomId } from "./custom_ids.ts";
import { runDeferred } from "./deferred_work.ts";
import { describeFailure, type FailureContext } from "./failures.ts";
import type { ComponentInteraction } from "./interaction_schema.ts";
import {
  ephemeralText,
  type InteractionResponse,
  type MessageEdit,
  publicMessage,
} from "./messages.ts";
import { sessionCardMessage, sessionMapsMessage } from "./session_views.ts";
import { sessionsListMessage } from "./sessions_list_view.ts";
import { quoted } from "../../views/embeds/embed_text.ts";

export const OUTDATED_COMPONENT = "This button or menu belongs to an older version of the bot. " +
  "Run the command again (`/help` lists them).";

type ComponentAnswer =
  | { kind: "update"; message: MessageEdit }
  | { kind: "deferred_update"; render: () => Promise<MessageEdit> };

function selectedSessionId(interaction: ComponentInteraction): number {
  const value = interaction.data.values?.[0] ?? "";
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2 ** 31 - 1) {
    throw new CommandError(`${quoted(value)} is not a session: pick one from the menu.`);
  }
  return Number(value);
}

async function answer(
  ctx: DiscordContext,
  interaction: ComponentInteraction,
): Promise<ComponentAnswer> {
  const action = decodeCustomId(interaction.data.custom_id);
  if (!action) throw new CommandError(OUTDATED_COMPONENT);
  switch (action.kind) {
    case "session_overview":
    case "session_graphs": {
      const view = action.kind === "session_overview" ? "overview" : "graphs";
      return {
        kind: "deferred_update",
        render: () => sessionCardMessage(ctx.db, action.sessionId, view, ctx.now()),
      };
    }
    case "sessions_open": {
      const sessionId = selectedSessionId(interaction);
      return {
        kind: "deferred_update",
        render: () => sessionCardMessage(ctx.db, sessionId, "overview", ctx.now()),
      };
    }
    case "session_maps":
      return {
        kind: "update",
        message: await sessionMapsMessage(ctx.db, action.sessionId, action.page),
      };
    case "sessions_page":
      return {
        kind: "update",
        message: publicMessage(await sessionsListMessage(ctx.db, action.offset)),
      };
  }
}

export async function handleComponent(
  ctx: DiscordContext,
  interaction: ComponentInteraction,
  userId: string,
): Promise<InteractionResponse> {
  const context: FailureContext = { action: `the button ${interaction.data.custom_id}`, userId };
  try {
    const result = await answer(ctx, interaction);
    if (result.kind === "update") {
      return { type: InteractionResponseTypes.UpdateMessage, data: result.message };
    }
    runDeferred(ctx, interaction.token, result.render, "ephemeral_followup", context);
    return { type: InteractionResponseTypes.DeferredUpdateMessage };
  } catch (error) {
    return {
      type: InteractionResponseTypes.ChannelMessageWithSource,
      data: ephemeralText(describeFailure(ctx.discord.log, error, context)),
    };
  }
}
