import assert from "node:assert/strict";
import type { Db } from "../../db/client.ts";
import { stripColourCodes } from "../../domain/names.ts";
import { DEFAULT_INGEST_SETTINGS, loadIngestContext } from "../../ingest/context.ts";
import {
  type CorpusFile,
  type CorpusPlayerTruth,
  generateCorpus,
} from "../../ingest/corpus/generate_corpus.ts";
import { ingestFiles, type IngestOutcome } from "../../ingest/pipeline.ts";
import { type TestApp, testApp } from "../helpers/test_app.ts";
import { dbTest } from "../helpers/test_db.ts";

// Five sessions of 12 maps: regulars play 72–96 rounds (past the > 50-round minimums), many play
// 46–48 (below them) and some 24–25. Sessions start 24, 26, 28, 31 March and 3 April 2025 (UTC).
const CORPUS = generateCorpus({ sessions: 5, mapsPerSession: 12, seed: 7, start: "2025-03-24" });
const NOW = Date.parse("2025-04-05T12:00:00Z");
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// The app and the import

async function leaderboardApp(db: Db): Promise<TestApp> {
  const t = await testApp(db, { timeZone: "UTC" });
  t.clock.now = NOW;
  return t;
}

async function importFiles(t: TestApp, files: readonly CorpusFile[]): Promise<IngestOutcome[]> {
  const context = await loadIngestContext(t.db, DEFAULT_INGEST_SETTINGS);
  const encoder = new TextEncoder();
  const outcomes: IngestOutcome[] = [];
  for (let at = 0; at < files.length; at += 50) {
    outcomes.push(
      ...await ingestFiles(
        t.db,
        { id: t.serverId, timeZone: "UTC" },
        files.slice(at, at + 50).map((f) => ({ fileName: f.name, bytes: encoder.encode(f.text) })),
        context,
      ),
    );
  }
  return outcomes;
}

async function importCorpus(t: TestApp): Promise<void> {
  const outcomes = await importFiles(t, CORPUS.files);
  assert.deepEqual(new Set(outcomes.map((o) => o.status)), new Set(["imported"]));
}

// ---------------------------------------------------------------------------------------------
// What the generator's truth says, computed here without the domain's metric functions

/** `YYYY-MM-DD-HHMMSS-…` (UTC server) → ms. */
function fileTime(name: string): number {
  return Date.parse(
    `${name.slice(0, 10)}T${name.slice(11, 13)}:${name.slice(13, 15)}:${name.slice(15, 17)}Z`,
  );
}

interface TruthRow {
  file: string;
  map: string;
  round: 1 | 2;
  /** The Round 1 file of the map. */
  r1: string;
  at: number;
  session: number;
  guid: string;
  p: CorpusPlayerTruth;
}

const SESSION_OF = new Map(
  CORPUS.truth.sessions.flatMap((s, index) => s.files.map((file) => [file, index] as const)),
);
const SESSION_STARTS = CORPUS.truth.sessions.map((s) => fileTime(s.files[0]!));

const ROWS: TruthRow[] = CORPUS.truth.files.flatMap((f) =>
  Object.entries(f.players).map(([guid, p]) => ({
    file: f.file,
    map: f.map,
    round: f.round,
    r1: f.r1 ?? f.file,
    at: fileTime(f.file),
    session: SESSION_OF.get(f.file)!,
    guid,
    p,
  }))
);

interface Sums {
  rounds: number;
  kills: number;
  deaths: number;
  headHits: number;
  hits: number;
  shots: number;
  damage: number;
  teamDamage: number;
  seconds: number;
  revives: number;
  gibs: number;
  objectives: number;
  multikills: number;
  grenadeKills: number;
  grenadeHits: number;
  grenadeRounds: number;
}

const weaponSum = (p: CorpusPlayerTruth, key: "hits" | "shots") =>
  Object.values(p.weapons).reduce((n, w) => n + w[key], 0);

