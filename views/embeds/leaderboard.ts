/** The embed around a leaderboard card (/top): category, period and who is ranked. */
import type { DiscordEmbed } from "@discordeno/bot";
import {
  describeMinimum,
  type LeaderboardCategory,
  type Period,
  seasonLabel,
} from "../../domain/leaderboards.ts";
import { COLOURS } from "./embed_text.ts";

/** A period in words: "All time", "Last 7 days", "Season 2025-Q3". */
export function periodLabel(period: Period, nowMs: number): string {
  switch (period) {
    case "7d":
      return "Last 7 days";
    case "30d":
      return "Last 30 days";
    case "season":
      return `Season ${seasonLabel(nowMs)}`;
    case "all":
      return "All time";
  }
}

/** Who a category ranks, in words: "Ranked: more than 50 rounds and more than 0 deaths". */
export function minimumsText(category: LeaderboardCategory): string {
  return category.minimums.length === 0
    ? "Every player is ranked"
    : `Ranked: ${category.minimums.map(describeMinimum).join(" and ")}`;
}

export function leaderboardEmbed(
  category: LeaderboardCategory,
  period: Period,
  nowMs: number,
  imageUrl: string,
): DiscordEmbed {
  const order = category.order === "asc" ? " · lower is better" : "";
  return {
    title: `Top ${category.title.toLowerCase()} · ${periodLabel(period, nowMs)}`,
    description: `${category.unit}${order}`,
    color: COLOURS.accent,
    footer: { text: minimumsText(category) },
    image: { url: imageUrl },
  };
}
