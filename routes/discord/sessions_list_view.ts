/** The paged list of gaming sessions (/sessions), with a menu that opens one. */
import {
  ButtonStyles,
  type DiscordActionRow,
  type DiscordButtonComponent,
  MessageComponentTypes,
} from "@discordeno/bot";
import type { Db } from "../../db/client.ts";
import { listSessions } from "../../db/queries/sessions.ts";
import { sessionsListEmbed } from "../../views/embeds/sessions_list.ts";
import { CommandError } from "./command_error.ts";
import { encodeCustomId } from "./custom_ids.ts";
import type { MessageData } from "./messages.ts";

export const SESSIONS_PER_PAGE = 10;
const MAX_LABEL = 25;
const MAX_OPTION_DESCRIPTION = 50;

export const NO_SESSIONS = "No gaming session has been recorded yet: sessions appear once a game " +
  "server uploads its stats files (an admin creates an upload token with `/admin server-token`).";

const cut = (text: string, max: number) => text.length <= max ? text : `${text.slice(0, max - 1)}…`;

function pageButton(label: string, offset: number): DiscordButtonComponent {
  return {
    type: MessageComponentTypes.Button,
    label,
    style: ButtonStyles.Secondary,
    custom_id: encodeCustomId({ kind: "sessions_page", offset }),
  };
}

/**
 * The page starting at `offset` (moved back to the last page when the list got shorter); the
 * list fills the message, replacing any card that was there.
 */
export async function sessionsListMessage(db: Db, offset: number): Promise<MessageData> {
  let page = await listSessions(db, { limit: SESSIONS_PER_PAGE, offset });
  if (page.total === 0) throw new CommandError(NO_SESSIONS);
  if (page.items.length === 0) {
    offset = Math.floor((page.total - 1) / SESSIONS_PER_PAGE) * SESSIONS_PER_PAGE;
    page = await listSessions(db, { limit: SESSIONS_PER_PAGE, offset });
  }
  const components: DiscordActionRow[] = [{
    type: MessageComponentTypes.ActionRow,
    components: [{
      type: MessageComponentTypes.SelectMenu,
      custom_id: encodeCustomId({ kind: "sessions_open" }),
      placeholder: "Open a session",
      options: page.items.map((s) => ({
        label: cut(`#${s.id} · ${s.date}`, MAX_LABEL),
        value: String(s.id),
        description: cut(
          `${s.teamAName} ${s.scoreA}–${s.scoreB} ${s.teamBName} · ${s.maps} maps`,
          MAX_OPTION_DESCRIPTION,
        ),
      })),
    }],
  }];
  const paging: DiscordButtonComponent[] = [];
  if (offset > 0) paging.push(pageButton("◀ Newer", Math.max(0, offset - SESSIONS_PER_PAGE)));
  if (offset + page.items.length < page.total) {
    paging.push(pageButton("Older ▶", offset + SESSIONS_PER_PAGE));
  }
  if (paging.length > 0) {
    components.push({ type: MessageComponentTypes.ActionRow, components: paging });
  }
  return {
    content: "",
    embeds: [sessionsListEmbed(page.items, offset, page.total)],
    components,
    attachments: [],
  };
}
