import assert from "node:assert/strict";
import { join } from "node:path";
import { parsedRoundSchema, parseErrorSchema } from "../../domain/schemas.ts";
import { FIXTURES, WORKED_R1, WORKED_R2 } from "../helpers/fixtures.ts";
import { runScript } from "../helpers/run_cli.ts";

const R1 = `${FIXTURES}worked_example/${WORKED_R1}`;
const R2 = `${FIXTURES}worked_example/${WORKED_R2}`;
const parse = (...args: string[]) => runScript("ingest/parse_cli.ts", args);

Deno.test("parse prints a Round 1 as JSON that matches the schema and exits 0", async () => {
  const run = await parse(R1);
  assert.equal(run.code, 0, run.stderr);
  const round = parsedRoundSchema.parse(JSON.parse(run.stdout));
  assert.equal(round.values, "single_round");
  assert.equal(round.players.length, 2);
});

Deno.test("parse of a Round 2 alone prints cumulative numbers and says so", async () => {
  const run = await parse(R2);
  assert.equal(run.code, 0, run.stderr);
  const round = parsedRoundSchema.parse(JSON.parse(run.stdout));
  assert.equal(round.values, "cumulative");
  assert.equal(round.players.find((p) => p.guid === "3F2A9C1D")?.metrics.kills, 14);
  assert.match(run.stderr, /cumulative/);
});

Deno.test("parse with --round1 prints Round 2-only numbers", async () => {
  const run = await parse(R2, "--round1", R1);
  assert.equal(run.code, 0, run.stderr);
  const round = parsedRoundSchema.parse(JSON.parse(run.stdout));
  assert.equal(round.values, "round_two_only");
  assert.equal(round.roundOne?.fileName, WORKED_R1);
  assert.equal(round.players.find((p) => p.guid === "3F2A9C1D")?.metrics.kills, 6);
});

Deno.test("parse of a bad file exits 1 with the typed error as JSON on stderr", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bad = join(dir, "2025-11-14-213012-etl_supply-round-1.txt");
    await Deno.writeTextFile(bad, "only\\four\\header\\fields\nA\\b\\0\\1\\0\n");
    const run = await parse(bad);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    const { error } = JSON.parse(run.stderr);
    assert.equal(error.code, "invalid_header");
    assert.equal(error.file, bad);
    const { file: _, ...typed } = error;
    assert.ok(parseErrorSchema.safeParse(typed).success);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parse of an ignored sidecar or a missing file exits 1 with a specific code", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sidecar = join(dir, "2025-11-14-213012-etl_supply-round-1_ws.txt");
    await Deno.writeTextFile(sidecar, "x\n");
    assert.equal(JSON.parse((await parse(sidecar)).stderr).error.code, "ignored_file");
    const missing = await parse(join(dir, "nope-round-1.txt"));
    assert.equal(missing.code, 1);
    assert.equal(JSON.parse(missing.stderr).error.code, "unreadable_file");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parse --round1 refuses a file that cannot be that Round 2's Round 1", async () => {
  const run = await parse(R2, "--round1", R2);
  assert.equal(run.code, 1);
  const { error } = JSON.parse(run.stderr);
  assert.equal(error.code, "round_one_mismatch");
  assert.equal(error.reason, "not_round_one");
});

Deno.test("parse without a file is a usage error (exit 2)", async () => {
  const run = await parse();
  assert.equal(run.code, 2);
  assert.match(run.stderr, /usage: deno task parse/);
});
