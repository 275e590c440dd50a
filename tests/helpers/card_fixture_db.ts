/**
 * The fixed fixture database of the card tests: the clean sample set uploaded through the real
 * app (three gaming sessions, 8–12 players), on PGlite or Postgres.
 */
import type { Db } from "../../db/client.ts";
import { loadSampleSet } from "./fixtures.ts";
import { type TestApp, testApp } from "./test_app.ts";

/** Uploads every clean sample, oldest first; fails loudly if one is refused. */
export async function seedCardFixtures(db: Db): Promise<TestApp> {
  const t = await testApp(db);
  const { bytes } = loadSampleSet("clean");
  for (const [name, file] of [...bytes].sort(([a], [b]) => a.localeCompare(b))) {
    const res = await t.upload(name, file);
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  }
  return t;
}
