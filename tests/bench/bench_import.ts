/**
 * `deno task bench:import [--sessions 80] [--maps 63] [--pglite] [--keep]`: the storage benchmarks.
 * Generates a corpus (80 sessions × 63 maps ≈ 10,000 files, 12 players a session), bulk-imports it
 * into a fresh schema of DATABASE_URL (or PGlite with --pglite), then times single uploads over
 * HTTP on loopback and every read endpoint, and prints the figures.
 */
import { join } from "node:path";
import { type Db, openDb } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { createServer } from "../../db/queries/servers.ts";
import { issueUploadToken } from "../../ingest/auth.ts";
import { bulkImport } from "../../ingest/bulk_import.ts";
import { DEFAULT_INGEST_SETTINGS, loadIngestContext } from "../../ingest/context.ts";
import { generateCorpus } from "../../ingest/corpus/generate_corpus.ts";
import { createApp } from "../../routes/app.ts";
import { quantile } from "./quantile.ts";

const args = Deno.args;
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const sessions = option("--sessions", 80);
const maps = option("--maps", 63);
const usePglite = args.includes("--pglite");
const url = Deno.env.get("DATABASE_URL");
if (!usePglite && !url) {
  console.error("set DATABASE_URL to a local PostgreSQL (or pass --pglite)");
  Deno.exit(2);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

// --- corpus -------------------------------------------------------------------------------------
let started = performance.now();
const corpus = generateCorpus({ sessions: sessions + 1, mapsPerSession: maps, seed: 2025 });
const lastSession = corpus.truth.sessions.at(-1)!.files;
const bulkFiles = corpus.files.filter((f) => !lastSession.includes(f.name));
// Uploads: an evening of 12 maps (as a community plays), then the first maps of a marathon
// session as long as the corpus' own.
const evening =
  generateCorpus({ sessions: 1, mapsPerSession: 12, seed: 7, start: "2030-01-04" }).files;
const marathon = corpus.files.filter((f) => lastSession.includes(f.name)).slice(0, 60);
const encoder = new TextEncoder();
console.log(
  `corpus: ${bulkFiles.length} files, ${sessions} sessions of ${maps} maps, generated in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// --- database -----------------------------------------------------------------------------------
const schema = `bench_${Date.now()}`;
let db: Db;
let dataDir: string | null = null;
if (usePglite) {
  dataDir = await Deno.makeTempDir();
  db = await openDb({ dataDir: join(dataDir, "db") });
} else {
  const admin = await openDb({ databaseUrl: url!, maxConnections: 1 });
  await admin.exec(`create schema ${schema}`);
  await admin.close();
  db = await openDb({ databaseUrl: url!, schema, maxConnections: 10 });
}
await migrate(db);
const server = (await createServer(db, "bench", "Europe/Berlin"))!;
const context = await loadIngestContext(db, DEFAULT_INGEST_SETTINGS);

// --- bulk import ----------------------------------------------------------------------------------
const summary = await bulkImport(
  db,
  { id: server.id, timeZone: server.timeZone },
  bulkFiles.map((f) => ({ fileName: f.name, read: () => Promise.resolve(encoder.encode(f.text)) })),
  context,
);
console.log(
  `bulk import: ${summary.imported} files in ${summary.seconds.toFixed(1)} s ` +
    `(${Math.round(summary.imported / summary.seconds)} files/s; failed ${summary.failed.length})`,
);

// --- HTTP on loopback -----------------------------------------------------------------------------
const app = createApp({
  db,
  version: "bench",
  ingest: DEFAULT_INGEST_SETTINGS,
  adminToken: null,
  now: Date.now,
});
const httpServer = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
const base = `http://127.0.0.1:${httpServer.addr.port}`;
const { token } = await issueUploadToken(db, server.id);

async function timeUploads(files: { name: string; text: string }[]): Promise<number[]> {
  const times: number[] = [];
  for (const file of files) {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/stats-files`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "x-stats-filename": file.name },
      body: encoder.encode(file.text),
    });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 201) throw new Error(`upload ${file.name}: ${res.status}`);
  }
  return times;
}
const eveningTimes = await timeUploads(evening);
console.log(
  `single upload over HTTP into the ${summary.imported}-file database, an evening session ` +
    `(${eveningTimes.length} files): median ${ms(quantile(eveningTimes, 0.5))}, p95 ${
      ms(quantile(eveningTimes, 0.95))
    }`,
);
const marathonTimes = await timeUploads(marathon);
console.log(
  `single upload over HTTP, the first ${marathonTimes.length} files of a 63-map session: ` +
    `median ${ms(quantile(marathonTimes, 0.5))}, p95 ${ms(quantile(marathonTimes, 0.95))}`,
);

// --- read endpoints -------------------------------------------------------------------------------
const getJson = async (path: string) => (await fetch(`${base}${path}`)).json();
const latest = await getJson("/api/v1/sessions/latest");
const list = await getJson("/api/v1/sessions?limit=1&offset=1");
const middle =
  (await getJson(`/api/v1/sessions?limit=1&offset=${Math.floor(sessions / 2)}`)).items[0];
const regular = latest.players[0].guid;
const roundId = latest.maps[0].rounds[1].id;
const paths = [
  "/api/v1/sessions",
  "/api/v1/sessions/latest",
  `/api/v1/sessions/${list.items[0].id}`,
  `/api/v1/sessions/${middle.id}`,
  `/api/v1/rounds/${roundId}`,
  "/api/v1/rounds/latest",
  "/api/v1/players?search=a",
  `/api/v1/players/${regular}`,
];
const categories = await fetch(`${base}/api/v1/leaderboards`);
if (categories.ok) {
  const list = await categories.json();
  for (const category of list.items ?? list.categories ?? []) {
    paths.push(`/api/v1/leaderboards/${category.key}?period=all`);
  }
  paths.push(
    "/api/v1/leaderboards/kills?period=30d",
    "/api/v1/records",
    "/api/v1/records?map=goldrush",
  );
} else await categories.arrayBuffer();

console.log("read endpoints (40 requests each, after one warm-up):");
for (const path of paths) {
  const times: number[] = [];
  for (let i = 0; i < 41; i++) {
    started = performance.now();
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i > 0) times.push(performance.now() - started);
  }
  console.log(
    `  ${path.padEnd(48)} median ${ms(quantile(times, 0.5)).padStart(9)}  p95 ${
      ms(quantile(times, 0.95)).padStart(9)
    }`,
  );
}

await httpServer.shutdown();
await db.close();
if (!args.includes("--keep")) {
  if (dataDir) await Deno.remove(dataDir, { recursive: true });
  else {
    const admin = await openDb({ databaseUrl: url!, maxConnections: 1 });
    await admin.exec(`drop schema ${schema} cascade`);
    await admin.close();
  }
}
