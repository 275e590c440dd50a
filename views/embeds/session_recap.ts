/** The embed around a session card (/session and its buttons): score, size and length. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { SessionSummaryRow } from "../../db/queries/sessions.ts";
import { COLOURS, escapeMarkdown, hoursMinutes } from "./embed_text.ts";

/** "**Team A** 6 – 4 **Team B**" */
export function scoreLine(summary: SessionSummaryRow): string {
  return `**${escapeMarkdown(summary.teamAName)}** ${summary.scoreA} – ${summary.scoreB} ` +
    `**${escapeMarkdown(summary.teamBName)}**`;
}

/** The session's colour: the winning team's, neutral on a tie. */
function resultColour(summary: SessionSummaryRow): number {
  if (summary.scoreA > summary.scoreB) return COLOURS.teamA;
  if (summary.scoreB > summary.scoreA) return COLOURS.teamB;
  return COLOURS.accent;
}

export function sessionTitle(summary: SessionSummaryRow): string {
  return `Session ${summary.date} · ${summary.server}`;
}

export function sessionRecapEmbed(
  summary: SessionSummaryRow,
  view: "overview" | "graphs",
  imageUrl: string,
): DiscordEmbed {
  const durationSeconds = (Date.parse(summary.endedAt) - Date.parse(summary.startedAt)) / 1000;
  return {
    title: view === "graphs" ? `${sessionTitle(summary)} · graphs` : sessionTitle(summary),
    description: scoreLine(summary),
    color: resultColour(summary),
    fields: [
      { name: "Maps", value: String(summary.maps), inline: true },
      {
        name: "Maps won",
        value: `${summary.mapsWonA} – ${summary.mapsWonB}${
          summary.draws > 0 ? ` (${summary.draws} drawn)` : ""
        }`,
        inline: true,
      },
      { name: "Rounds", value: String(summary.rounds), inline: true },
      { name: "Players", value: String(summary.players), inline: true },
      { name: "Duration", value: hoursMinutes(durationSeconds), inline: true },
    ],
    footer: { text: `Session ${summary.id} · ${summary.key}` },
    image: { url: imageUrl },
  };
}
