/** The one list of commands: the dispatcher, /help and `deno task register` all read it. */
import type { CommandDefinition, SlashCommand } from "./command.ts";
import { adminCommand } from "./commands/admin.ts";
import { compareCommand } from "./commands/compare.ts";
import { helpCommand } from "./commands/help.ts";
import { linkCommand } from "./commands/link.ts";
import { recordsCommand } from "./commands/records.ts";
import { roundCommand } from "./commands/round.ts";
import { sessionCommand } from "./commands/session.ts";
import { sessionsCommand } from "./commands/sessions.ts";
import { statsCommand } from "./commands/stats.ts";
import { topCommand } from "./commands/top.ts";
import { unlinkCommand } from "./commands/unlink.ts";
import { whoamiCommand } from "./commands/whoami.ts";

export const COMMANDS: readonly SlashCommand[] = [
  statsCommand,
  compareCommand,
  topCommand,
  sessionCommand,
  sessionsCommand,
  roundCommand,
  recordsCommand,
  linkCommand,
  unlinkCommand,
  whoamiCommand,
  helpCommand,
  adminCommand,
];

const BY_NAME = new Map(COMMANDS.map((command) => [command.definition.name, command]));

export function findCommand(name: string): SlashCommand | null {
  return BY_NAME.get(name) ?? null;
}

/** What `deno task register` sends: every definition. */
export function commandDefinitions(): CommandDefinition[] {
  return COMMANDS.map((command) => command.definition);
}