function sumsByGuid(rows: readonly TruthRow[]): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  for (const { guid, p } of rows) {
    const s = sums.get(guid) ?? {
      rounds: 0,
      kills: 0,
      deaths: 0,
      headHits: 0,
      hits: 0,
      shots: 0,
      damage: 0,
      teamDamage: 0,
      seconds: 0,
      revives: 0,
      gibs: 0,
      objectives: 0,
      multikills: 0,
      grenadeKills: 0,
      grenadeHits: 0,
      grenadeRounds: 0,
    };
    s.rounds += 1;
    s.kills += p.kills;
    s.deaths += p.deaths;
    s.headHits += p.headshots;
    s.hits += weaponSum(p, "hits");
    s.shots += weaponSum(p, "shots");
    s.damage += p.damage_given;
    s.teamDamage += p.team_damage_given;
    s.seconds += p.played_ms / 1000;
    s.revives += p.revives_given;
    s.gibs += p.gibs;
    s.objectives += p.objectives_stolen + p.objectives_returned;
    s.multikills += p.multikill_2x + p.multikill_3x + p.multikill_4x + p.multikill_5x +
      p.multikill_6x;
    const nade = p.weapons["WS_GRENADE"];
    if (nade) {
      s.grenadeKills += nade.kills;
      s.grenadeHits += nade.hits;
      s.grenadeRounds += 1;
    }
    sums.set(guid, s);
  }
  return sums;
}

interface Expected {
  order: "desc" | "asc";
  qualifies(s: Sums): boolean;
  value(s: Sums): number;
  /** Bounds of the value where the stored data is rounded (played time: 6-s steps). */
  bounds?(s: Sums): [number, number];
}

const EXPECTED: Record<string, Expected> = {
  kills: { order: "desc", qualifies: (s) => s.rounds > 10, value: (s) => s.kills },
  kd: {
    order: "desc",
    qualifies: (s) => s.rounds > 50 && s.deaths > 0,
    value: (s) => s.kills / s.deaths,
  },
  dpm: {
    order: "desc",
    qualifies: (s) => s.rounds > 50,
    value: (s) => (s.damage * 60) / s.seconds,
    // Each stored row's played time is within 6 s of the true one.
    bounds: (s) => [
      (s.damage * 60) / (s.seconds + 6 * s.rounds),
      (s.damage * 60) / (s.seconds - 6 * s.rounds),
    ],
  },
  accuracy: {
    order: "desc",
    qualifies: (s) => s.rounds > 50 && s.shots > 1000,
    value: (s) => (100 * s.hits) / s.shots,
  },
  headshots: {
    order: "desc",
    qualifies: (s) => s.rounds > 50 && s.kills > 500,
    value: (s) => (100 * s.headHits) / s.hits,
  },
  games: { order: "desc", qualifies: () => true, value: (s) => s.rounds },
  revives: { order: "desc", qualifies: (s) => s.rounds > 10, value: (s) => s.revives },
  gibs: { order: "desc", qualifies: (s) => s.rounds > 10, value: (s) => s.gibs },
  objectives: { order: "desc", qualifies: (s) => s.rounds > 10, value: (s) => s.objectives },
  efficiency: {
    order: "desc",
    qualifies: (s) => s.rounds > 50,
    value: (s) => (100 * s.kills) / (s.kills + s.deaths),
  },
  teamwork: {
    order: "asc",
    qualifies: (s) => s.rounds > 50 && s.damage > 0,
    value: (s) => (100 * s.teamDamage) / s.damage,
  },
  multikills: { order: "desc", qualifies: (s) => s.rounds > 10, value: (s) => s.multikills },
  grenades: { order: "desc", qualifies: (s) => s.grenadeRounds > 10, value: (s) => s.grenadeKills },
};

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

interface Entry {
  rank: number;
  guid: string;
  name: string;
  value: number;
  rounds: number;
  context: Record<string, number | null>;
}

/** Asserts one leaderboard against the truth's sums: members, values, order, ranks, total. */
async function assertLeaderboard(
  t: TestApp,
  key: string,
  sums: Map<string, Sums>,
  period = "all",
): Promise<Entry[]> {
  const expected = EXPECTED[key]!;
  const res = await t.get(`/api/v1/leaderboards/${key}?period=${period}&limit=100`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.category.key, key);
  const entries = res.body.entries as Entry[];
  const qualifying = [...sums].filter(([, s]) => expected.qualifies(s));
  assert.equal(res.body.total, qualifying.length, `${key} ${period}: total`);
  assert.deepEqual(
    entries.map((e) => e.guid).sort(),
    qualifying.map(([guid]) => guid).sort(),
    `${key} ${period}: players`,
  );
  for (const entry of entries) {
    const s = sums.get(entry.guid)!;
    const where = `${key} ${period} ${entry.guid}`;
    assert.equal(entry.rounds, s.rounds, `${where}: rounds`);
    if (expected.bounds) {
      const [lo, hi] = expected.bounds(s);
      assert.ok(
        entry.value >= lo && entry.value <= hi,
        `${where}: ${entry.value} ∉ [${lo}, ${hi}]`,
      );
    } else {
      assert.ok(close(entry.value, expected.value(s)), `${where}: ${entry.value}`);
    }
  }
  const sign = expected.order === "desc" ? 1 : -1;
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1]!, entries[i]!];
    const where = `${key} ${period} #${i}`;
    assert.ok(sign * (a.value - b.value) >= 0, `${where}: order`);
    if (a.value === b.value) {
      assert.ok(a.name.toLowerCase() <= b.name.toLowerCase(), `${where}: ties by name`);
      assert.equal(b.rank, a.rank, `${where}: ties share a rank`);
    } else {
      assert.equal(b.rank, i + 1, `${where}: rank`);
    }
  }
  if (entries.length > 0) assert.equal(entries[0]!.rank, 1);
  return entries;
}

