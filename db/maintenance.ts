/**
 * Keeping the planner's statistics fresh. Production PostgreSQL normally does this itself
 * (autovacuum), but PGlite never does and autovacuum can be off; stale statistics turn index
 * lookups into scans of every player row (an upload went from 6 ms to 100 ms on 10,000 files).
 */
import type { Db } from "./client.ts";

const TABLES = [
  "raw_files",
  "rounds",
  "round_players",
  "round_weapons",
  "players",
  "aliases",
  "sessions",
  "session_players",
  "matches",
  "player_session_totals",
  "player_session_maps",
  "player_session_weapons",
  "player_match_totals",
  "record_candidates",
];

/** Refreshes the statistics of the app's tables (not the system catalogs). */
export async function analyzeTables(db: Db): Promise<void> {
  await db.exec(`analyze ${TABLES.join(", ")}`);
}

/** Calls {@link analyzeTables} after every `every` calls of `noteWrite` (best effort, per process). */
export class StatisticsKeeper {
  #writes = 0;
  #running: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly every = 1000) {}

  noteWrite(): void {
    if (++this.#writes < this.every || this.#running) return;
    this.#writes = 0;
    this.#running = analyzeTables(this.db)
      .catch((error) =>
        console.error(
          JSON.stringify({ level: "warn", msg: "analyze failed", error: String(error) }),
        )
      )
      .finally(() => (this.#running = null));
  }
}
