/** Rendering a card for a Discord message: the PNG, or a CommandError the user can act on. */
import type { Db } from "../../db/client.ts";
import type { CardRequest, RenderedCard } from "../../views/cards/card_request.ts";
import { loadCard } from "../cards/load_card.ts";
import { ApiError } from "../errors.ts";
import { CommandError } from "./command_error.ts";
import { attachmentUrl, type OutgoingFile, pngFile } from "./messages.ts";

export interface CardAttachment {
  card: RenderedCard;
  file: OutgoingFile;
  /** `attachment://…` for the embed's image. */
  url: string;
}

/**
 * Renders `request` as of `nowMs` (leaderboard periods end then); `missing` is the message when
 * its session, round or player is gone.
 */
export async function renderCard(
  db: Db,
  request: CardRequest,
  missing: string,
  nowMs: number,
): Promise<CardAttachment> {
  let card: RenderedCard | null;
  try {
    card = await loadCard(db, request, nowMs);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) throw new CommandError(error.message);
    throw error;
  }
  if (!card) throw new CommandError(missing);
  return { card, file: pngFile(card.fileName, card.png), url: attachmentUrl(card.fileName) };
}
