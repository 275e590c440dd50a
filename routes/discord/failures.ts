/**
 * Turning a failure into the short message the user sees, and logging it: a CommandError as a
 * warning with its message (the user can fix it), anything else as an error with its stack.
 */
import { CommandError } from "./command_error.ts";
import type { DiscordLog } from "./discord_deps.ts";

/** What was being done, for the log and the generic message. */
export interface FailureContext {
  /** e.g. `/stats` or `button session:graphs:12` */
  action: string;
  userId: string;
}

export function describeFailure(log: DiscordLog, error: unknown, context: FailureContext): string {
  if (error instanceof CommandError) {
    log("warn", "discord request refused", { ...context, reason: error.message });
    return error.message;
  }
  log("error", "discord request failed", {
    ...context,
    error: String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return `Something went wrong with ${context.action} (it was logged). ` +
    "Try again in a minute, or type `/help`.";
}
