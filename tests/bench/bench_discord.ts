/**
 * `deno task bench:discord [--sessions 80] [--maps 63] [--pglite] [--reuse NAME] [--keep]`: the
 * Discord benchmarks on the 10,000-file database.
 *
 * Builds the database as `bench:import` does (the corpus generator and the bulk importer: 80
 * sessions × 63 maps, 12 players a session) in a fresh schema of DATABASE_URL (or PGlite with
 * --pglite), or reuses a schema (PGlite directory) a `--keep` run left behind (`--reuse NAME`).
 * Then, against a fake Discord API on loopback:
 * - commands answered directly: server-side time of `app.request` with a signed interaction;
 * - deferred commands: from sending the interaction to the fake Discord receiving the PATCH of the
 *   original response with the card, one command at a time, each for a card not rendered before
 *   (the renderer caches cards by their input).
 */
import { join } from "node:path";
import { type Db, openDb } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { createServer } from "../../db/queries/servers.ts";
import { createLink } from "../../db/queries/discord_links.ts";
import {
  latestSessionId,
  listSessions,
  sessionDetail,
  sessionSummary,
} from "../../db/queries/sessions.ts";
import { bulkImport } from "../../ingest/bulk_import.ts";
import { DEFAULT_INGEST_SETTINGS, loadIngestContext } from "../../ingest/context.ts";
import { generateCorpus } from "../../ingest/corpus/generate_corpus.ts";
import { LEADERBOARD_CATEGORIES, PERIODS } from "../../domain/leaderboards.ts";
import { createApp } from "../../routes/app.ts";
import { createDiscordDeps } from "../../routes/discord/discord_deps.ts";
import { generateSigningKey, signedHeaders } from "../helpers/discord_signing.ts";
import { startFakeDiscord } from "../helpers/fake_discord.ts";
import { quantile } from "./quantile.ts";

const args = Deno.args;
const option = (name: string): string | null => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1] ?? null;
};
const sessions = Number(option("--sessions") ?? 80);
const maps = Number(option("--maps") ?? 63);
const usePglite = args.includes("--pglite");
const reuse = option("--reuse");
const url = Deno.env.get("DATABASE_URL");
if (!usePglite && !url) {
  console.error("set DATABASE_URL to a local PostgreSQL (or pass --pglite)");
  Deno.exit(2);
}

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
const figures = (times: number[]) =>
  `p50 ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}  max ${
    ms(Math.max(...times))
  }`;

