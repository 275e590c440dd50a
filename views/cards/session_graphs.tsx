/** The graphs card of one gaming session: DPM per map per player, team kills per map, support play. */
import { stripColourCodes } from "../../domain/names.ts";
import type { PlayerSums } from "../../db/queries/sums.ts";
import type { SessionSummaryRow } from "../../db/queries/sessions.ts";
import type {
  SessionGraphMapRow,
  SessionGraphPlayerMapRow,
} from "../../db/queries/session_graphs.ts";
import { statLine } from "../json/stat_line.ts";
import { CardFrame, Panel } from "../components/card_frame.tsx";
import {
  type BarSeries,
  GroupedBarChart,
  LineChart,
  SeriesKey,
  seriesStyle,
} from "../components/charts.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { type Column, Table } from "../components/table.tsx";
import { Chip, teamColour, type TeamSide } from "../components/team_chip.tsx";
import { NUMBER_FONT } from "../fonts.ts";
import { clock, fixed } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { CardDefinition } from "./card.ts";

export interface GraphsMap {
  map: string;
  /** Kills of each persistent team's players on this map. */
  teamKills: Record<TeamSide, number>;
  /** Kills and deaths of every player on this map (teams or not). */
  kills: number;
  deaths: number;
}

export interface GraphsPlayer {
  guid: string;
  name: string;
  team: TeamSide | null;
  /** DPM over the session's counted completed rounds; null without played time. */
  dpm: number | null;
  /** DPM per map, aligned with `maps`; null where the player did not play (or had no played time). */
  dpmByMap: (number | null)[];
  kills: number;
  deaths: number;
  revivesGiven: number;
  timesRevived: number;
  usefulKills: number;
  /** Seconds of play denied to opponents. */
  deniedPlaytime: number;
}

export interface SessionGraphsInput {
  id: number;
  date: string;
  server: string;
  teams: Record<TeamSide, { name: string }>;
  /** Maps with counted completed rounds, in play order. */
  maps: GraphsMap[];
  /** Every player, by session DPM (highest first); a player's line colour follows this order. */
  players: GraphsPlayer[];
}

const SUM_KEYS: readonly (keyof PlayerSums)[] = [
  "rounds",
  "kills",
  "deaths",
  "headshots",
  "headshotKills",
  "hits",
  "shots",
  "damageGiven",
  "damageReceived",
  "teamDamageGiven",
  "timedDamageGiven",
  "playedSeconds",
  "timeDeadSeconds",
  "gibs",
  "xp",
  "revivesGiven",
  "timesRevived",
  "objectives",
  "dynamitesPlanted",
  "dynamitesDefused",
  "usefulKills",
  "deniedPlaytime",
  "multikills",
];

/** Field-by-field sums of per-map sums (sums over sums, then the metrics). */
function addSums(rows: readonly PlayerSums[]): PlayerSums {
  const total = Object.fromEntries(SUM_KEYS.map((key) => [key, 0])) as unknown as PlayerSums;
  for (const row of rows) {
    for (const key of SUM_KEYS) total[key] += Number(row[key] ?? 0);
  }
  return total;
}

