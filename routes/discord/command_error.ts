/**
 * A failure the user caused or can fix: its message says what went wrong and what to type
 * instead, and reaches the user as an ephemeral message. Anything else is a bug or an outage,
 * logged with its stack and answered with a generic message.
 */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}