// --- database -------------------------------------------------------------------------------------
let db: Db;
let location: string;
if (usePglite) {
  location = reuse ?? join(await Deno.makeTempDir(), "db");
  db = await openDb({ dataDir: location });
} else {
  location = reuse ?? `bench_discord_${Date.now()}`;
  if (!reuse) {
    const admin = await openDb({ databaseUrl: url!, maxConnections: 1 });
    await admin.exec(`create schema ${location}`);
    await admin.close();
  }
  db = await openDb({ databaseUrl: url!, schema: location, maxConnections: 10 });
}
await migrate(db);
const [{ files }] = await db.query<{ files: number }>(
  "select count(*)::int as files from raw_files",
) as [{ files: number }];
if (files === 0) {
  const started = performance.now();
  const corpus = generateCorpus({ sessions, mapsPerSession: maps, seed: 2025 });
  const server = (await createServer(db, "bench", "Europe/Berlin"))!;
  const encoder = new TextEncoder();
  const summary = await bulkImport(
    db,
    { id: server.id, timeZone: server.timeZone },
    corpus.files.map((f) => ({
      fileName: f.name,
      read: () => Promise.resolve(encoder.encode(f.text)),
    })),
    await loadIngestContext(db, DEFAULT_INGEST_SETTINGS),
  );
  console.log(
    `database: imported ${summary.imported} generated files (${sessions} sessions × ${maps} maps)` +
      ` in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else {
  console.log(`database: reusing ${location} with ${files} raw files`);
}

// --- the app, Discord configured against a fake ------------------------------------------------
const fake = startFakeDiscord();
const key = await generateSigningKey();
const APP_ID = "100000000000000001";
const logged: string[] = [];
const discord = createDiscordDeps({
  publicKey: key.publicKeyHex,
  applicationId: APP_ID,
  botToken: null,
  apiBaseUrl: fake.baseUrl,
  guildId: null,
  adminRoleId: null,
  adminGuildIds: [],
}, {
  log: (level, msg, fields) => level === "error" && logged.push(`${msg} ${JSON.stringify(fields)}`),
});
const app = createApp({
  db,
  version: "bench",
  ingest: DEFAULT_INGEST_SETTINGS,
  adminToken: null,
  now: Date.now,
  logRequests: false,
  discord,
});

let counter = 0;
const member = (id: string) => ({
  user: { id, username: `user${id.slice(-3)}`, global_name: null },
  roles: [],
  permissions: "0",
});
function interaction(type: number, data: unknown, userId = "400000000000000004") {
  counter++;
  return {
    id: String(700000000000000000n + BigInt(counter)),
    application_id: APP_ID,
    type,
    token: `bench-token-${counter}`,
    version: 1,
    guild_id: "200000000000000002",
    member: member(userId),
    data,
  };
}
const command = (
  name: string,
  options: { name: string; value: string; focused?: boolean }[] = [],
) =>
  interaction(2, {
    id: "900000000000000009",
    name,
    options: options.map((o) => ({ type: 3, ...o })),
  });
const autocomplete = (name: string, option: string, typed: string) =>
  interaction(4, {
    id: "900000000000000009",
    name,
    options: [{ type: 3, name: option, value: typed, focused: true }],
  });
const click = (customId: string) => interaction(3, { custom_id: customId, component_type: 2 });

/** Sends a signed interaction; returns its parsed answer and the server-side milliseconds. */
async function send(payload: { token: string }) {
  const body = JSON.stringify(payload);
  const headers = await signedHeaders(key, body, Math.floor(Date.now() / 1000));
  const started = performance.now();
  const res = await app.request("/interactions", { method: "POST", headers, body });
  const answer = await res.json();
  return { answer, ms: performance.now() - started, started, status: res.status };
}

// --- fixtures from the data ---------------------------------------------------------------------
const latest = (await latestSessionId(db))!;
const latestSummary = (await sessionSummary(db, latest))!;
const latestDetail = await sessionDetail(db, latest, latestSummary);
const regulars = latestDetail.players.map((p) => p.guid);
await createLink(db, {
  discordUserId: "400000000000000004",
  discordName: "bench",
  guid: regulars[0]!,
  linkedBy: "400000000000000004",
});
const sessionIds = (await listSessions(db, { limit: 100, offset: 0 })).items.map((s) => s.id);
const roundIds = latestDetail.rounds.map((r) => r.id);

// --- direct commands ------------------------------------------------------------------------------
const RUNS = 40;
const direct: [string, () => unknown, number][] = [
  ["/help", () => command("help"), 4],
  ["/whoami (linked)", () => command("whoami"), 4],
  ["/sessions", () => command("sessions"), 4],
  ["/sessions → Older (button)", () => click("sessions:page:10"), 7],
  [
    `/session → Per map (button, ${latestSummary.maps} maps)`,
    () => click(`session:maps:${latest}:3`),
    7,
  ],
  ["/records", () => command("records"), 4],
  ["/records map:goldrush", () => command("records", [{ name: "map", value: "goldrush" }]), 4],
  ["autocomplete /stats player ''", () => autocomplete("stats", "player", ""), 8],
  ["autocomplete /stats player 'a'", () => autocomplete("stats", "player", "a"), 8],
  ["autocomplete /link player ''", () => autocomplete("link", "player", ""), 8],
  ["autocomplete /records map 'o'", () => autocomplete("records", "map", "o"), 8],
  ["autocomplete /session which ''", () => autocomplete("session", "which", ""), 8],
];
console.log(`\ncommands answered directly (server-side, ${RUNS} runs each after a warm-up):`);
const allDirect: number[] = [];
for (const [label, build, type] of direct) {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const { answer, ms } = await send(build() as { token: string });
    if (answer.type !== type) throw new Error(`${label}: ${JSON.stringify(answer).slice(0, 300)}`);
    if (i > 0) times.push(ms);
  }
  allDirect.push(...times);
  console.log(`  ${label.padEnd(40)} ${figures(times)}`);
}
// /link and /unlink alternate so every /link really inserts.
{
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const userId = "500000000000000005";
    const linked = await send(interaction(2, {
      id: "900000000000000009",
      name: "link",
      options: [{ type: 3, name: "player", value: regulars[1 + (i % (regulars.length - 1))]! }],
    }, userId));
    const unlinked = await send(
      interaction(2, { id: "900000000000000009", name: "unlink" }, userId),
    );
    if (!/^Linked you/.test(linked.answer.data?.content ?? "")) {
      throw new Error(`/link: ${JSON.stringify(linked.answer)}`);
    }
    if (i > 0) times.push(linked.ms, unlinked.ms);
  }
  allDirect.push(...times);
  console.log(`  ${"/link + /unlink".padEnd(40)} ${figures(times)}`);
}
console.log(`  ${"all direct answers".padEnd(40)} ${figures(allDirect)}`);

// --- deferred commands ------------------------------------------------------------------------------
const CARDS = 20;
/** Sends one deferred interaction and waits for the fake Discord to get its PATCH. */
async function timeDeferred(payload: { token: string }, ackType: number) {
  const before = fake.requests.length;
  const { answer, ms: ackMs, started } = await send(payload);
  if (answer.type !== ackType) {
    throw new Error(`expected type ${ackType}: ${JSON.stringify(answer)}`);
  }
  await discord.background.settled();
  const edit = fake.requests.slice(before).find((r) =>
    r.method === "PATCH" && r.path.includes(`/${payload.token}/messages/@original`)
  );
  if (!edit) throw new Error(`no edit for ${payload.token}`);
  const withCard = edit.parts?.some((p) => p.contentType === "image/png") ?? false;
  return { ackMs, followUpMs: edit.receivedAt - started, withCard, content: edit.payload?.content };
}

const cardPairs = regulars.flatMap((a, i) => regulars.slice(i + 1).map((b) => [a, b] as const));
// All-time boards first: the corpus' sessions lie in the past, so shorter periods are mostly empty.
const topRequests = [...PERIODS].reverse().flatMap((p) =>
  LEADERBOARD_CATEGORIES.map((c) => [c.key, p] as const)
);
const deferredCases: [string, (i: number) => unknown, number][] = [
  [
    "/session which:<id>",
    (i) =>
      command("session", [{ name: "which", value: String(sessionIds[i % sessionIds.length]) }]),
    5,
  ],
  [
    "/session → Graphs (button)",
    (i) => click(`session:graphs:${sessionIds[i % sessionIds.length]}`),
    6,
  ],
  [
    "/round which:<id>",
    (i) => command("round", [{ name: "which", value: String(roundIds[i % roundIds.length]) }]),
    5,
  ],
  [
    "/top category period",
    (i) =>
      command("top", [{ name: "category", value: topRequests[i % topRequests.length]![0] }, {
        name: "period",
        value: topRequests[i % topRequests.length]![1],
      }]),
    5,
  ],
  [
    "/stats player:<guid>",
    (i) => command("stats", [{ name: "player", value: regulars[i % regulars.length]! }]),
    5,
  ],
  [
    "/compare",
    (i) =>
      command("compare", [{ name: "player_a", value: cardPairs[i % cardPairs.length]![0] }, {
        name: "player_b",
        value: cardPairs[i % cardPairs.length]![1],
      }]),
    5,
  ],
];
console.log(
  `\ndeferred commands (interaction sent → fake Discord received the PATCH with the card; ${CARDS} ` +
    "distinct cards each, one at a time):",
);
const allFollowUps: number[] = [];
for (const [label, build, ackType] of deferredCases) {
  const acks: number[] = [];
  const followUps: number[] = [];
  let failures = 0;
  let firstFailure = "";
  // Warm-up on a card outside the measured ones (the first render also loads the fonts).
  await timeDeferred(build(CARDS) as { token: string }, ackType);
  for (let i = 0; i < CARDS; i++) {
    const result = await timeDeferred(build(i) as { token: string }, ackType);
    if (!result.withCard) {
      failures++;
      firstFailure ||= String(result.content);
      continue;
    }
    acks.push(result.ackMs);
    followUps.push(result.followUpMs);
  }
  if (followUps.length === 0) {
    console.log(`  ${label.padEnd(40)} no card (${failures} failures): ${firstFailure}`);
    continue;
  }
  allFollowUps.push(...followUps);
  console.log(
    `  ${label.padEnd(40)} follow-up ${figures(followUps)} | acknowledged p95 ${
      ms(quantile(acks, 0.95))
    }${failures > 0 ? ` | ${failures} failed: ${firstFailure}` : ""}`,
  );
}
if (allFollowUps.length > 0) {
  console.log(`  ${"all follow-ups".padEnd(40)} follow-up ${figures(allFollowUps)}`);
}
if (logged.length > 0) console.log(`\nerrors logged: ${logged.length}; first: ${logged[0]}`);

await fake.close();
await db.close();
if (args.includes("--keep")) {
  console.log(`\nkept: rerun with --reuse ${location}${usePglite ? " --pglite" : ""}`);
} else if (usePglite) {
  await Deno.remove(location, { recursive: true });
} else {
  const admin = await openDb({ databaseUrl: url!, maxConnections: 1 });
  await admin.exec(`drop schema ${location} cascade`);
  await admin.close();
}
