import type { Db } from "../../db/client.ts";
import { sessionGraphData } from "../../db/queries/session_graphs.ts";
import { sessionSummary } from "../../db/queries/sessions.ts";
import { type SessionGraphsInput, sessionGraphsInput } from "../../views/cards/session_graphs.tsx";

/** The session graphs card's input for one session; null when the session does not exist. */
export async function loadSessionGraphsInput(
  db: Db,
  sessionId: number,
): Promise<SessionGraphsInput | null> {
  const summary = await sessionSummary(db, sessionId);
  if (!summary) return null;
  return sessionGraphsInput(summary, await sessionGraphData(db, sessionId));
}
