/**
 * The ET:Legacy Lua module (ingest/uploader/etl_stats_upload.lua) run under Debian's lua5.4 with a
 * fake of the game's `et` API (tests/fixtures/lua/harness.lua): at the end of a round it finds the
 * writer's file, writes the meta sidecar the server accepts, and starts the uploader for that file
 * in the background, returning at once.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { roundMetaFromJson } from "../../domain/round_meta.ts";

const LUA = "lua5.4";
const MODULE = fileURLToPath(
  new URL("../../ingest/uploader/etl_stats_upload.lua", import.meta.url),
);
const HARNESS = fileURLToPath(new URL("../fixtures/lua/harness.lua", import.meta.url));

async function available(command: string, args: string[]): Promise<boolean> {
  try {
    return (await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

const HAVE_LUA = await available(LUA, ["-v"]);
if (!HAVE_LUA) {
  console.warn(
    "uploader_lua_test: SKIPPED – lua5.4 is not installed (apt-get install -y lua5.4); " +
      "the Lua module cannot be tested",
  );
}

/** A stand-in for etl-stats-upload.sh: records its arguments, then takes its time. */
const FAKE_UPLOADER = `#!/bin/sh
printf '%s\\n' "$@" > "$0.args.tmp" && mv "$0.args.tmp" "$0.args"
sleep "\${FAKE_UPLOADER_SECONDS:-2}"
touch "$0.finished"
`;

interface Scenario {
  code: number;
  /** Console lines the module printed (without the "etl-stats: " prefix). */
  printed: string[];
  stdout: string;
  /** The stats file the harness wrote, as the writer would. */
  statsFile: string;
  elapsedMs: number;
  /** Whether the uploader had already finished when the Lua process returned. */
  uploaderFinishedAtReturn: boolean;
  uploader: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function pollUntil(what: string, check: () => Promise<boolean>, seconds = 10): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function luaTest(name: string, fn: (root: string) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !HAVE_LUA,
    fn: async () => {
      const root = await Deno.makeTempDir({ prefix: "etl-lua-" });
      try {
        await fn(root);
      } finally {
        await Deno.remove(root, { recursive: true });
      }
    },
  });
}

