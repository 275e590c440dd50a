import assert from "node:assert/strict";
import { localSeconds, parseStatsFileName } from "../../domain/stats_file_name.ts";

function parsed(name: string) {
  const result = parseStatsFileName(name);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function errorCode(name: string): string {
  const result = parseStatsFileName(name);
  assert.ok(!result.ok, `${name} should be refused`);
  return result.error.code;
}

Deno.test("a stats file name gives naive local date, time, map and round", () => {
  assert.deepEqual(parsed("2025-11-14-213012-etl_supply-round-1.txt"), {
    fileName: "2025-11-14-213012-etl_supply-round-1.txt",
    date: "2025-11-14",
    time: "213012",
    localDateTime: "2025-11-14T21:30:12",
    map: "etl_supply",
    round: 1,
  });
});

Deno.test("a map name may contain hyphens, dots and plus signs", () => {
  assert.equal(parsed("2025-11-14-213012-te-escape-2-round-2.txt").map, "te-escape-2");
  assert.equal(
    parsed("2025-11-14-213012-sw_goldrush_te.v2+fix-round-1.txt").map,
    "sw_goldrush_te.v2+fix",
  );
});

Deno.test("sidecar files of other pipelines are ignored, not invalid", () => {
  for (
    const name of [
      "2025-11-14-213012-etl_supply-round-1_ws.txt",
      "2025-11-14-213012-etl_supply-round-2-endstats.txt",
      "2025-11-14-213012-etl_supply-round-1_engagements.txt",
      "gametime-etl_supply-R1-1763152212.json",
    ]
  ) {
    assert.equal(errorCode(name), "ignored_file", name);
  }
});

Deno.test("names outside the pattern or its ranges are invalid with a reason", () => {
  const cases: Record<string, RegExp> = {
    "": /empty/,
    "notes.txt": /expected YYYY-MM-DD-HHMMSS/,
    "2019-11-14-213012-etl_supply-round-1.txt": /year 2019/,
    "2025-13-14-213012-etl_supply-round-1.txt": /month 13/,
    "2025-11-32-213012-etl_supply-round-1.txt": /day 32/,
    "2025-11-14-243012-etl_supply-round-1.txt": /hour 24/,
    "2025-11-14-216012-etl_supply-round-1.txt": /minute 60/,
    "2025-11-14-213060-etl_supply-round-1.txt": /second 60/,
    "2025-11-14-213012-etl_supply-round-11.txt": /round 11/,
    "2025-11-14-213012-etl_supply-round-0.txt": /round 0/,
    "2025-11-14-213012-etl supply-round-1.txt": /letters, digits/,
    "2025-11-14-213012-a..b-round-1.txt": /'\.\.'/,
    "dir/2025-11-14-213012-etl_supply-round-1.txt": /'\/'/,
  };
  for (const [name, reason] of Object.entries(cases)) {
    const result = parseStatsFileName(name);
    assert.ok(!result.ok && result.error.code === "invalid_file_name", name);
    assert.match(result.error.message, reason, name);
  }
  assert.equal(errorCode(`2025-11-14-213012-${"m".repeat(51)}-round-1.txt`), "invalid_file_name");
  assert.equal(errorCode(`${"x".repeat(256)}`), "invalid_file_name");
});

Deno.test("local seconds order names by their naive local time across midnight", () => {
  const before = parsed("2025-11-14-235900-goldrush-round-1.txt");
  const after = parsed("2025-11-15-000100-goldrush-round-2.txt");
  assert.equal(localSeconds(after) - localSeconds(before), 120);
});