// Records from the truth

type RoundValue = (p: CorpusPlayerTruth) => number | null;
const ROUND_RECORD_VALUES: Record<string, RoundValue> = {
  kills: (p) => p.kills,
  damage: (p) => p.damage_given,
  revives: (p) => p.revives_given,
  gibs: (p) => p.gibs,
  headshots: (p) => p.headshots,
  xp: (p) => p.xp,
  accuracy: (p) => {
    const shots = weaponSum(p, "shots");
    return shots > 50 && shots <= 15 * (p.played_ms / 1000)
      ? (100 * weaponSum(p, "hits")) / shots
      : null;
  },
  timesRevived: (p) => p.times_revived,
  usefulKills: (p) => p.useful_kills,
  objectivesStolen: (p) => p.objectives_stolen,
  objectivesReturned: (p) => p.objectives_returned,
  dynamitesPlanted: (p) => p.dynamites_planted,
  dynamitesDefused: (p) => p.dynamites_defused,
};

const MATCH_RECORD_VALUES: Record<string, (p: CorpusPlayerTruth) => number> = {
  damage: (p) => p.damage_given,
  kills: (p) => p.kills,
  headshots: (p) => p.headshots,
  xp: (p) => p.xp,
  revives: (p) => p.revives_given,
  gibs: (p) => p.gibs,
};

interface Contender {
  guid: string;
  value: number;
  at: number;
}

/** The contenders a record holder must come from: best value, then most recent. */
function bestOf(contenders: readonly Contender[]): Contender[] {
  const positive = contenders.filter((c) => c.value > 0);
  const best = Math.max(...positive.map((c) => c.value));
  const top = positive.filter((c) => c.value === best);
  const latest = Math.max(...top.map((c) => c.at));
  return top.filter((c) => c.at === latest);
}

