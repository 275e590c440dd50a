/**
 * The shell uploader (ingest/uploader/etl-stats-upload.sh) run for real, with curl, against the app
 * served on loopback (PGlite): new files arrive once, ignored files never leave, a server that is
 * down gets the spooled files once it is back, a restart re-sends nothing, a refused token is
 * logged and keeps the files, the Lua module's meta sidecar travels with its file.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFixture, WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";
import { freshDb } from "../helpers/test_db.ts";
import { type TestApp, testApp } from "../helpers/test_app.ts";

const SCRIPT = fileURLToPath(new URL("../../ingest/uploader/etl-stats-upload.sh", import.meta.url));
const GOLDRUSH_R1 = "2025-09-04-211830-goldrush-round-1.txt";

async function available(command: string, args: string[]): Promise<boolean> {
  try {
    return (await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

const HAVE_TOOLS = await available("curl", ["--version"]) && await available("bash", ["--version"]);
if (!HAVE_TOOLS) {
  console.warn(
    "uploader_test: SKIPPED – curl or bash is not installed (apt-get install -y curl); " +
      "the shell uploader cannot be tested",
  );
}
const HAVE_INOTIFY = await available("bash", ["-c", "command -v inotifywait"]);

/** The app on 127.0.0.1, recording the file name of every upload request it receives. */
class LoopbackServer {
  requests: string[] = [];
  #server: Deno.HttpServer<Deno.NetAddr> | null = null;
  port = 0;

  constructor(readonly t: TestApp) {}

  start(): void {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: this.port, onListen: () => {} },
      (request) => {
        if (new URL(request.url).pathname === "/api/v1/stats-files") {
          this.requests.push(request.headers.get("x-stats-filename") ?? "");
        }
        return this.t.app.fetch(request);
      },
    );
    this.port = this.#server.addr.port;
  }

  async stop(): Promise<void> {
    await this.#server?.shutdown();
    this.#server = null;
  }
}

interface Fixture {
  t: TestApp;
  server: LoopbackServer;
  dir: string;
  state: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function setUp(): Promise<Fixture> {
  const { db, cleanup } = await freshDb("pglite");
  // Real time: the uploader signs with the machine's clock.
  const t = await testApp(db, { deps: { now: () => Date.now() } });
  const server = new LoopbackServer(t);
  server.start();
  const root = await Deno.makeTempDir({ prefix: "etl-uploader-" });
  const dir = `${root}/gamestats`;
  const state = `${root}/state`;
  await Deno.mkdir(dir);
  const env = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: root,
    ETL_STATS_URL: `http://127.0.0.1:${server.port}/`,
    ETL_STATS_TOKEN: t.token,
    ETL_STATS_DIR: dir,
    ETL_STATS_STATE_DIR: state,
    ETL_STATS_SINCE: "2020-01-01",
    ETL_STATS_META_WAIT_SECONDS: "0",
    ETL_STATS_RETRY_BASE_SECONDS: "0",
    ETL_STATS_TIMEOUT_SECONDS: "5",
    ETL_STATS_LOCK_WAIT_SECONDS: "10",
  };
  return {
    t,
    server,
    dir,
    state,
    env,
    cleanup: async () => {
      await server.stop();
      await Deno.remove(root, { recursive: true });
      await cleanup();
    },
  };
}

