/** Loads the comparison card's input. */
import type { Db } from "../../db/client.ts";
import { playerProfile } from "../../db/queries/players.ts";
import { type CompareInput, compareInput } from "../../views/cards/compare.tsx";

/** The comparison of `guidA` (left, red) and `guidB` (right, blue); null when either does not exist. */
export async function loadCompareInput(
  db: Db,
  guidA: string,
  guidB: string,
): Promise<CompareInput | null> {
  // Lifetime totals are all the card shows: no recent sessions.
  const [a, b] = await Promise.all([playerProfile(db, guidA, 0), playerProfile(db, guidB, 0)]);
  return a === null || b === null ? null : compareInput(a, b);
}
