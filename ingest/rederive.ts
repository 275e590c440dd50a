/** Re-deriving stored sessions when a rule input changes (an admin excluded or re-included a map). */
import type { Db } from "../db/client.ts";
import { sessionWindowsWithMap } from "../db/queries/excluded_maps.ts";
import { lockServer } from "../db/queries/locks.ts";
import type { IngestContext } from "./context.ts";
import { storeAndDerive } from "./derive_sessions.ts";

/** Re-derives every session with a round on `map`; returns how many sessions were derived. */
export async function rederiveSessionsWithMap(
  db: Db,
  context: IngestContext,
  map: string,
): Promise<number> {
  const windows = await sessionWindowsWithMap(db, map);
  for (const window of windows) {
    await db.transaction(async (tx) => {
      await lockServer(tx, window.serverId);
      await storeAndDerive(tx, window.serverId, [], context, { from: window.from, to: window.to });
    });
  }
  return windows.length;
}