/** Builds the card input from the session summary and the per-map player sums. */
export function sessionGraphsInput(
  summary: SessionSummaryRow,
  data: { maps: SessionGraphMapRow[]; players: SessionGraphPlayerMapRow[] },
): SessionGraphsInput {
  const mapIndex = new Map(data.maps.map((m, i) => [m.matchId, i]));
  const byPlayer = new Map<string, SessionGraphPlayerMapRow[]>();
  for (const row of data.players) {
    if (!mapIndex.has(row.matchId)) continue;
    const rows = byPlayer.get(row.guid) ?? [];
    rows.push(row);
    byPlayer.set(row.guid, rows);
  }
  const maps: GraphsMap[] = data.maps.map((m) => {
    const rows = data.players.filter((r) => r.matchId === m.matchId);
    const killsOf = (team: TeamSide) =>
      rows.filter((r) => r.team === team).reduce((sum, r) => sum + r.kills, 0);
    return {
      map: m.map,
      teamKills: { A: killsOf("A"), B: killsOf("B") },
      kills: rows.reduce((sum, r) => sum + r.kills, 0),
      deaths: rows.reduce((sum, r) => sum + r.deaths, 0),
    };
  });
  const players: GraphsPlayer[] = [...byPlayer.values()].map((rows) => {
    const first = rows[0]!;
    const line = statLine(addSums(rows));
    const dpmByMap: (number | null)[] = data.maps.map(() => null);
    for (const row of rows) dpmByMap[mapIndex.get(row.matchId)!] = statLine(row).dpm;
    return {
      guid: first.guid,
      name: first.name,
      team: first.team,
      dpm: line.dpm,
      dpmByMap,
      kills: line.kills,
      deaths: line.deaths,
      revivesGiven: line.revivesGiven,
      timesRevived: line.timesRevived,
      usefulKills: line.usefulKills,
      deniedPlaytime: line.deniedPlaytime,
    };
  }).sort((a, b) =>
    (b.dpm ?? -1) - (a.dpm ?? -1) || b.kills - a.kills || a.name.localeCompare(b.name) ||
    a.guid.localeCompare(b.guid)
  );
  return {
    id: summary.id,
    date: summary.date,
    server: summary.server,
    teams: { A: { name: summary.teamAName }, B: { name: summary.teamBName } },
    maps,
    players,
  };
}

const CONTENT_WIDTH = 1040 - 2 * SPACE.xl;
/** Inside a panel: its padding and border taken off. */
const PANEL_INNER = CONTENT_WIDTH - 2 * SPACE.lg - 2;
const LEGEND_WIDTH = 250;
const LINE_CHART_WIDTH = PANEL_INNER - LEGEND_WIDTH - SPACE.xl;
const LINE_CHART_HEIGHT = 300;
const KILLS_PANEL_WIDTH = 430;

function Empty(props: { text: string }) {
  return <div style={{ display: "flex", color: THEME.muted }}>{props.text}</div>;
}

/** A short line with a dot in the series' colour and dash. */
function Swatch(props: { index: number }) {
  const { colour, dashed } = seriesStyle(props.index);
  return (
    <svg width={24} height={12} viewBox="0 0 24 12">
      <line
        x1={1}
        x2={23}
        y1={6}
        y2={6}
        stroke={colour}
        strokeWidth={2.5}
        strokeDasharray={dashed ? "4 3" : undefined}
      />
      <circle cx={12} cy={6} r={3.5} fill={colour} />
    </svg>
  );
}

function DpmLegend(props: { players: GraphsPlayer[] }) {
  const n = props.players.length;
  const rowHeight = Math.max(17, Math.min(24, Math.floor((LINE_CHART_HEIGHT - 20) / n)));
  const fontSize = rowHeight >= 22 ? TYPE.small : 12;
  return (
    <div style={{ display: "flex", flexDirection: "column", width: LEGEND_WIDTH }}>
      <div
        style={{
          display: "flex",
          justifyContent: "space-between",
          color: THEME.faint,
          fontSize: 12,
          height: 20,
        }}
      >
        <div style={{ display: "flex" }}>Player</div>
        <div style={{ display: "flex" }}>Session DPM</div>
      </div>
      {props.players.map((p, i) => (
        <div style={{ display: "flex", alignItems: "center", height: rowHeight, gap: SPACE.sm }}>
          <Swatch index={i} />
          <div style={{ display: "flex", width: LEGEND_WIDTH - 24 - 56 - 2 * SPACE.sm }}>
            <PlayerName
              name={p.name}
              maxWidth={LEGEND_WIDTH - 24 - 56 - 2 * SPACE.sm}
              fontSize={fontSize}
            />
          </div>
          <div
            style={{
              display: "flex",
              width: 56,
              justifyContent: "flex-end",
              fontFamily: NUMBER_FONT,
              fontSize,
              color: seriesStyle(i).colour,
            }}
          >
            {fixed(p.dpm, 1)}
          </div>
        </div>
      ))}
    </div>
  );
}

