/** `/sessions`: the recent gaming sessions, ten a page, with a menu that opens one. */
import { reply, type SlashCommand } from "../command.ts";
import { publicMessage } from "../messages.ts";
import { sessionsListMessage } from "../sessions_list_view.ts";

export const sessionsCommand: SlashCommand = {
  definition: {
    name: "sessions",
    description: "Recent gaming sessions, latest first, with paging",
  },

  async run({ ctx }) {
    return reply(publicMessage(await sessionsListMessage(ctx.db, 0)));
  },
};
