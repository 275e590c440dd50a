import assert from "node:assert/strict";
import { pickRoundOne, roundOneCandidacy } from "../../domain/pick_round_one.ts";
import { parseStatsFileName, type StatsFileName } from "../../domain/stats_file_name.ts";

function name(text: string): StatsFileName {
  const result = parseStatsFileName(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const R2 = name("2025-11-14-213845-etl_supply-round-2.txt");

Deno.test("the nearest earlier Round 1 of the same map inside 45 minutes is picked", () => {
  const picked = pickRoundOne(R2, [
    name("2025-11-14-210000-etl_supply-round-1.txt"),
    name("2025-11-14-213012-etl_supply-round-1.txt"),
    name("2025-11-14-212000-etl_supply-round-1.txt"),
    name("2025-11-14-213500-goldrush-round-1.txt"),
  ]);
  assert.equal(picked?.fileName, "2025-11-14-213012-etl_supply-round-1.txt");
});

Deno.test("a Round 1 more than 45 minutes earlier is stale and leaves the Round 2 an orphan", () => {
  const stale = name("2025-11-14-205344-etl_supply-round-1.txt");
  assert.equal(roundOneCandidacy(R2, stale), "too_old");
  assert.equal(pickRoundOne(R2, [stale]), null);
  const edge = name("2025-11-14-205345-etl_supply-round-1.txt");
  assert.equal(roundOneCandidacy(R2, edge), "candidate", "exactly 45 minutes is inside");
});

Deno.test("the window is configurable", () => {
  const older = name("2025-11-14-205000-etl_supply-round-1.txt");
  assert.equal(pickRoundOne(R2, [older]), null);
  assert.equal(pickRoundOne(R2, [older], 50)?.fileName, older.fileName);
});

Deno.test("later files, other maps and Round 2 files are never a Round 1", () => {
  assert.equal(
    roundOneCandidacy(R2, name("2025-11-14-214000-etl_supply-round-1.txt")),
    "not_earlier",
  );
  assert.equal(
    roundOneCandidacy(R2, name("2025-11-14-213000-supply-round-1.txt")),
    "different_map",
  );
  assert.equal(
    roundOneCandidacy(R2, name("2025-11-14-213000-etl_supply-round-2.txt")),
    "not_round_one",
  );
});

Deno.test("a Round 1 from the previous date pairs across midnight", () => {
  const r2 = name("2025-11-15-001000-radar-round-2.txt");
  assert.equal(pickRoundOne(r2, [name("2025-11-14-234500-radar-round-1.txt")])?.time, "234500");
  assert.equal(
    roundOneCandidacy(r2, name("2025-11-13-234500-radar-round-1.txt")),
    "different_date",
  );
});

Deno.test("a Round 1 with the very same timestamp is the exact partner, window or not", () => {
  const same = name("2025-11-14-213845-etl_supply-round-1.txt");
  assert.equal(roundOneCandidacy(R2, same), "exact");
  assert.equal(
    pickRoundOne(R2, [name("2025-11-14-213012-etl_supply-round-1.txt"), same])?.fileName,
    same.fileName,
  );
});
