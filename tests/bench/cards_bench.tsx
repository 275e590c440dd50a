/**
 * Card rendering, end to end from data to PNG, on the fixture database (PGlite). The "render"
 * benches start from the card's input data and bypass the cache (what a new session costs); the
 * "load + render" bench adds the read queries. Native and wasm resvg back-ends.
 */
import { openDb } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { listSessions } from "../../db/queries/sessions.ts";
import { latestRoundId } from "../../db/queries/rounds.ts";
import { loadCardInput, type LoadedCard } from "../../routes/cards/load_card.ts";
import type { CardRequest } from "../../views/cards/card_request.ts";
import { createRenderer, type Renderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";

const db = await openDb({});
await migrate(db);
await seedCardFixtures(db);
const NOW = Date.parse("2025-09-10T12:00:00Z");

const sessions = (await listSessions(db, { limit: 10, offset: 0 })).items;
const twelvePlayers = sessions.find((s) => s.players === 12)!.id;
const [guidA, guidB] = (await db.query<{ guid: string }>(
  "select guid from player_session_totals group by guid order by sum(rounds) desc, guid limit 2",
)).map((r) => r.guid);

const requests: Record<string, CardRequest> = {
  "session recap (12 players)": { kind: "session", sessionId: twelvePlayers },
  "session graphs (12 players)": { kind: "session_graphs", sessionId: twelvePlayers },
  "player profile": { kind: "player", guid: guidA! },
  "comparison": { kind: "compare", guidA: guidA!, guidB: guidB! },
  "leaderboard (kills, all)": { kind: "leaderboard", category: "kills", period: "all" },
  "round summary": { kind: "round", roundId: (await latestRoundId(db))! },
};

const loaded = new Map<string, LoadedCard>();
for (const [name, request] of Object.entries(requests)) {
  loaded.set(name, (await loadCardInput(db, request, NOW))!);
}

const backends: Record<string, Renderer> = {
  native: await createRenderer("native"),
  wasm: await createRenderer("wasm"),
};

async function render(renderer: Renderer, card: LoadedCard): Promise<void> {
  await renderer.render(card.card.element(card.input), { width: card.card.width });
}

for (const [backend, renderer] of Object.entries(backends)) {
  for (const [name, card] of loaded) {
    Deno.bench({
      name: `${name}: input → PNG`,
      group: backend,
      baseline: name.startsWith("session recap"),
      fn: () => render(renderer, card),
    });
  }
}

Deno.bench({
  name: "session recap (12 players): queries + input → PNG",
  group: "native",
  fn: async () => {
    await render(
      backends.native!,
      (await loadCardInput(db, requests["session recap (12 players)"]!, NOW))!,
    );
  },
});