/** Asserts the records endpoint against the truth rows (of one map, or all). */
async function assertRecords(t: TestApp, rows: readonly TruthRow[], query = ""): Promise<void> {
  const res = await t.get(`/api/v1/records${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const names = await displayNames(t.db);
  const holderOf = (
    what: string,
    holder: { guid: string; name: string; value: number; playedAt: string } | null,
    contenders: Contender[],
  ) => {
    const best = bestOf(contenders);
    if (best.length === 0) return assert.equal(holder, null, what);
    assert.ok(holder, what);
    assert.ok(close(holder.value, best[0]!.value), `${what}: ${holder.value} vs ${best[0]!.value}`);
    assert.equal(Date.parse(holder.playedAt), best[0]!.at, `${what}: most recent`);
    const byName = best.map((c) => c.guid).sort((a, b) => {
      const [x, y] = [names.get(a)!.toLowerCase(), names.get(b)!.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
    });
    assert.equal(holder.guid, byName[0], `${what}: holder`);
    assert.equal(holder.name, names.get(holder.guid), `${what}: name`);
  };
  for (const record of res.body.rounds) {
    const value = ROUND_RECORD_VALUES[record.key]!;
    const contenders = rows.flatMap((r) => {
      const v = value(r.p);
      return v === null ? [] : [{ guid: r.guid, value: v, at: r.at }];
    });
    holderOf(`round ${record.key}${query}`, record.holder, contenders);
  }
  const matches = new Map<string, Map<string, Contender>>();
  for (const r of rows) {
    const match = matches.get(r.r1) ?? new Map<string, Contender>();
    matches.set(r.r1, match);
    const c = match.get(r.guid) ?? { guid: r.guid, value: 0, at: 0 };
    match.set(r.guid, c);
  }
  for (const record of res.body.matches) {
    const value = MATCH_RECORD_VALUES[record.key]!;
    const contenders: Contender[] = [];
    for (const [r1, players] of matches) {
      const rowsOfMatch = rows.filter((r) => r.r1 === r1);
      const at = Math.max(...rowsOfMatch.map((r) => r.at));
      for (const guid of players.keys()) {
        const total = rowsOfMatch.filter((r) => r.guid === guid).reduce(
          (n, r) => n + value(r.p),
          0,
        );
        contenders.push({ guid, value: total, at });
      }
    }
    holderOf(`match ${record.key}${query}`, record.holder, contenders);
  }
  assert.equal(res.body.rounds.length, 13);
  assert.equal(res.body.matches.length, 6);
}

async function displayNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ guid: string; name: string }>(
    "select guid, name from player_names",
  );
  return new Map(rows.map((r) => [r.guid, r.name]));
}

// ---------------------------------------------------------------------------------------------
// Tests

dbTest(
  "leaderboards rank the truth's sums over counted rounds, with minimums and names",
  async (db) => {
    const t = await leaderboardApp(db);
    await importCorpus(t);
    const sums = sumsByGuid(ROWS);
    // The corpus is what the minimums need: regulars past 50 rounds, others between 10 and 50.
    const rounds = [...sums.values()].map((s) => s.rounds);
    assert.ok(rounds.filter((n) => n > 50).length >= 4);
    assert.ok(rounds.some((n) => n > 10 && n <= 50));

    for (const key of Object.keys(EXPECTED)) {
      const entries = await assertLeaderboard(t, key, sums);
      assert.ok(entries.length > 0, `${key} has players`);
    }

    // A player between 10 and 50 rounds is on the kills board but not on K/D.
    const [casual] = [...sums].find(([, s]) => s.rounds > 10 && s.rounds <= 50)!;
    const kills = (await t.get("/api/v1/leaderboards/kills?limit=100")).body;
    const kd = (await t.get("/api/v1/leaderboards/kd?limit=100")).body;
    assert.ok(kills.entries.some((e: Entry) => e.guid === casual));
    assert.ok(!kd.entries.some((e: Entry) => e.guid === casual));
    for (const entry of kd.entries as Entry[]) {
      const s = sums.get(entry.guid)!;
      assert.deepEqual(entry.context, { kills: s.kills, deaths: s.deaths });
    }

    // Names are display names: the clean name of the player's latest line.
    const lastLine = new Map<string, string>();
    for (const file of CORPUS.files) {
      for (const line of file.text.split("\n").slice(1, -1)) {
        const [guid, raw] = line.split("\\");
        lastLine.set(guid!, stripColourCodes(raw!));
      }
    }
    for (const entry of kills.entries as Entry[]) {
      assert.equal(entry.name, lastLine.get(entry.guid), entry.guid);
    }

    // Pages: limit and offset slice the same ranking; the default page is 10 rows.
    const page = (await t.get("/api/v1/leaderboards/kills?limit=3&offset=2")).body;
    assert.deepEqual(page.entries, kills.entries.slice(2, 5));
    assert.equal(page.total, kills.total);
    assert.deepEqual([page.limit, page.offset], [3, 2]);
    const first = (await t.get("/api/v1/leaderboards/kills")).body;
    assert.deepEqual(first.entries, kills.entries.slice(0, 10));
    assert.deepEqual(first.period, { key: "all", since: null });

    // Aliases answer with the category itself.
    for (const alias of ["k", "KILL"]) {
      const res = await t.get(`/api/v1/leaderboards/${alias}?limit=100`);
      assert.equal(res.body.category.key, "kills");
      assert.deepEqual(res.body.entries, kills.entries);
    }
    assert.equal((await t.get("/api/v1/leaderboards/hs")).body.category.title, "Headshot accuracy");
    assert.equal((await t.get("/api/v1/leaderboards/nades")).body.category.key, "grenades");
  },
);

dbTest("a period holds the sessions that started in it", async (db) => {
  const t = await leaderboardApp(db);
  await importCorpus(t);
  const periods: [string, number][] = [
    ["7d", NOW - 7 * DAY],
    ["30d", NOW - 30 * DAY],
    ["season", Date.parse("2025-04-01T00:00:00Z")],
    ["all", -Infinity],
  ];
  const sessionCounts: number[] = [];
  for (const [period, since] of periods) {
    const sessions = new Set(SESSION_STARTS.flatMap((at, i) => at >= since ? [i] : []));
    sessionCounts.push(sessions.size);
    const sums = sumsByGuid(ROWS.filter((r) => sessions.has(r.session)));
    for (const key of ["games", "kills", "dpm"]) await assertLeaderboard(t, key, sums, period);
  }
  // The windows differ: 2 sessions in the last 7 days, 1 in the quarter, all 5 in 30 days.
  assert.deepEqual(sessionCounts, [2, 5, 1, 5]);

  const season = (await t.get("/api/v1/leaderboards/games?period=season")).body;
  assert.deepEqual(season.period, {
    key: "season",
    since: "2025-04-01T00:00:00.000Z",
    season: "2025-Q2",
  });
  // The clock moves: five days after the last session started, only it is within 7 days.
  t.clock.now = SESSION_STARTS[4]! + 5 * DAY;
  const week = (await t.get("/api/v1/leaderboards/games?period=7d&limit=100")).body;
  const lastSession = sumsByGuid(ROWS.filter((r) => r.session === 4));
  assert.deepEqual(
    week.entries.map((e: Entry) => e.guid).sort(),
    [...lastSession.keys()].sort(),
  );
});

/** A Round 1 text with one more human who fired 100 bullets by the fields but has no weapon rows. */
function withShotlessPlayer(text: string): string {
  const lines = text.split("\n");
  const [head, ...fields] = lines[1]!.split("\t");
  const team = head!.split("\\")[3];
  const zero = fields.map(() => "0");
  zero[8] = "100.0"; // time played %
  zero[20] = "100"; // bullets fired
  zero[22] = "5.0"; // minutes played
  lines.splice(2, 0, [`0BADF00D\\Lurker\\0\\${team}\\0 `, ...zero].join("\t"));
  return lines.join("\n");
}

dbTest("records are the truth's best round and match, overall and per map", async (db) => {
  const t = await leaderboardApp(db);
  // One more player with played time but no shots: no accuracy (and no division by zero).
  const first = CORPUS.files[0]!;
  const outcomes = await importFiles(t, [
    { name: first.name, text: withShotlessPlayer(first.text) },
    ...CORPUS.files.slice(1),
  ]);
  assert.deepEqual(new Set(outcomes.map((o) => o.status)), new Set(["imported"]));
  const lurker = await db.query<{ shots: number; bullets: number; played: number }>(
    `select shots, bullets_fired as bullets, played_seconds as played from round_players
     where guid = '0BADF00D'`,
  );
  assert.deepEqual(lurker, [{ shots: 0, bullets: 100, played: 300 }]);
  await assertRecords(t, ROWS);
  const accuracy = (await t.get("/api/v1/records")).body.rounds.find(
    (r: { key: string }) => r.key === "accuracy",
  );
  assert.ok(accuracy.holder.context.shots > 50);

  const maps = [...new Set(ROWS.map((r) => r.map))];
  assert.ok(maps.length >= 3);
  for (const map of maps.slice(0, 3)) {
    await assertRecords(t, ROWS.filter((r) => r.map === map), `?map=${map.toUpperCase()}`);
  }
  const none = (await t.get("/api/v1/records?map=no_such_map")).body;
  assert.equal(none.map, "no_such_map");
  assert.ok([...none.rounds, ...none.matches].every((r: { holder: unknown }) => r.holder === null));
});

/** A file's text with a bot line added (a copy of the first player line, renamed). */
function withBot(text: string): string {
  const lines = text.split("\n");
  const [, , ...rest] = lines[1]!.split("\\");
  lines.splice(2, 0, ["OMNIBOT0", "[BOT]Grunt", ...rest].join("\\"));
  return lines.join("\n");
}

/** A file name moved by `days`. */
function later(name: string, days: number): string {
  const at = new Date(fileTime(name) + days * DAY).toISOString();
  const stamp = `${at.slice(0, 10)}-${at.slice(11, 13)}${at.slice(14, 16)}${at.slice(17, 19)}`;
  return stamp + name.slice(17);
}

dbTest("rounds with a bot and orphan Round 2s never count", async (db) => {
  const t = await leaderboardApp(db);
  await importCorpus(t);
  const snapshot = async () => {
    const boards: unknown[] = [];
    for (const key of Object.keys(EXPECTED)) {
      boards.push((await t.get(`/api/v1/leaderboards/${key}?limit=100`)).body);
    }
    return { boards, records: (await t.get("/api/v1/records")).body };
  };
  const before = await snapshot();

  // The map holding the round kills record, replayed a week after the corpus with a bot in it:
  // counted, it would add to every regular's sums and take the record (same value, more recent).
  const killsRecord = before.records.rounds.find((r: { key: string }) => r.key === "kills").holder;
  const recordFile = ROWS.find((r) =>
    r.guid === killsRecord.guid && r.p.kills === killsRecord.value &&
    r.at === Date.parse(killsRecord.playedAt)
  )!;
  const pair = CORPUS.files.filter((f) =>
    f.name === recordFile.r1 ||
    CORPUS.truth.files.some((x) => x.file === f.name && x.r1 === recordFile.r1)
  );
  assert.equal(pair.length, 2);
  // And a Round 2 whose Round 1 never arrives (lines reversed: a new payload), two weeks later.
  const lastR2 = CORPUS.files.findLast((f) => f.name.endsWith("-round-2.txt"))!;
  const [header, ...players] = lastR2.text.split("\n").slice(0, -1);
  const orphan = {
    name: later(lastR2.name, 14),
    text: [header, ...players.reverse(), ""].join("\n"),
  };

  const outcomes = await importFiles(t, [
    ...pair.map((f) => ({ name: later(f.name, 7), text: withBot(f.text) })),
    orphan,
  ]);
  assert.deepEqual(outcomes.map((o) => o.status), ["imported", "imported", "orphan_r2"]);
  const stored = await db.query<{ valid: boolean; n: number }>(
    "select is_valid as valid, count(*)::int as n from rounds group by is_valid order by 1",
  );
  assert.deepEqual(stored, [{ valid: false, n: 3 }, { valid: true, n: CORPUS.files.length }]);

  assert.deepEqual(await snapshot(), before);

  // Defence in depth: a GUID flagged as a bot, or a display name marked [BOT], is never listed.
  const kills = before.boards[0] as { entries: Entry[]; total: number };
  const [a, b] = [kills.entries[0]!.guid, kills.entries[1]!.guid];
  await db.query("update players set is_bot = true where guid = $1", [a]);
  await db.query("update players set display_name = '[BOT]Sneaky' where guid = $1", [b]);
  const after = (await t.get("/api/v1/leaderboards/kills?limit=100")).body;
  assert.equal(after.total, kills.total - 2);
  assert.ok(!after.entries.some((e: Entry) => e.guid === a || e.guid === b));
});

dbTest("leaderboards answer 404 for an unknown category and 400 for a bad query", async (db) => {
  const t = await leaderboardApp(db);
  const unknown = await t.get("/api/v1/leaderboards/deaths");
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.code, "unknown_category");
  assert.match(unknown.body.error.message, /deaths/);
  assert.match(unknown.body.error.message, /kills, kd, dpm, accuracy/);

  for (
    const query of [
      "period=year",
      "period=",
      "limit=0",
      "limit=101",
      "limit=abc",
      "limit=2.5",
      "offset=-1",
    ]
  ) {
    const res = await t.get(`/api/v1/leaderboards/kills?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.body.error.code, "invalid_parameter", query);
  }
  const empty = await t.get("/api/v1/leaderboards/kills?period=30d&limit=100");
  assert.equal(empty.status, 200);
  assert.deepEqual([empty.body.total, empty.body.entries], [0, []]);

  const list = await t.get("/api/v1/leaderboards");
  assert.equal(list.status, 200);
  assert.equal(list.body.categories.length, 13);
  const hs = list.body.categories.find((c: { key: string }) => c.key === "headshots");
  assert.deepEqual(hs.aliases, ["hs", "headshot"]);
  assert.deepEqual(hs.minimums.map((m: { description: string }) => m.description), [
    "more than 50 rounds",
    "more than 500 kills",
  ]);
  assert.deepEqual(list.body.periods, ["7d", "30d", "season", "all"]);

  const records = await t.get("/api/v1/records");
  assert.equal(records.status, 200);
  assert.ok(
    [...records.body.rounds, ...records.body.matches].every((r: { holder: unknown }) =>
      r.holder === null
    ),
  );
  assert.equal((await t.get(`/api/v1/records?map=${"x".repeat(65)}`)).status, 400);
});
