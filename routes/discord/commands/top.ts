/** `/top category [period]`: a leaderboard card for one of the 13 categories. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import {
  isPeriod,
  LEADERBOARD_CATEGORIES,
  type Period,
  PERIODS,
  resolveCategory,
} from "../../../domain/leaderboards.ts";
import { leaderboardEmbed, minimumsText, periodLabel } from "../../../views/embeds/leaderboard.ts";
import { quoted } from "../../../views/embeds/embed_text.ts";
import { renderCard } from "../card_message.ts";
import { deferred, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";

const DEFAULT_PERIOD: Period = "all";
const MAX_CHOICE_NAME = 100;

/** "Kill/death ratio · more than 50 rounds and more than 0 deaths" (choice names: ≤ 100). */
function categoryChoiceName(category: (typeof LEADERBOARD_CATEGORIES)[number]): string {
  const minimums = minimumsText(category).replace(/^Ranked: /, "");
  const name = `${category.title} · ${minimums}`;
  return name.length <= MAX_CHOICE_NAME ? name : `${name.slice(0, MAX_CHOICE_NAME - 1)}…`;
}

/** Period names for the choices; seasons are labelled in the embed with their quarter. */
const PERIOD_NAMES: Record<Period, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  season: "This season (calendar quarter, UTC)",
  all: "All time",
};

export const topCommand: SlashCommand = {
  definition: {
    name: "top",
    description: "A leaderboard card: the best players of a category",
    options: [
      {
        type: ApplicationCommandOptionTypes.String,
        name: "category",
        description: "What to rank by (players must meet the category's minimums)",
        required: true,
        choices: LEADERBOARD_CATEGORIES.map((c) => ({ name: categoryChoiceName(c), value: c.key })),
      },
      {
        type: ApplicationCommandOptionTypes.String,
        name: "period",
        description: "Which sessions count (default: all time)",
        choices: PERIODS.map((p) => ({ name: PERIOD_NAMES[p], value: p })),
      },
    ],
  },

  run({ ctx, options }) {
    const typed = options.string("category") ?? "";
    const category = resolveCategory(typed);
    if (!category) {
      throw new CommandError(
        `Unknown category ${quoted(typed)}. Pick one from the list: ${
          LEADERBOARD_CATEGORIES.map((c) => c.key).join(", ")
        }.`,
      );
    }
    const period = options.string("period") ?? DEFAULT_PERIOD;
    if (!isPeriod(period)) {
      throw new CommandError(
        `Unknown period ${quoted(period)}. Pick one of: ${PERIODS.join(", ")} (all = all time).`,
      );
    }
    const now = ctx.now();
    return Promise.resolve(deferred(async () => {
      const attachment = await renderCard(
        ctx.db,
        { kind: "leaderboard", category: category.key, period },
        `The ${category.key} leaderboard could not be drawn for ${periodLabel(period, now)}.`,
        now,
      );
      return {
        embeds: [leaderboardEmbed(category, period, now, attachment.url)],
        files: [attachment.file],
      };
    }));
  },
};
