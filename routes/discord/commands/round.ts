/** `/round [which]`: a round's summary card; the last round by default. */
import { ApplicationCommandOptionTypes } from "@discordeno/bot";
import { latestRoundId, roundDetail } from "../../../db/queries/rounds.ts";
import { roundSummaryEmbed } from "../../../views/embeds/round_summary.ts";
import { quoted } from "../../../views/embeds/embed_text.ts";
import { renderCard } from "../card_message.ts";
import { deferred, type SlashCommand } from "../command.ts";
import { CommandError } from "../command_error.ts";

const HOW_TO = "type a round number (the footer of `/round` shows it) or `latest`.";

export const NO_ROUNDS = "No round has been recorded yet: rounds appear once a game server " +
  "uploads its stats files.";

export const roundCommand: SlashCommand = {
  definition: {
    name: "round",
    description: "A round's summary card (the last round by default)",
    options: [{
      type: ApplicationCommandOptionTypes.String,
      name: "which",
      description: "latest (default) or a round number",
    }],
  },

  async run({ ctx, options }) {
    const which = options.string("which");
    let roundId: number;
    if (which === null || which.toLowerCase() === "latest") {
      const latest = await latestRoundId(ctx.db);
      if (latest === null) throw new CommandError(NO_ROUNDS);
      roundId = latest;
    } else if (/^#?\d{1,10}$/.test(which)) {
      roundId = Number(which.replace("#", ""));
    } else {
      throw new CommandError(`${quoted(which)} is not a round: ${HOW_TO}`);
    }
    const detail = roundId <= 2 ** 31 - 1 ? await roundDetail(ctx.db, roundId) : null;
    if (!detail) throw new CommandError(`There is no round ${which}: ${HOW_TO}`);
    return deferred(async () => {
      const attachment = await renderCard(
        ctx.db,
        { kind: "round", roundId },
        `Round ${roundId} does not exist (any more): try \`/round\` again.`,
        ctx.now(),
      );
      return {
        embeds: [roundSummaryEmbed(detail.round, detail.players, attachment.url)],
        files: [attachment.file],
      };
    });
  },
};
