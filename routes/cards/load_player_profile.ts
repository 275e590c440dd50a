/** Loads the player profile card's input. */
import type { Db } from "../../db/client.ts";
import { playerProfile } from "../../db/queries/players.ts";
import {
  FORM_SESSIONS,
  type PlayerProfileInput,
  playerProfileInput,
} from "../../views/cards/player_profile.tsx";

/** The profile card input of `guid`; null when no such player exists. */
export async function loadPlayerProfileInput(
  db: Db,
  guid: string,
): Promise<PlayerProfileInput | null> {
  const profile = await playerProfile(db, guid, FORM_SESSIONS);
  return profile === null ? null : playerProfileInput(profile);
}
