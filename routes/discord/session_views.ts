/**
 * The views of one gaming session, switched with buttons: the recap card ("overview"), the graphs
 * card and the per-map embed (paged). Each view's buttons encode the session and page, so a click
 * is answered from its `custom_id` alone.
 */
import { ButtonStyles, type DiscordActionRow, MessageComponentTypes } from "@discordeno/bot";
import type { Db } from "../../db/client.ts";
import { sessionDetail, sessionSummary } from "../../db/queries/sessions.ts";
import { mapPageCount, sessionMapsEmbed } from "../../views/embeds/session_maps.ts";
import { sessionRecapEmbed } from "../../views/embeds/session_recap.ts";
import { renderCard } from "./card_message.ts";
import { CommandError } from "./command_error.ts";
import { type ComponentAction, encodeCustomId } from "./custom_ids.ts";
import type { MessageData, MessageEdit } from "./messages.ts";

export type SessionView = "overview" | "graphs" | "maps";

const gone = (sessionId: number) =>
  `Session ${sessionId} does not exist (any more). Type \`/sessions\` to see the recent ones.`;

function button(label: string, action: ComponentAction, current: boolean) {
  return {
    type: MessageComponentTypes.Button as const,
    label,
    custom_id: encodeCustomId(action),
    style: current ? ButtonStyles.Primary : ButtonStyles.Secondary,
    disabled: current,
  };
}

/** The view switcher, and the page buttons of the per-map view. */
export function sessionComponents(
  sessionId: number,
  view: SessionView,
  maps: { page: number; pages: number } = { page: 0, pages: 1 },
): DiscordActionRow[] {
  const rows: DiscordActionRow[] = [{
    type: MessageComponentTypes.ActionRow,
    components: [
      button("Overview", { kind: "session_overview", sessionId }, view === "overview"),
      button("Graphs", { kind: "session_graphs", sessionId }, view === "graphs"),
      button(
        "Per map",
        { kind: "session_maps", sessionId, page: view === "maps" ? maps.page : 0 },
        view === "maps",
      ),
      button("All sessions", { kind: "sessions_page", offset: 0 }, false),
    ],
  }];
  if (view === "maps" && maps.pages > 1) {
    const paging = [];
    if (maps.page > 0) {
      paging.push(
        button("◀ Previous maps", { kind: "session_maps", sessionId, page: maps.page - 1 }, false),
      );
    }
    if (maps.page < maps.pages - 1) {
      paging.push(
        button("Next maps ▶", { kind: "session_maps", sessionId, page: maps.page + 1 }, false),
      );
    }
    rows.push({ type: MessageComponentTypes.ActionRow, components: paging });
  }
  return rows;
}

/** The recap or graphs card of a session, with its embed and buttons. */
export async function sessionCardMessage(
  db: Db,
  sessionId: number,
  view: "overview" | "graphs",
  nowMs: number,
): Promise<MessageEdit> {
  const summary = await sessionSummary(db, sessionId);
  if (!summary) throw new CommandError(gone(sessionId));
  const attachment = await renderCard(
    db,
    { kind: view === "overview" ? "session" : "session_graphs", sessionId },
    gone(sessionId),
    nowMs,
  );
  return {
    content: "",
    embeds: [sessionRecapEmbed(summary, view, attachment.url)],
    files: [attachment.file],
    components: sessionComponents(sessionId, view),
  };
}

/** A page of the per-map view (no card: the message's attachment is removed). */
export async function sessionMapsMessage(
  db: Db,
  sessionId: number,
  page: number,
): Promise<MessageData> {
  const summary = await sessionSummary(db, sessionId);
  if (!summary) throw new CommandError(gone(sessionId));
  const detail = await sessionDetail(db, sessionId, summary);
  const pages = mapPageCount(detail.maps.length);
  const current = Math.min(page, pages - 1);
  return {
    content: "",
    embeds: [sessionMapsEmbed(summary, detail, current)],
    components: sessionComponents(sessionId, "maps", { page: current, pages }),
    attachments: [],
  };
}
