/**
 * A session's per-map view (/session → "Per map"): each map's result and rounds (outcome, time,
 * MVP), a page of maps at a time, and the session's top players.
 */
import type { DiscordEmbed, DiscordEmbedField } from "@discordeno/bot";
import type {
  SessionMapRow,
  SessionPlayerRow,
  SessionRoundRow,
  SessionSummaryRow,
} from "../../db/queries/sessions.ts";
import { dpm, kdRatio } from "../../domain/metrics.ts";
import { clock, COLOURS, EMBED_LIMITS, escapeMarkdown, fixed, truncate } from "./embed_text.ts";
import { scoreLine, sessionTitle } from "./session_recap.ts";

/** Maps per page: eight maps' rounds stay well inside an embed's 6,000 characters. */
export const MAPS_PER_PAGE = 8;
const TOP_PLAYERS = 5;

export interface SessionDetailRows {
  maps: SessionMapRow[];
  rounds: SessionRoundRow[];
  players: SessionPlayerRow[];
}

export function mapPageCount(mapCount: number): number {
  return Math.max(1, Math.ceil(mapCount / MAPS_PER_PAGE));
}

function mapResult(map: SessionMapRow, summary: SessionSummaryRow): string {
  if (map.state !== "complete") {
    return `${map.state === "abandoned" ? "Not finished" : "Orphan round"}: not counted`;
  }
  if (!map.counted) return "Not counted";
  const points = `(${map.pointsA}–${map.pointsB})`;
  const suffix = map.ambiguous ? " · rosters changed, no points" : "";
  switch (map.winner) {
    case "A":
      return `**${escapeMarkdown(summary.teamAName)}** win ${points}${suffix}`;
    case "B":
      return `**${escapeMarkdown(summary.teamBName)}** win ${points}${suffix}`;
    case "draw":
      return `Draw ${points}${suffix}`;
    default:
      return `Undecided${suffix}`;
  }
}

function roundLine(round: SessionRoundRow): string {
  const outcome = round.outcome === "Completed"
    ? `completed in ${round.nextTimeLimit}`
    : round.outcome === "Fullhold"
    ? `fullhold (${round.timeLimit})`
    : `outcome unknown (${clock(round.durationSeconds)})`;
  const status = round.status === "completed" ? "" : ` · ${round.status.replace("_", " ")}`;
  const mvp = round.mvpName ? ` · MVP ${escapeMarkdown(round.mvpName)}` : "";
  return `R${round.round}: ${outcome}${status}${mvp}`;
}

function mapField(
  map: SessionMapRow,
  summary: SessionSummaryRow,
  rounds: SessionRoundRow[],
): DiscordEmbedField {
  const lines = [mapResult(map, summary), ...rounds.map(roundLine)];
  return {
    name: truncate(`${map.index}. ${map.map}`, EMBED_LIMITS.fieldName),
    value: truncate(lines.join("\n"), EMBED_LIMITS.fieldValue),
  };
}

function topPlayersField(players: SessionPlayerRow[]): DiscordEmbedField {
  const top = players.slice(0, TOP_PLAYERS).map((p, i) =>
    `${i + 1}. ${escapeMarkdown(p.name)}: ${p.kills} kills, K/D ${fixed(kdRatio(p), 2)}, ` +
    `DPM ${fixed(dpm(p), 1)}`
  );
  return {
    name: "Top players (by kills)",
    value: truncate(top.length > 0 ? top.join("\n") : "–", EMBED_LIMITS.fieldValue),
  };
}

/** One page (0-based, clamped to the last) of a session's maps. */
export function sessionMapsEmbed(
  summary: SessionSummaryRow,
  detail: SessionDetailRows,
  page: number,
): DiscordEmbed {
  const pages = mapPageCount(detail.maps.length);
  const current = Math.min(page, pages - 1);
  const shown = detail.maps.slice(current * MAPS_PER_PAGE, (current + 1) * MAPS_PER_PAGE);
  const fields = shown.map((map) =>
    mapField(map, summary, detail.rounds.filter((r) => r.matchId === map.matchId))
  );
  fields.push(topPlayersField(detail.players));
  return {
    title: `${sessionTitle(summary)} · per map`,
    description: detail.maps.length > 0 ? scoreLine(summary) : `${scoreLine(summary)}\nNo maps.`,
    color: COLOURS.accent,
    fields,
    footer: { text: `Session ${summary.id} · page ${current + 1} of ${pages}` },
  };
}