function uploaderTest(name: string, fn: (f: Fixture) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !HAVE_TOOLS,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const f = await setUp();
      try {
        await fn(f);
      } finally {
        await f.cleanup();
      }
    },
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runUploader(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const out = await new Deno.Command("bash", {
    args: [SCRIPT, ...args],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

async function rawFiles(f: Fixture): Promise<{ name: string; meta: unknown }[]> {
  return await f.t.db.query<{ name: string; meta: unknown }>(
    "select file_name as name, round_meta as meta from raw_files order by id",
  );
}

function write(path: string, bytes: Uint8Array): Promise<void> {
  return Deno.writeFile(path, bytes);
}

async function spool(f: Fixture): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${f.state}/spool`)) names.push(entry.name);
  return names.sort();
}

async function pollUntil(what: string, check: () => Promise<boolean>, seconds = 10): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const R1_META = {
  version: 1,
  map: "etl_supply",
  round: 1,
  startedAt: "2025-11-14T20:20:00Z",
  endedAt: "2025-11-14T20:30:12Z",
  pausedSeconds: 42,
  endReason: "objective",
  surrenderedBy: null,
  winner: "allies",
};

uploaderTest(
  "--once sends new round files once and never the files of other pipelines",
  async (f) => {
    await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
    await write(`${f.dir}/${WORKED_R2}`, workedExample(WORKED_R2));
    const junk = [
      "2025-11-14-213012-etl_supply-round-1_ws.txt",
      "2025-11-14-213012-etl_supply-round-1-endstats.txt",
      "2025-11-14-213012-etl_supply-round-1_engagements.txt",
      "gametime-etl_supply-R1-1763152212.json",
      "2025-11-14-213012-etl_supply-round-3.txt",
      "notes.txt",
    ];
    for (const name of junk) await write(`${f.dir}/${name}`, workedExample(WORKED_R1));

    const first = await runUploader(f.env, "--once");
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(f.server.requests, [WORKED_R1, WORKED_R2]);
    assert.match(first.stderr, /sent 2025-11-14-213012-etl_supply-round-1\.txt: imported \(201\)/);
    assert.deepEqual((await rawFiles(f)).map((r) => r.name), [WORKED_R1, WORKED_R2]);

    const second = await runUploader(f.env, "--once");
    assert.equal(second.code, 0, second.stderr);
    assert.equal(f.server.requests.length, 2, "nothing is sent twice");
    const sent = (await Deno.readTextFile(`${f.state}/sent.tsv`)).trim().split("\n");
    assert.deepEqual(sent.map((line) => line.split("\t")[0]), [WORKED_R1, WORKED_R2]);
    assert.deepEqual(await spool(f), []);
  },
);

uploaderTest(
  "files written while the server is down wait in the spool and arrive once it is back",
  async (f) => {
    const env = { ...f.env, ETL_STATS_RETRY_BASE_SECONDS: "1" };
    await f.server.stop();
    await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
    await write(`${f.dir}/${WORKED_R2}`, workedExample(WORKED_R2));

    const down = await runUploader(env, "--once");
    assert.equal(down.code, 75, down.stderr);
    assert.match(down.stderr, /not sent: the server did not answer/);
    assert.match(down.stderr, /2 file\(s\) wait in .*spool; next try in 1s/);
    assert.deepEqual(await spool(f), [WORKED_R1, WORKED_R2]);
    // The game server may delete its files: the spool holds copies.
    await Deno.remove(`${f.dir}/${WORKED_R1}`);

    f.server.start(); // the same port
    await pollUntil("the spooled files to arrive", async () => {
      const run = await runUploader(env, "--once");
      return run.code === 0;
    });
    assert.deepEqual(f.server.requests, [WORKED_R1, WORKED_R2]);
    assert.deepEqual((await rawFiles(f)).map((r) => r.name), [WORKED_R1, WORKED_R2]);
    assert.deepEqual(await spool(f), []);

    const restarted = await runUploader(env, "--once");
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.equal(f.server.requests.length, 2, "a restarted uploader sends nothing again");
  },
);

uploaderTest("a refused token is logged as an error and the files stay in the spool", async (f) => {
  await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
  const [, id] = f.t.token.split("_");
  const wrong = { ...f.env, ETL_STATS_TOKEN: `etl_${id}_${"x".repeat(43)}` };

  const refused = await runUploader(wrong, "--once");
  assert.equal(refused.code, 77, refused.stderr);
  assert.match(refused.stderr, /ERROR .*refused our credentials \(401 invalid_signature/);
  assert.match(refused.stderr, /check ETL_STATS_TOKEN/);
  assert.deepEqual(await spool(f), [WORKED_R1]);
  assert.equal((await rawFiles(f)).length, 0);
  const log = await Deno.readTextFile(`${f.state}/upload.log`);
  assert.match(log, /refused our credentials/, "the log file has it too");

  const fixed = await runUploader(f.env, "--once");
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.deepEqual((await rawFiles(f)).map((r) => r.name), [WORKED_R1]);
});

uploaderTest(
  "--file sends a file with its round meta sidecar, with either HMAC tool",
  async (f) => {
    for (const [name, hmac] of [[WORKED_R1, "openssl"], [WORKED_R2, "sha256sum"]] as const) {
      await write(`${f.dir}/${name}`, workedExample(name));
      const meta = name === WORKED_R1
        ? R1_META
        : { version: 1, map: "etl_supply", round: 2, endReason: "objective", winner: "allies" };
      await Deno.writeTextFile(`${f.dir}/${name}.meta.json`, JSON.stringify(meta));
      const { ETL_STATS_DIR: _, ...env } = f.env; // --file needs no stats directory
      const run = await runUploader({ ...env, ETL_STATS_HMAC: hmac }, "--file", `${f.dir}/${name}`);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`sent ${name.replaceAll(".", "\\.")} with round meta`));
    }
    const stored = await rawFiles(f);
    assert.deepEqual(stored.map((r) => r.name), [WORKED_R1, WORKED_R2]);
    assert.equal((stored[0]!.meta as { pausedSeconds: number }).pausedSeconds, 42);
    const round = (await f.t.get("/api/v1/rounds/1")).body;
    assert.equal(round.durationSeconds, 570, "timed from the meta");

    const again = await runUploader(f.env, "--file", `${f.dir}/${WORKED_R1}`);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /was sent \(or refused\) before; not sent again/);
    assert.equal(f.server.requests.length, 2);
  },
);

uploaderTest(
  "a meta the server refuses is set aside and the file is sent without it",
  async (f) => {
    await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
    await Deno.writeTextFile(
      `${f.dir}/${WORKED_R1}.meta.json`,
      JSON.stringify({ ...R1_META, map: "radar" }),
    );
    const run = await runUploader(f.env, "--file", `${f.dir}/${WORKED_R1}`);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /refused its round meta \(400 invalid_round_meta/);
    const stored = await rawFiles(f);
    assert.deepEqual(stored, [{ name: WORKED_R1, meta: null }]);
    await Deno.stat(`${f.state}/rejected/${WORKED_R1}.meta.json`);
  },
);

for (const watcher of ["poll", "inotify"] as const) {
  Deno.test({
    name: `--watch (${watcher}) sends files as they are written and waits briefly for their meta`,
    ignore: !HAVE_TOOLS || (watcher === "inotify" && !HAVE_INOTIFY),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const f = await setUp();
      const child = new Deno.Command("bash", {
        args: [SCRIPT, "--watch"],
        env: {
          ...f.env,
          ETL_STATS_WATCH: watcher,
          ETL_STATS_POLL_SECONDS: watcher === "poll" ? "0.2" : "1",
          ETL_STATS_META_WAIT_SECONDS: "2",
        },
        clearEnv: true,
        stdout: "null",
        stderr: "piped",
      }).spawn();
      try {
        // Round 1: its meta sidecar appears just after the file, as the Lua module writes it.
        await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await Deno.writeTextFile(`${f.dir}/${WORKED_R1}.meta.json`, JSON.stringify(R1_META));
        await pollUntil("Round 1", async () => (await rawFiles(f)).length === 1);
        assert.notEqual((await rawFiles(f))[0]!.meta, null, "sent with its meta");

        // Round 2 has no meta: it leaves once the meta wait is over.
        const written = Date.now();
        await write(`${f.dir}/${WORKED_R2}`, workedExample(WORKED_R2));
        await pollUntil("Round 2", async () => (await rawFiles(f)).length === 2);
        assert.ok(Date.now() - written >= 1500, "a young file waited for a meta sidecar");
        assert.deepEqual(f.server.requests, [WORKED_R1, WORKED_R2]);
      } finally {
        try {
          child.kill("SIGTERM");
        } catch {
          // Already gone: the exit status below says why.
        }
        const status = await child.output();
        const stderr = new TextDecoder().decode(status.stderr);
        await f.cleanup();
        assert.equal(status.code, 0, stderr);
        assert.match(stderr, new RegExp(`watching .* \\(${watcher}\\)`));
        assert.match(stderr, /stopped/);
      }
    },
  });
}

uploaderTest(
  "history before the start mark is sent only by --backfill, from --since on",
  async (f) => {
    const env = { ...f.env, ETL_STATS_SINCE: "2026-01-01" };
    await write(`${f.dir}/${GOLDRUSH_R1}`, readFixture(`samples/clean/${GOLDRUSH_R1}`));
    await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
    await write(`${f.dir}/${WORKED_R2}`, workedExample(WORKED_R2));

    const once = await runUploader(env, "--once");
    assert.equal(once.code, 0, once.stderr);
    assert.match(once.stderr, /start mark 2026-01-01-000000/);
    assert.equal(f.server.requests.length, 0, "everything is older than the mark");

    const backfill = await runUploader(env, "--backfill", "--since", "2025-11-14 21:00");
    assert.equal(backfill.code, 0, backfill.stderr);
    assert.deepEqual(f.server.requests, [WORKED_R1, WORKED_R2]);

    const all = await runUploader(env, "--backfill");
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(f.server.requests, [WORKED_R1, WORKED_R2, GOLDRUSH_R1]);
  },
);

uploaderTest("--check verifies URL, token and clock and stores nothing", async (f) => {
  const ok = await runUploader(f.env, "--check");
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /check passed: .* accepts token \d+ \(ignored \(200\)\)/);

  const [, id] = f.t.token.split("_");
  const refused = await runUploader(
    { ...f.env, ETL_STATS_TOKEN: `etl_${id}_${"y".repeat(43)}` },
    "--check",
  );
  assert.equal(refused.code, 77, refused.stderr);
  assert.match(refused.stderr, /check failed: the server refused the token/);
  assert.equal((await rawFiles(f)).length, 0);
});

uploaderTest("a missing setting stops the uploader with one line naming it", async (f) => {
  const { ETL_STATS_URL: _, ...noUrl } = f.env;
  const run = await runUploader(noUrl, "--once");
  assert.equal(run.code, 78);
  assert.match(run.stderr, /ETL_STATS_URL is not set/);

  const bad = await runUploader({ ...f.env, ETL_STATS_TOKEN: "secret" }, "--once");
  assert.equal(bad.code, 78);
  assert.match(bad.stderr, /does not look like etl_<id>_<secret>/);

  const config = `${f.state}.conf`;
  await Deno.writeTextFile(
    config,
    `# comment\nETL_STATS_URL="${f.env.ETL_STATS_URL}"\nETL_STATS_TYPO=1\n`,
  );
  const typo = await runUploader({ ...noUrl }, "--config", config, "--once");
  assert.equal(typo.code, 78);
  assert.match(typo.stderr, /:3: unknown setting ETL_STATS_TYPO/);

  await Deno.writeTextFile(config, `# comment\nETL_STATS_URL="${f.env.ETL_STATS_URL}"\n`);
  await write(`${f.dir}/${WORKED_R1}`, workedExample(WORKED_R1));
  const fromFile = await runUploader({ ...noUrl }, "--config", config, "--once");
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.deepEqual(f.server.requests, [WORKED_R1]);

  const help = await runUploader(f.env, "--help");
  assert.equal(help.code, 0);
  const usage = await runUploader(f.env, "--bogus");
  assert.equal(usage.code, 64);
});

Deno.test({
  name: "the uploader's --help documents every setting it reads",
  ignore: !HAVE_TOOLS,
  fn: async () => {
    const read = new Set((await Deno.readTextFile(SCRIPT)).match(/ETL_STATS_[A-Z_]+/g));
    assert.ok(read.size >= 15);
    const help = await runUploader({ PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" }, "--help");
    assert.equal(help.code, 0);
    for (const key of read) assert.ok(help.stdout.includes(key), `--help mentions ${key}`);
  },
});
