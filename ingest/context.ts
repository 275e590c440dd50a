/** Settings the import pipeline applies, from configuration and the database. */
import { DEFAULT_ROUND_MATCH_WINDOW_MINUTES } from "../domain/pick_round_one.ts";
import { DEFAULT_SESSION_GAP_MINUTES } from "../domain/sessions.ts";
import type { Db } from "../db/client.ts";
import { excludedMapNames } from "../db/queries/session_state.ts";

export interface IngestContext {
  /** Lower-cased maps whose rounds never count (config `EXCLUDED_MAPS` + admin exclusions). */
  excludedMaps: ReadonlySet<string>;
  sessionGapMinutes: number;
  roundMatchWindowMinutes: number;
  botNamePattern?: RegExp;
}

export interface IngestSettings {
  excludedMaps: readonly string[];
  sessionGapMinutes: number;
  roundMatchWindowMinutes: number;
  botNamePattern?: RegExp;
}

export const DEFAULT_INGEST_SETTINGS: IngestSettings = {
  excludedMaps: ["mp_sillyctf"],
  sessionGapMinutes: DEFAULT_SESSION_GAP_MINUTES,
  roundMatchWindowMinutes: DEFAULT_ROUND_MATCH_WINDOW_MINUTES,
};

/** The context for one import: configured settings plus the maps an admin excluded. */
export async function loadIngestContext(db: Db, settings: IngestSettings): Promise<IngestContext> {
  const excluded = new Set(settings.excludedMaps.map((map) => map.toLowerCase()));
  for (const map of await excludedMapNames(db)) excluded.add(map);
  return {
    excludedMaps: excluded,
    sessionGapMinutes: settings.sessionGapMinutes,
    roundMatchWindowMinutes: settings.roundMatchWindowMinutes,
    botNamePattern: settings.botNamePattern,
  };
}