async function runScenario(
  root: string,
  scenario: string,
  options: { uploaderSeconds?: number; installUploader?: boolean } = {},
): Promise<Scenario> {
  const dir = `${root}/gamestats`;
  await Deno.mkdir(dir, { recursive: true });
  const uploader = `${root}/bin/etl-stats-upload.sh`;
  if (options.installUploader ?? true) {
    await Deno.mkdir(`${root}/bin`, { recursive: true });
    await Deno.writeTextFile(uploader, FAKE_UPLOADER, { mode: 0o755 });
  }
  const started = performance.now();
  const out = await new Deno.Command(LUA, {
    args: [HARNESS, MODULE, scenario, dir, uploader],
    env: { FAKE_UPLOADER_SECONDS: String(options.uploaderSeconds ?? 0.2) },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsedMs = performance.now() - started;
  const uploaderFinishedAtReturn = await exists(`${uploader}.finished`);
  const stdout = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, stdout + new TextDecoder().decode(out.stderr));
  const statsFile = /^wrote: (.+)$/m.exec(stdout)?.[1] ?? "";
  return {
    code: out.code,
    printed: stdout.split("\n").filter((l) => l.startsWith("print: etl-stats: ")).map((l) =>
      l.slice("print: etl-stats: ".length)
    ),
    stdout,
    statsFile,
    elapsedMs,
    uploaderFinishedAtReturn,
    uploader,
  };
}

async function launchedWith(run: Scenario): Promise<string[]> {
  await pollUntil("the uploader to start", () => exists(`${run.uploader}.args`));
  const args = (await Deno.readTextFile(`${run.uploader}.args`)).trimEnd().split("\n");
  // Let the background uploader end before its directory goes away.
  await pollUntil("the uploader to finish", () => exists(`${run.uploader}.finished`));
  return args;
}

async function sidecar(statsFile: string) {
  const json = JSON.parse(await Deno.readTextFile(`${statsFile}.meta.json`));
  const validated = roundMetaFromJson(json);
  assert.ok(validated.ok, `the server accepts the sidecar: ${JSON.stringify(validated)}`);
  return validated.value;
}

const seconds = (from: string | null, to: string | null) =>
  (Date.parse(to!) - Date.parse(from!)) / 1000;

luaTest(
  "at intermission the module starts the uploader for the round's file and returns at once",
  async (root) => {
    const run = await runScenario(root, "objective", { uploaderSeconds: 2 });
    assert.match(run.statsFile, /\/\d{4}-\d{2}-\d{2}-\d{6}-etl_supply-round-1\.txt$/);
    assert.ok(run.elapsedMs < 1500, `the game frame waited ${run.elapsedMs} ms`);
    assert.equal(run.uploaderFinishedAtReturn, false, "the uploader (2 s) runs in the background");
    assert.deepEqual(await launchedWith(run), ["--file", run.statsFile]);
    assert.ok(
      run.printed.some((line) =>
        line === `uploading ${run.statsFile} in the background (${run.uploader})`
      ),
      run.stdout,
    );

    const meta = await sidecar(run.statsFile);
    assert.equal(meta.map, "etl_supply");
    assert.equal(meta.round, 1);
    assert.equal(meta.endReason, "objective");
    assert.equal(meta.winner, "allies");
    assert.equal(meta.surrenderedBy, null);
    assert.equal(meta.pausedSeconds, 12);
    assert.equal(seconds(meta.startedAt, meta.endedAt), 490, "play from 10 s to the exit at 500 s");
  },
);

luaTest(
  "a surrender is recorded with the surrendering team and the game's winner",
  async (root) => {
    const run = await runScenario(root, "surrender");
    assert.match(run.statsFile, /-etl_supply-round-2\.txt$/);
    assert.deepEqual(await launchedWith(run), ["--file", run.statsFile]);
    const meta = await sidecar(run.statsFile);
    assert.equal(meta.round, 2);
    assert.equal(meta.endReason, "surrender");
    assert.equal(meta.surrenderedBy, "allies");
    assert.equal(meta.winner, "axis");
    assert.equal(seconds(meta.startedAt, meta.endedAt), 130);
    assert.ok(
      run.printed.some((l) => l.startsWith("round over (surrender by allies, winner axis")),
    );
  },
);

luaTest("a map change sends the file the writer wrote on shutdown", async (root) => {
  const run = await runScenario(root, "map_change");
  assert.deepEqual(await launchedWith(run), ["--file", run.statsFile]);
  const meta = await sidecar(run.statsFile);
  assert.equal(meta.endReason, "map_change");
  assert.equal(meta.winner, null);
  assert.equal(seconds(meta.startedAt, meta.endedAt), 60);
});

luaTest(
  "without an uploader the module logs it, still writes the meta and the game goes on",
  async (root) => {
    const run = await runScenario(root, "loaded_mid_round", { installUploader: false });
    assert.match(run.stdout, /^done: loaded_mid_round$/m, "every callback returned");
    assert.ok(
      run.printed.some((l) => /^uploader .* not found: set etl_stats_uploader/.test(l)),
      run.stdout,
    );
    assert.ok(
      run.printed.some((l) =>
        l.startsWith(`uploader ${run.uploader} not found: ${run.statsFile} is not sent now`)
      ),
    );
    assert.ok(
      run.printed.some((l) => l.startsWith("a round is already running: its start is unknown")),
    );
    const meta = await sidecar(run.statsFile);
    assert.equal(meta.endReason, "time_limit");
    assert.equal(meta.startedAt, null, "the module did not see the round start");
    assert.equal(meta.endedAt, null);
    assert.equal(await exists(`${run.uploader}.args`), false);
  },
);