function DpmPanel(props: { input: SessionGraphsInput }) {
  const { maps, players } = props.input;
  return (
    <Panel heading="DPM per map">
      {maps.length > 0 && players.length > 0
        ? (
          <div style={{ display: "flex", gap: SPACE.xl }}>
            <LineChart
              width={LINE_CHART_WIDTH}
              height={LINE_CHART_HEIGHT}
              xLabels={maps.map((m) => m.map)}
              series={players.map((p, i) => ({ values: p.dpmByMap, ...seriesStyle(i) }))}
              minMax={100}
              ticks={5}
              formatTick={(v) => String(Math.round(v))}
            />
            <DpmLegend players={players} />
          </div>
        )
        : <Empty text="No completed rounds" />}
    </Panel>
  );
}

/** Bars drawn at most (a marathon session shows its latest maps; totals still count all). */
const MAX_BAR_MAPS = 14;

function KillsPanel(props: { input: SessionGraphsInput }) {
  const { maps, players, teams } = props.input;
  const hasTeams = players.some((p) => p.team !== null);
  const series: BarSeries[] = hasTeams
    ? [
      { label: `${teams.A.name} kills`, colour: teamColour("A") },
      { label: `${teams.B.name} kills`, colour: teamColour("B") },
    ]
    : [{ label: "Kills", colour: THEME.text }, { label: "Deaths", colour: THEME.muted }];
  const inner = KILLS_PANEL_WIDTH - 2 * SPACE.lg - 2;
  // Spread the rows over the height of the support table beside the chart (28 px a player).
  const besideHeight = 22 + 28 * players.length - 25 - 38;
  const rowHeight = Math.max(
    34,
    Math.min(56, Math.floor(besideHeight / Math.max(1, Math.min(maps.length, MAX_BAR_MAPS)))),
  );
  return (
    <div style={{ display: "flex", width: KILLS_PANEL_WIDTH }}>
      <Panel heading={hasTeams ? "Team kills per map" : "Kills and deaths per map"} grow>
        {maps.length > 0 && players.length > 0
          ? (
            <div style={{ display: "flex", flexDirection: "column", gap: SPACE.sm }}>
              <SeriesKey series={series} maxLabelWidth={(inner - SPACE.md) / 2 - 20} />
              <GroupedBarChart
                width={inner}
                labelWidth={124}
                rowHeight={rowHeight}
                barHeight={rowHeight >= 46 ? 14 : 12}
                series={series}
                groups={maps.slice(-MAX_BAR_MAPS).map((m) => ({
                  label: m.map,
                  values: hasTeams ? [m.teamKills.A, m.teamKills.B] : [m.kills, m.deaths],
                }))}
              />
              {maps.length > MAX_BAR_MAPS
                ? (
                  <div style={{ display: "flex", color: THEME.muted, fontSize: TYPE.small }}>
                    {`the last ${MAX_BAR_MAPS} of ${maps.length} maps; totals count every map`}
                  </div>
                )
                : null}
              <SessionTotals input={props.input} series={series} hasTeams={hasTeams} />
            </div>
          )
          : <Empty text="No completed rounds" />}
      </Panel>
    </div>
  );
}

/** The session's sums of the bars, under the chart. */
function SessionTotals(
  props: { input: SessionGraphsInput; series: BarSeries[]; hasTeams: boolean },
) {
  const sum = (value: (m: GraphsMap) => number) =>
    props.input.maps.reduce((total, m) => total + value(m), 0);
  const totals = props.hasTeams
    ? [sum((m) => m.teamKills.A), sum((m) => m.teamKills.B)]
    : [sum((m) => m.kills), sum((m) => m.deaths)];
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        gap: SPACE.sm,
        paddingTop: SPACE.sm,
        borderTop: `1px solid ${THEME.border}`,
        fontSize: TYPE.small,
      }}
    >
      <div style={{ display: "flex", color: THEME.muted }}>Session total</div>
      <div style={{ display: "flex", fontFamily: NUMBER_FONT, fontWeight: 700, gap: SPACE.xs }}>
        <span style={{ color: props.series[0]?.colour }}>{String(totals[0] ?? 0)}</span>
        <span style={{ color: THEME.faint }}>–</span>
        <span style={{ color: props.series[1]?.colour }}>{String(totals[1] ?? 0)}</span>
      </div>
    </div>
  );
}

