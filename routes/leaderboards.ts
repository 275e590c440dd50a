/**
 * `GET /api/v1/leaderboards` (the categories), `GET /api/v1/leaderboards/:category` (a ranked page
 * of one category over a period) and `GET /api/v1/records` (the Hall of Fame).
 */
import { Hono } from "hono";
import { z } from "zod";
import { leaderboard } from "../db/queries/leaderboards.ts";
import { records } from "../db/queries/records.ts";
import {
  describeMinimum,
  LEADERBOARD_CATEGORIES,
  type LeaderboardCategory,
  PERIODS,
  periodStart,
  resolveCategory,
  seasonLabel,
  unknownCategoryMessage,
} from "../domain/leaderboards.ts";
import type { AppDeps } from "./app.ts";
import { ApiError } from "./errors.ts";
import { parseParam } from "./params.ts";

/** Most rows one page may ask for. */
export const MAX_PAGE_SIZE = 100;

const pageQuery = z.object({
  period: z.enum(PERIODS).default("all"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const recordsQuery = z.object({
  map: z.string().trim().min(1).max(64).optional(),
});

/** A category as JSON: everything but its functions. */
function describeCategory(category: LeaderboardCategory) {
  return {
    key: category.key,
    aliases: category.aliases,
    title: category.title,
    unit: category.unit,
    decimals: category.decimals,
    order: category.order,
    minimums: category.minimums.map((m) => ({ ...m, description: describeMinimum(m) })),
  };
}

/**
 * The leaderboard and records routes. Unknown categories answer 404 `unknown_category` (the
 * Discord command's fallback to kills is not an API's business); bad query values 400.
 */
export function leaderboardRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get("/api/v1/leaderboards", (c) =>
    c.json({
      categories: LEADERBOARD_CATEGORIES.map(describeCategory),
      periods: PERIODS,
      defaultPeriod: "all",
    }));

  app.get("/api/v1/leaderboards/:category", async (c) => {
    const name = c.req.param("category");
    const category = resolveCategory(name);
    if (!category) {
      throw new ApiError(404, "unknown_category", unknownCategoryMessage(name));
    }
    const query = parseParam(pageQuery, c.req.query(), "query");
    const now = deps.now();
    const since = periodStart(query.period, now);
    const page = await leaderboard(deps.db, {
      category,
      since,
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({
      category: describeCategory(category),
      period: {
        key: query.period,
        since,
        ...(query.period === "season" ? { season: seasonLabel(now) } : {}),
      },
      total: page.total,
      limit: query.limit,
      offset: query.offset,
      entries: page.entries,
    });
  });

  app.get("/api/v1/records", async (c) => {
    const query = parseParam(recordsQuery, c.req.query(), "query");
    const map = query.map ?? null;
    return c.json({ map, ...await records(deps.db, { map }) });
  });

  return app;
}
