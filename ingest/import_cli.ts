/**
 * `deno task import [--server NAME] [--time-zone ZONE] [--batch N] <dir|file>...`: imports stats
 * files through the upload pipeline in chronological order, each with the uploader's
 * `<file>.meta.json` sidecar when there is one (a bad sidecar is a warning: the file is imported
 * without it). Prints a summary; exit 1 when any file failed, 2 on a usage error. Safe to re-run
 * after an interruption.
 */
import { basename, join } from "node:path";
import { isValidTimeZone } from "../domain/time_zones.ts";
import { createServer, findServerByName } from "../db/queries/servers.ts";
import { loadConfig, openConfiguredDb } from "../main.ts";
import { type RoundMeta, roundMetaFromJson, roundMetaMismatch } from "../domain/round_meta.ts";
import { parseStatsFileName } from "../domain/stats_file_name.ts";
import { type BulkFile, bulkImport, type BulkSummary, DEFAULT_BATCH_SIZE } from "./bulk_import.ts";
import { loadIngestContext } from "./context.ts";

const USAGE = `usage: deno task import [--server NAME] [--time-zone ZONE] [--batch N] <dir|file>...

Imports round stats files (directories are walked recursively) in chronological order, in
batches of N files per transaction (default ${DEFAULT_BATCH_SIZE}). The files belong to the game server NAME
(default "default"), created with time zone ZONE (IANA name, default UTC) if it does not exist.
Uses DATABASE_URL, or PGlite in DATA_DIR, like the app.`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  Deno.exit(2);
}

interface Options {
  server: string;
  timeZone: string | null;
  batch: number;
  paths: string[];
}

function parseArgs(args: string[]): Options {
  const options: Options = {
    server: "default",
    timeZone: null,
    batch: DEFAULT_BATCH_SIZE,
    paths: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i] ?? usage(`${arg} needs a value`);
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      Deno.exit(0);
    } else if (arg === "--server") options.server = value();
    else if (arg === "--time-zone") options.timeZone = value();
    else if (arg === "--batch") {
      const text = value();
      if (!/^\d+$/.test(text) || Number(text) < 1) {
        usage(`--batch needs a positive integer, got ${text}`);
      }
      options.batch = Number(text);
    } else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) usage("give at least one directory or file");
  if (options.timeZone !== null && !isValidTimeZone(options.timeZone)) {
    usage(`--time-zone ${options.timeZone} is not an IANA time zone (e.g. Europe/Berlin)`);
  }
  return options;
}

/** The uploader's sidecar next to a stats file: `<file>.meta.json`. */
const META_SUFFIX = ".meta.json";

/** Reads a stats file's meta sidecar; a missing one is null, a bad one a warning and null. */
async function readSidecar(path: string): Promise<RoundMeta | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${path}${META_SUFFIX}`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    console.error(`warning: ${path}${META_SUFFIX} is not JSON; importing the file without it`);
    return null;
  }
  const meta = roundMetaFromJson(json);
  const name = parseStatsFileName(basename(path));
  const problem = !meta.ok
    ? meta.error.message
    : name.ok
    ? roundMetaMismatch(meta.value, name.value)?.message ?? null
    : null;
  if (problem !== null || !meta.ok) {
    console.error(`warning: ${path}${META_SUFFIX}: ${problem}; importing the file without it`);
    return null;
  }
  return meta.value;
}

async function collect(paths: readonly string[]): Promise<BulkFile[]> {
  const files: BulkFile[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      for await (const entry of Deno.readDir(path)) await visit(join(path, entry.name));
    } else if (info.isFile && !path.endsWith(META_SUFFIX)) {
      files.push({
        fileName: path,
        read: () => Deno.readFile(path),
        meta: await readSidecar(path),
      });
    }
  };
  for (const path of paths) {
    try {
      await visit(path);
    } catch (error) {
      usage(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return files;
}

function progressLine(done: number, total: number, s: BulkSummary): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = s.seconds > 0 ? Math.round(done / s.seconds) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ` +
    `imported ${s.imported} orphans ${s.orphans} duplicates ${s.duplicates} ` +
    `ignored ${s.ignored} failed ${s.failed.length} (${rate} files/s)`;
}

const options = parseArgs(Deno.args);
const loaded = loadConfig(Deno.env.toObject());
if (!loaded.ok) {
  console.error(loaded.message);
  Deno.exit(1);
}
const files = await collect(options.paths);
const db = await openConfiguredDb(loaded.config);
let server = await findServerByName(db, options.server);
if (!server) {
  server = await createServer(db, options.server, options.timeZone ?? "UTC") ??
    await findServerByName(db, options.server);
  console.error(`created game server "${options.server}" (time zone ${server!.timeZone})`);
} else if (options.timeZone !== null && options.timeZone !== server.timeZone) {
  console.error(
    `note: server "${server.name}" keeps its time zone ${server.timeZone} (--time-zone ignored)`,
  );
}

const context = await loadIngestContext(db, loaded.config.ingest);
const tty = Deno.stderr.isTerminal();
const encoder = new TextEncoder();
let lastReported = 0;
const summary = await bulkImport(
  db,
  { id: server!.id, timeZone: server!.timeZone },
  files,
  context,
  {
    batchSize: options.batch,
    onProgress(done, s) {
      if (tty) {
        Deno.stderr.writeSync(encoder.encode(`\r${progressLine(done, files.length, s)}`));
      } else if (
        done === files.length || done - lastReported >= Math.max(options.batch, files.length / 10)
      ) {
        lastReported = done;
        console.error(progressLine(done, files.length, s));
      }
    },
  },
);
if (tty) Deno.stderr.writeSync(encoder.encode("\n"));
await db.close();

console.log(`files       ${summary.total}`);
console.log(`imported    ${summary.imported}`);
console.log(`orphans     ${summary.orphans}  (Round 2s still waiting for their Round 1)`);
console.log(`duplicates  ${summary.duplicates}`);
console.log(`ignored     ${summary.ignored}  (sidecar files of other pipelines)`);
console.log(`skipped     ${summary.skipped.length}  (not stats file names)`);
for (const name of summary.skipped.slice(0, 20)) console.log(`  ${name}`);
if (summary.skipped.length > 20) console.log(`  … and ${summary.skipped.length - 20} more`);
console.log(`failed      ${summary.failed.length}`);
for (const failure of summary.failed) {
  console.log(`  ${failure.fileName}: ${failure.code}: ${failure.message}`);
}
console.log(`seconds     ${summary.seconds.toFixed(1)}`);
Deno.exit(summary.failed.length > 0 ? 1 : 0);
