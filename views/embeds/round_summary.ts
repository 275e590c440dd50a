/** The embed around a round card (/round): header facts, status and MVP. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { RoundPlayerRow, RoundRow } from "../../db/queries/rounds.ts";
import { clock, COLOURS, escapeMarkdown, localDateTime } from "./embed_text.ts";

function outcomeText(round: RoundRow): string {
  if (round.outcome === "Completed") return `Completed in ${round.nextTimeLimit}`;
  if (round.outcome === "Fullhold") return `Fullhold (${round.timeLimit})`;
  return "Unknown";
}

export function roundSummaryEmbed(
  round: RoundRow,
  players: RoundPlayerRow[],
  imageUrl: string,
): DiscordEmbed {
  const mvp = players.find((p) => p.guid === round.mvpGuid);
  const status = round.isValid
    ? round.status.replace("_", " ")
    : `${round.status.replace("_", " ")}, not counted (${round.invalidReason ?? "invalid"})`;
  return {
    title: `${round.map} · Round ${round.round}`,
    description: `${localDateTime(round.localDateTime)} · ${escapeMarkdown(round.server)}`,
    color: round.isValid ? COLOURS.accent : COLOURS.warning,
    fields: [
      { name: "Outcome", value: outcomeText(round), inline: true },
      { name: "Duration", value: clock(round.durationSeconds), inline: true },
      {
        name: "Players",
        value: round.botCount > 0
          ? `${round.humanCount} + ${round.botCount} bots`
          : String(round.humanCount),
        inline: true,
      },
      { name: "Status", value: status, inline: true },
      { name: "MVP", value: mvp ? escapeMarkdown(mvp.name) : "–", inline: true },
      { name: "Session", value: round.sessionKey ?? "–", inline: true },
    ],
    footer: { text: `Round ${round.id} · ${round.fileName}` },
    image: { url: imageUrl },
  };
}
