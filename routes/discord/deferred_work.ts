/**
 * Running a deferred response: the interaction was acknowledged, the work runs in the background
 * and edits the original response. When it fails, the user still learns why: the original is
 * replaced by a short message (commands), or an ephemeral follow-up is sent so a shared message
 * keeps its card (button clicks). Every failure is logged.
 */
import type { DiscordContext } from "./command.ts";
import { describeFailure, type FailureContext } from "./failures.ts";
import { ephemeralText, type MessageEdit, NO_PINGS } from "./messages.ts";

/** How the user hears of a failure: the original replaced, or a follow-up beside it. */
export type FailureReport = "edit_original" | "ephemeral_followup";

export function runDeferred(
  ctx: DiscordContext,
  interactionToken: string,
  render: () => Promise<MessageEdit>,
  report: FailureReport,
  context: FailureContext,
): void {
  const { rest, background } = ctx.discord;
  background.run(async () => {
    let rendered: MessageEdit;
    try {
      rendered = await render();
    } catch (error) {
      const message = describeFailure(ctx.discord.log, error, context);
      if (report === "ephemeral_followup") {
        await rest.sendFollowup(interactionToken, ephemeralText(message));
      } else {
        await rest.editOriginalResponse(interactionToken, {
          content: message,
          embeds: [],
          components: [],
          attachments: [],
          allowed_mentions: NO_PINGS,
        });
      }
      return;
    }
    // An edit cannot change a message's flags (ephemeral is decided by the deferral).
    const { flags: _flags, ...edit } = rendered;
    await rest.editOriginalResponse(interactionToken, { ...edit, allowed_mentions: NO_PINGS });
  });
}
