/** `/session [which]`: a session's recap card, with buttons for its graphs and per-map view. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import type { Db } from "../../../db/client.ts";
import {
  latestSessionId,
  latestSessionIdOn,
  sessionSummary,
} from "../../../db/queries/sessions.ts";
import { quoted } from "../../../views/embeds/embed_text.ts";
import { sessionChoices } from "../autocomplete.ts";
import { deferred, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { sessionCardMessage } from "../session_views.ts";
import { NO_SESSIONS } from "../sessions_list_view.ts";

const HOW_TO = "type a session number (see `/sessions`), a date like 2025-09-09, or `latest`.";

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The session `which` names: latest (default), a number, or the latest one started on a date. */
async function resolveSession(db: Db, which: string | null): Promise<number> {
  if (which === null || which.toLowerCase() === "latest") {
    const latest = await latestSessionId(db);
    if (latest === null) throw new CommandError(NO_SESSIONS);
    return latest;
  }
  const number = /^#?(\d{1,10})$/.exec(which)?.[1];
  if (number !== undefined) {
    const id = Number(number);
    if (id < 1 || id > 2 ** 31 - 1 || !await sessionSummary(db, id)) {
      throw new CommandError(`There is no session ${which}: ${HOW_TO}`);
    }
    return id;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(which) && isCalendarDate(which)) {
    const id = await latestSessionIdOn(db, which);
    if (id === null) throw new CommandError(`No session started on ${which}: ${HOW_TO}`);
    return id;
  }
  throw new CommandError(`${quoted(which)} is not a session: ${HOW_TO}`);
}

export const sessionCommand: SlashCommand = {
  definition: {
    name: "session",
    description: "A gaming session's recap card, with its graphs and per-map results",
    options: [{
      type: ApplicationCommandOptionTypes.String,
      name: "which",
      description: "latest (default), a session number, or a date (YYYY-MM-DD)",
      autocomplete: true,
    }],
  },

  async run({ ctx, options }) {
    const sessionId = await resolveSession(ctx.db, options.string("which"));
    return deferred(() => sessionCardMessage(ctx.db, sessionId, "overview", ctx.now()));
  },

  autocomplete({ ctx, options }) {
    return options.focused?.name === "which"
      ? sessionChoices(ctx.db, options.focused.value)
      : Promise.resolve([]);
  },
};
