/** `deno task import` as a real subprocess, on PGlite (DATA_DIR) and on Postgres when available. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type Db, openDb } from "../../db/client.ts";
import { generateCorpus } from "../../ingest/corpus/generate_corpus.ts";
import { PROJECT_ROOT, runScript } from "../helpers/run_cli.ts";
import { type Engine, ENGINES } from "../helpers/test_db.ts";
import { WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");
const SCRIPT = "ingest/import_cli.ts";
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env", "--allow-net", "--allow-sys"];

/** A place for one test's database: env for the CLI, and a way to open it afterwards. */
interface TestDatabase {
  env: Record<string, string>;
  open: () => Promise<Db>;
  drop: () => Promise<void>;
}

async function databaseFor(engine: Engine, dir: string): Promise<TestDatabase> {
  if (engine === "pglite") {
    const dataDir = join(dir, "data");
    return {
      // Empty means unset: the child must not inherit the parent's DATABASE_URL.
      env: { DATA_DIR: dataDir, DATABASE_URL: "" },
      open: () => openDb({ dataDir }),
      drop: async () => {},
    };
  }
  const schema = `cli_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = await openDb({ databaseUrl: DATABASE_URL!, maxConnections: 1 });
  await admin.exec(`create schema ${schema}`);
  await admin.close();
  const url = `${DATABASE_URL}${DATABASE_URL!.includes("?") ? "&" : "?"}search_path=${schema}`;
  return {
    env: { DATABASE_URL: url },
    open: () => openDb({ databaseUrl: url, maxConnections: 1 }),
    drop: async () => {
      const db = await openDb({ databaseUrl: DATABASE_URL!, maxConnections: 1 });
      await db.exec(`drop schema ${schema} cascade`);
      await db.close();
    },
  };
}

async function writeCorpus(dir: string, sessions: number, maps: number): Promise<number> {
  const corpus = generateCorpus({ sessions, mapsPerSession: maps, seed: 7, noise: true });
  await Deno.mkdir(join(dir, "stats", "old"), { recursive: true });
  for (const [i, file] of corpus.files.entries()) {
    // Some files in a subdirectory: directories are walked recursively.
    await Deno.writeTextFile(join(dir, "stats", i % 7 === 0 ? "old" : "", file.name), file.text);
  }
  await Deno.writeTextFile(join(dir, "stats", "server.log"), "not a stats file\n");
  return corpus.truth.files.length;
}

async function count(db: Db, sql: string): Promise<number> {
  return (await db.query<{ n: number }>(sql))[0]!.n;
}

for (const engine of ENGINES) {
  Deno.test({
    name: `[${engine}] import CLI: summary, re-run answers duplicates, exit codes`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const dir = await Deno.makeTempDir();
      const database = await databaseFor(engine, dir);
      try {
        const statsFiles = await writeCorpus(dir, 2, 4);
        const first = await runScript(SCRIPT, [
          "--server",
          "lan",
          "--time-zone",
          "Europe/Berlin",
          join(dir, "stats"),
        ], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(first.code, 0, first.stderr + first.stdout);
        assert.match(first.stdout, new RegExp(`imported\\s+${statsFiles}\\b`));
        assert.match(first.stdout, /ignored\s+[1-9]/);
        assert.match(first.stdout, /skipped\s+1 .*\n\s+.*server\.log/);
        assert.match(first.stderr, /created game server "lan" \(time zone Europe\/Berlin\)/);

        const again = await runScript(SCRIPT, ["--server", "lan", join(dir, "stats")], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(again.code, 0);
        assert.match(again.stdout, /imported\s+0\b/);
        assert.match(again.stdout, new RegExp(`duplicates\\s+${statsFiles}\\b`));

        await Deno.writeTextFile(
          join(dir, "stats", "2025-01-06-235959-supply-round-1.txt"),
          "broken\n",
        );
        const broken = await runScript(SCRIPT, ["--server", "lan", join(dir, "stats")], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(broken.code, 1);
        assert.match(
          broken.stdout,
          /failed\s+1\n\s+.*2025-01-06-235959-supply-round-1\.txt: insufficient_lines/,
        );

        const usage = await runScript(SCRIPT, ["--batch", "0", dir], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(usage.code, 2);
        assert.match(usage.stderr, /--batch needs a positive integer/);
      } finally {
        await database.drop();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });

  Deno.test({
    name:
      `[${engine}] import CLI killed with SIGKILL mid-way finishes on re-run with no duplicates or partial rounds`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const dir = await Deno.makeTempDir();
      const database = await databaseFor(engine, dir);
      try {
        const statsFiles = await writeCorpus(dir, 3, 8);
        const child = new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "--quiet",
            "--config",
            `${PROJECT_ROOT}deno.json`,
            ...PERMISSIONS,
            `${PROJECT_ROOT}${SCRIPT}`,
            "--batch",
            "3",
            join(dir, "stats"),
          ],
          env: { NO_COLOR: "1", ...database.env },
          stdout: "null",
          stderr: "piped",
        }).spawn();
        const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
        let seen = "";
        const deadline = Date.now() + 60_000;
        // Kill once a few batches are committed and more are on their way.
        while ((seen.match(/\] \d+\//g) ?? []).length < 2 && Date.now() < deadline) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += value;
        }
        child.kill("SIGKILL");
        await child.status;
        await reader.cancel();
        assert.match(seen, /\] \d+\//, "the import made progress before the kill");

        const db = await database.open();
        try {
          const partial = await count(db, "select count(*)::int as n from rounds");
          assert.ok(partial < statsFiles, `killed before the end (${partial} of ${statsFiles})`);
        } finally {
          await db.close();
        }

        const rerun = await runScript(SCRIPT, [join(dir, "stats")], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);

        const after = await database.open();
        try {
          assert.equal(await count(after, "select count(*)::int as n from raw_files"), statsFiles);
          assert.equal(await count(after, "select count(*)::int as n from rounds"), statsFiles);
          assert.equal(
            await count(
              after,
              "select count(*)::int as n from rounds r where not exists (select 1 from round_players p where p.round_id = r.id)",
            ),
            0,
            "every round has its player rows",
          );
          assert.equal(
            await count(after, "select count(*)::int as n from rounds where status <> 'completed'"),
            0,
          );
          assert.equal(await count(after, "select count(*)::int as n from sessions"), 3);
          assert.equal(
            await count(after, "select count(*)::int as n from matches where state = 'complete'"),
            24,
          );
        } finally {
          await after.close();
        }
      } finally {
        await database.drop();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

for (const engine of ENGINES) {
  Deno.test({
    name:
      `[${engine}] import CLI reads the uploader's meta sidecars; a contradicting one is a warning`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const dir = await Deno.makeTempDir();
      const database = await databaseFor(engine, dir);
      try {
        const stats = join(dir, "stats");
        await Deno.mkdir(stats);
        for (const name of [WORKED_R1, WORKED_R2] as const) {
          await Deno.writeFile(join(stats, name), workedExample(name));
        }
        // A sidecar that contradicts its file (another round) must not cost the file.
        await Deno.writeTextFile(
          join(stats, `${WORKED_R1}.meta.json`),
          JSON.stringify({ version: 1, map: "etl_supply", round: 2, endReason: "objective" }),
        );
        await Deno.writeTextFile(
          join(stats, `${WORKED_R2}.meta.json`),
          JSON.stringify({
            version: 1,
            map: "etl_supply",
            round: 2,
            startedAt: "2025-11-14T20:33:00Z",
            endedAt: "2025-11-14T20:35:00Z",
            pausedSeconds: 0,
            endReason: "surrender",
            surrenderedBy: "allies",
            winner: "axis",
          }),
        );
        const run = await runScript(SCRIPT, ["--server", "lan", stats], {
          permissions: PERMISSIONS,
          env: database.env,
        });
        assert.equal(run.code, 0, run.stderr + run.stdout);
        assert.match(run.stdout, /imported\s+2\b/);
        assert.match(run.stdout, /skipped\s+0\b/, "sidecars are not stats files");
        assert.match(
          run.stderr,
          new RegExp(
            `warning: .*${WORKED_R1}\\.meta\\.json: .*round 2.*; importing the file without it`,
          ),
        );
        const db = await database.open();
        try {
          const rows = await db.query<{ file_name: string; meta: string | null }>(
            "select file_name, round_meta->>'endReason' as meta from raw_files order by file_name",
          );
          assert.deepEqual(rows.map((r) => r.meta), [null, "surrender"]);
        } finally {
          await db.close();
        }
      } finally {
        await database.drop();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
