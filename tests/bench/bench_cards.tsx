/**
 * `deno task bench:cards`: every card end to end from data to PNG on the fixture database
 * (PGlite), uncached, with the native and the wasm resvg back-end; prints median and p95.
 * "input → PNG" starts from the card's typed input; "queries + PNG" adds the read queries.
 */
import { openDb } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { latestRoundId } from "../../db/queries/rounds.ts";
import { listSessions } from "../../db/queries/sessions.ts";
import { loadCardInput, type LoadedCard } from "../../routes/cards/load_card.ts";
import type { CardRequest } from "../../views/cards/card_request.ts";
import { createRenderer, type Renderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { quantile } from "./quantile.ts";

const ITERATIONS = Number(Deno.args[0] ?? 30);
const NOW = Date.parse("2025-09-10T12:00:00Z");

const db = await openDb({});
await migrate(db);
await seedCardFixtures(db);

const sessions = (await listSessions(db, { limit: 10, offset: 0 })).items;
const twelvePlayers = sessions.find((s) => s.players === 12)!.id;
const [guidA, guidB] = (await db.query<{ guid: string }>(
  "select guid from player_session_totals group by guid order by sum(rounds) desc, guid limit 2",
)).map((r) => r.guid);

const requests: [string, CardRequest][] = [
  ["session recap (12 players)", { kind: "session", sessionId: twelvePlayers }],
  ["session graphs (12 players)", { kind: "session_graphs", sessionId: twelvePlayers }],
  ["player profile", { kind: "player", guid: guidA! }],
  ["comparison", { kind: "compare", guidA: guidA!, guidB: guidB! }],
  ["leaderboard (kills, all)", { kind: "leaderboard", category: "kills", period: "all" }],
  ["round summary", { kind: "round", roundId: (await latestRoundId(db))! }],
];

function stats(samples: number[]): { median: number; p95: number } {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const render = (renderer: Renderer, card: LoadedCard) =>
  renderer.render(card.card.element(card.input), { width: card.card.width });

const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
console.log(`${ITERATIONS} iterations each, after one warm-up render\n`);
console.log(`${"card".padEnd(30)} ${"backend".padEnd(7)} ${"step".padEnd(15)} median       p95`);
for (const backend of ["native", "wasm"] as const) {
  const renderer = await createRenderer(backend);
  for (const [name, request] of requests) {
    const card = (await loadCardInput(db, request, NOW))!;
    const inputOnly = await time(() => render(renderer, card));
    console.log(
      `${name.padEnd(30)} ${backend.padEnd(7)} ${"input → PNG".padEnd(15)} ${
        ms(inputOnly.median)
      } ${ms(inputOnly.p95)}`,
    );
    if (backend === "native") {
      const full = await time(async () =>
        render(renderer, (await loadCardInput(db, request, NOW))!)
      );
      console.log(
        `${name.padEnd(30)} ${backend.padEnd(7)} ${"queries + PNG".padEnd(15)} ${ms(full.median)} ${
          ms(full.p95)
        }`,
      );
    }
  }
}
await db.close();