function SupportPanel(props: { players: GraphsPlayer[] }) {
  const rows = [...props.players].sort((a, b) =>
    b.revivesGiven - a.revivesGiven || b.usefulKills - a.usefulKills ||
    b.deniedPlaytime - a.deniedPlaytime || a.name.localeCompare(b.name)
  );
  // The column's best in gold, unless everybody has it (one player, or all equal).
  const best = (value: (p: GraphsPlayer) => number) => {
    const max = Math.max(0, ...rows.map(value));
    return rows.every((p) => value(p) === max) ? Infinity : max;
  };
  const top = {
    revives: best((p) => p.revivesGiven),
    revived: best((p) => p.timesRevived),
    useful: best((p) => p.usefulKills),
    denied: best((p) => p.deniedPlaytime),
  };
  const cell = (value: number, max: number, text: string) => (
    <span style={{ color: value > 0 && value === max ? THEME.gold : THEME.text }}>{text}</span>
  );
  const columns: Column<GraphsPlayer>[] = [
    {
      label: "Player",
      width: 172,
      cell: (p) => <PlayerName name={p.name} maxWidth={164} fontSize={TYPE.small} />,
    },
    {
      label: "Revives",
      width: 72,
      align: "right",
      numeric: true,
      cell: (p) => cell(p.revivesGiven, top.revives, String(p.revivesGiven)),
    },
    {
      label: "Revived",
      width: 76,
      align: "right",
      numeric: true,
      cell: (p) => cell(p.timesRevived, top.revived, String(p.timesRevived)),
    },
    {
      label: "Useful K",
      width: 78,
      align: "right",
      numeric: true,
      cell: (p) => cell(p.usefulKills, top.useful, String(p.usefulKills)),
    },
    {
      label: "Denied",
      width: 78,
      align: "right",
      numeric: true,
      cell: (p) => cell(p.deniedPlaytime, top.denied, clock(p.deniedPlaytime)),
    },
  ];
  return (
    <Panel heading="Support" grow>
      {rows.length > 0
        ? (
          <Table
            columns={columns}
            rows={rows}
            fontSize={TYPE.small}
            rowAccent={(p) => p.team ? teamColour(p.team) : null}
          />
        )
        : <Empty text="No players" />}
    </Panel>
  );
}

function Teams(props: { teams: SessionGraphsInput["teams"] }) {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: SPACE.sm }}>
      <Chip text={props.teams.A.name} colour={teamColour("A")} />
      <div style={{ display: "flex", color: THEME.faint, fontSize: TYPE.small }}>vs</div>
      <Chip text={props.teams.B.name} colour={teamColour("B")} />
    </div>
  );
}

export const sessionGraphsCard: CardDefinition<SessionGraphsInput> = {
  name: "session-graphs",
  version: 1,
  width: 1040,
  fileName: (input) => `session-${input.id}-graphs.png`,
  element: (input) => (
    <CardFrame
      width={1040}
      title={`Session ${input.date} · graphs`}
      subtitle={`${stripColourCodes(input.server)} · ${input.maps.length} map${
        input.maps.length === 1 ? "" : "s"
      } · ${input.players.length} player${input.players.length === 1 ? "" : "s"}`}
      aside={<Teams teams={input.teams} />}
    >
      <DpmPanel input={input} />
      <div style={{ display: "flex", gap: SPACE.lg }}>
        <KillsPanel input={input} />
        <SupportPanel players={input.players} />
      </div>
    </CardFrame>
  ),
};
