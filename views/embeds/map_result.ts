/** The embed of an automatic post after a Round 2: who won the map, on what times, and the MVP. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { MapResultRow } from "../../db/queries/channel_posts.ts";
import type { RoundPlayerRow, RoundRow } from "../../db/queries/rounds.ts";
import { COLOURS, escapeMarkdown } from "./embed_text.ts";

const DECIDED_BY: Record<string, string> = {
  double_fullhold: "double fullhold",
  round_two_winner: "Round 2 result",
  round_times: "faster time",
};

function winnerText(result: MapResultRow): string {
  if (result.winner === "draw") return "Draw";
  if (result.winner === "A") return `**${escapeMarkdown(result.teamAName)}** win`;
  if (result.winner === "B") return `**${escapeMarkdown(result.teamBName)}** win`;
  return "Not scored";
}

export function mapResultEmbed(
  result: MapResultRow,
  roundTwo: { round: RoundRow; players: RoundPlayerRow[] },
  roundOneTime: string | null,
  imageUrl: string,
): DiscordEmbed {
  const mvp = roundTwo.players.find((p) => p.guid === roundTwo.round.mvpGuid);
  const r2 = roundTwo.round.outcome === "Completed" ? roundTwo.round.nextTimeLimit : "fullhold";
  return {
    title: `${result.map} · map result`,
    description: `${winnerText(result)} ${result.pointsA}–${result.pointsB}` +
      (DECIDED_BY[result.decidedBy] ? ` (${DECIDED_BY[result.decidedBy]})` : ""),
    color: result.winner === "A"
      ? COLOURS.teamA
      : result.winner === "B"
      ? COLOURS.teamB
      : COLOURS.accent,
    fields: [
      { name: "Round 1", value: roundOneTime ?? "–", inline: true },
      { name: "Round 2", value: r2, inline: true },
      { name: "Round 2 MVP", value: mvp ? escapeMarkdown(mvp.name) : "–", inline: true },
      {
        name: "Session score",
        value: `${
          escapeMarkdown(result.teamAName)
        } ${result.sessionScoreA} – ${result.sessionScoreB} ${escapeMarkdown(result.teamBName)}`,
      },
    ],
    image: { url: imageUrl },
  };
}
