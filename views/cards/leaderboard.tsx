/** A leaderboard category over a period: the top 10 with rank, name, value and rounds. */
import type { LeaderboardEntry } from "../../db/queries/leaderboards.ts";
import {
  describeMinimum,
  type LeaderboardCategory,
  type Period,
  seasonLabel,
} from "../../domain/leaderboards.ts";
import { CardFrame, Panel } from "../components/card_frame.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { type Column, Table } from "../components/table.tsx";
import { fixed, thousands } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { CardDefinition } from "./card.ts";

export interface LeaderboardCardInput {
  category: { key: string; title: string; unit: string; decimals: number; minimums: string[] };
  period: { key: Period; label: string };
  /** Players that meet the minimums in the period. */
  total: number;
  entries: { rank: number; name: string; value: number; rounds: number }[];
}

const PERIOD_LABELS: Record<Period, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  season: "This season",
  all: "All time",
};

export function leaderboardCardInput(
  category: LeaderboardCategory,
  period: Period,
  nowMs: number,
  page: { total: number; entries: LeaderboardEntry[] },
): LeaderboardCardInput {
  return {
    category: {
      key: category.key,
      title: category.title,
      unit: category.unit,
      decimals: category.decimals,
      minimums: category.minimums.map(describeMinimum),
    },
    period: {
      key: period,
      label: period === "season" ? `Season ${seasonLabel(nowMs)}` : PERIOD_LABELS[period],
    },
    total: page.total,
    entries: page.entries.map((e) => ({
      rank: e.rank,
      name: e.name,
      value: e.value,
      rounds: e.rounds,
    })),
  };
}

const MEDALS = [THEME.gold, THEME.silver, THEME.bronze];
type Entry = LeaderboardCardInput["entries"][number];

function valueText(input: LeaderboardCardInput, value: number): string {
  const { decimals, unit } = input.category;
  const number = decimals === 0 ? thousands(value) : fixed(value, decimals);
  return unit.startsWith("%") ? `${number}%` : number;
}

export const leaderboardCard: CardDefinition<LeaderboardCardInput> = {
  name: "leaderboard",
  version: 1,
  width: 720,
  fileName: (input) => `top-${input.category.key}-${input.period.key}.png`,
  element: (input) => {
    const columns: Column<Entry>[] = [
      {
        label: "#",
        width: 44,
        numeric: true,
        cell: (e) => (
          <span style={{ color: MEDALS[e.rank - 1] ?? THEME.muted, fontWeight: 700 }}>
            {String(e.rank)}
          </span>
        ),
      },
      {
        label: "Player",
        width: 360,
        cell: (e) => (
          <PlayerName
            name={e.name}
            maxWidth={350}
            fontSize={TYPE.emphasis - 2}
            fontWeight={e.rank <= 3 ? 700 : 400}
          />
        ),
      },
      {
        label: input.category.title,
        width: 140,
        align: "right",
        numeric: true,
        cell: (e) => (
          <span style={{ fontWeight: 700, color: MEDALS[e.rank - 1] ?? THEME.text }}>
            {valueText(input, e.value)}
          </span>
        ),
      },
      {
        label: "Rounds",
        width: 84,
        align: "right",
        numeric: true,
        cell: (e) => <span style={{ color: THEME.muted }}>{String(e.rounds)}</span>,
      },
    ];
    const minimums = input.category.minimums.length > 0
      ? `Ranked: ${input.category.minimums.join(", ")}`
      : "Every player with a counted round";
    return (
      <CardFrame
        width={720}
        title={`Top ${input.category.title}`}
        subtitle={`${input.period.label} · ${input.category.unit} · ${input.total} ranked player${
          input.total === 1 ? "" : "s"
        }`}
      >
        <Panel>
          {input.entries.length > 0
            ? (
              <Table
                columns={columns}
                rows={input.entries}
                fontSize={TYPE.emphasis - 2}
                rowAccent={(e) => MEDALS[e.rank - 1] ?? null}
              />
            )
            : (
              <div style={{ display: "flex", color: THEME.muted, padding: SPACE.lg }}>
                Nobody qualifies in this period yet.
              </div>
            )}
        </Panel>
        <div style={{ display: "flex", color: THEME.faint, fontSize: TYPE.small }}>{minimums}</div>
      </CardFrame>
    );
  },
};
