/** `deno task rebuild`: recomputes everything derived from the stored raw files. */
import { loadConfig, openConfiguredDb } from "../main.ts";
import { loadIngestContext } from "./context.ts";
import { rebuild } from "./rebuild.ts";

const loaded = loadConfig(Deno.env.toObject());
if (!loaded.ok) {
  console.error(loaded.message);
  Deno.exit(1);
}
const db = await openConfiguredDb(loaded.config);
const summary = await rebuild(db, await loadIngestContext(db, loaded.config.ingest));
await db.close();
console.log(
  `rebuilt ${summary.rounds} rounds from ${summary.rawFiles} raw files in ${
    summary.seconds.toFixed(1)
  } s ` +
    `(${summary.failed} do not parse, ${summary.duplicates} duplicates left out)`,
);
