/**
 * Card requests → data → PNG. Loading reads the database (through `db/queries`) and builds the
 * card's typed input; rendering goes through one process-wide `CardRenderer` (fonts loaded once,
 * rendered cards cached by a hash of their input).
 */
import type { Db } from "../../db/client.ts";
import { leaderboard } from "../../db/queries/leaderboards.ts";
import { roundDetail } from "../../db/queries/rounds.ts";
import { sessionDetail, sessionSummary } from "../../db/queries/sessions.ts";
import {
  isPeriod,
  PERIODS,
  periodStart,
  resolveCategory,
  unknownCategoryMessage,
} from "../../domain/leaderboards.ts";
import { type CardDefinition, CardRenderer } from "../../views/cards/card.ts";
import type { CardRequest, RenderedCard } from "../../views/cards/card_request.ts";
import { compareCard } from "../../views/cards/compare.tsx";
import { leaderboardCard, leaderboardCardInput } from "../../views/cards/leaderboard.tsx";
import { playerProfileCard } from "../../views/cards/player_profile.tsx";
import { roundSummaryCard, roundSummaryInput } from "../../views/cards/round_summary.tsx";
import { sessionGraphsCard } from "../../views/cards/session_graphs.tsx";
import { sessionRecapCard, sessionRecapInput } from "../../views/cards/session_recap.tsx";
import { createRenderer, type Renderer, type RendererChoice } from "../../views/render.ts";
import { ApiError } from "../errors.ts";
import { metrics } from "../metrics.ts";
import { loadCompareInput } from "./load_compare.ts";
import { loadPlayerProfileInput } from "./load_player_profile.ts";
import { loadSessionGraphsInput } from "./load_session_graphs.ts";

/** Rows on a leaderboard card. */
export const LEADERBOARD_CARD_SIZE = 10;

/** A card definition with the input loaded for it. */
export interface LoadedCard {
  card: CardDefinition<unknown>;
  input: unknown;
}

function loaded<Input>(card: CardDefinition<Input>, input: Input | null): LoadedCard | null {
  return input === null ? null : { card: card as CardDefinition<unknown>, input };
}

async function loadLeaderboard(
  db: Db,
  request: Extract<CardRequest, { kind: "leaderboard" }>,
  nowMs: number,
): Promise<LoadedCard> {
  const category = resolveCategory(request.category);
  if (!category) {
    throw new ApiError(400, "unknown_category", unknownCategoryMessage(request.category));
  }
  if (!isPeriod(request.period)) {
    throw new ApiError(
      400,
      "unknown_period",
      `unknown period "${request.period}"; valid periods: ${PERIODS.join(", ")}`,
    );
  }
  const page = await leaderboard(db, {
    category,
    since: periodStart(request.period, nowMs),
    limit: LEADERBOARD_CARD_SIZE,
    offset: 0,
  });
  return loaded(leaderboardCard, leaderboardCardInput(category, request.period, nowMs, page))!;
}

/**
 * The card and its input for a request. Null when the session, round or player does not exist;
 * ApiError 400 for an unknown leaderboard category or period.
 */
export async function loadCardInput(
  db: Db,
  request: CardRequest,
  nowMs: number,
): Promise<LoadedCard | null> {
  switch (request.kind) {
    case "session": {
      const summary = await sessionSummary(db, request.sessionId);
      if (!summary) return null;
      const detail = await sessionDetail(db, summary.id, { substitutions: summary.substitutions });
      return loaded(sessionRecapCard, sessionRecapInput(summary, detail));
    }
    case "round": {
      const detail = await roundDetail(db, request.roundId);
      return detail
        ? loaded(roundSummaryCard, roundSummaryInput(detail.round, detail.players))
        : null;
    }
    case "session_graphs":
      return loaded(sessionGraphsCard, await loadSessionGraphsInput(db, request.sessionId));
    case "player":
      return loaded(playerProfileCard, await loadPlayerProfileInput(db, request.guid));
    case "compare":
      return loaded(compareCard, await loadCompareInput(db, request.guidA, request.guidB));
    case "leaderboard":
      return await loadLeaderboard(db, request, nowMs);
  }
}

let shared: { choice: RendererChoice; renderer: Promise<CardRenderer> } | null = null;

/** Chooses the resvg back-end of the process-wide renderer (main.ts calls it at start-up). */
export function configureCardRenderer(choice: RendererChoice): Promise<CardRenderer> {
  const observe = (card: string, seconds: number) =>
    metrics.renderDuration.observe({ card, backend: renderer.backend }, seconds);
  let renderer: Renderer;
  shared = {
    choice,
    renderer: createRenderer(choice).then((r) => {
      renderer = r;
      return new CardRenderer(r, 200, observe);
    }),
  };
  return shared.renderer;
}

/** The process-wide renderer (auto back-end unless configured). */
export function cardRenderer(): Promise<CardRenderer> {
  return shared?.renderer ?? configureCardRenderer("auto");
}

/** Loads and renders a card; null for an unknown id (see `loadCardInput`). */
export async function loadCard(
  db: Db,
  request: CardRequest,
  nowMs: number = Date.now(),
): Promise<RenderedCard | null> {
  const card = await loadCardInput(db, request, nowMs);
  if (!card) return null;
  return await (await cardRenderer()).render(card.card, card.input);
}
