/** The headline card: one gaming session's maps, score, scoreboard and team MVPs. */
import type {
  SessionMapRow,
  SessionPlayerRow,
  SessionRoundRow,
  SessionSummaryRow,
} from "../../db/queries/sessions.ts";
import { stripColourCodes } from "../../domain/names.ts";
import { type StatLine, statLine } from "../json/stat_line.ts";
import { CardFrame, Panel, StatTile } from "../components/card_frame.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { type Column, Table } from "../components/table.tsx";
import { Chip, teamColour, type TeamSide } from "../components/team_chip.tsx";
import { NUMBER_FONT } from "../fonts.ts";
import { clock, fixed, hoursMinutes, limitSeconds, percent, thousands } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { CardDefinition } from "./card.ts";

export interface RecapRound {
  round: number;
  /** Persistent team that attacked this round, when teams are known. */
  attackers: TeamSide | null;
  completed: boolean;
  /** Time the attackers set (s) when they completed. */
  timeSetSeconds: number | null;
  durationSeconds: number;
}

export interface RecapMap {
  map: string;
  counted: boolean;
  winner: TeamSide | "draw" | null;
  points: { A: number; B: number };
  rounds: RecapRound[];
}

export interface RecapPlayer extends
  Pick<
    StatLine,
    | "kills"
    | "deaths"
    | "kdRatio"
    | "dpm"
    | "accuracy"
    | "damageGiven"
    | "damageReceived"
    | "revivesGiven"
    | "timeDeadSeconds"
    | "headshotKills"
    | "gibs"
  > {
  guid: string;
  name: string;
  team: TeamSide | null;
}

export interface SessionRecapInput {
  id: number;
  date: string;
  server: string;
  durationSeconds: number;
  teams: Record<TeamSide, { name: string; score: number; mapsWon: number }>;
  draws: number;
  maps: RecapMap[];
  /** Every player, ranked by kills. */
  players: RecapPlayer[];
  /** Per team: the player with most kills over the session (domain-rules §8). */
  mvps: Partial<Record<TeamSide, RecapPlayer>>;
}

function recapRound(round: SessionRoundRow): RecapRound {
  const completed = round.outcome === "Completed";
  // Side 1 is Axis; the defenders' side number says which persistent team attacked.
  const axis = round.sideOneTeam;
  const other = axis === "A" ? "B" : axis === "B" ? "A" : null;
  const attackers = round.defenderTeam === 1 ? other : round.defenderTeam === 2 ? axis : null;
  return {
    round: round.round,
    attackers,
    completed,
    timeSetSeconds: completed ? limitSeconds(round.nextTimeLimit) : null,
    durationSeconds: round.durationSeconds,
  };
}

/** Builds the card input from the session read model. */
export function sessionRecapInput(
  summary: SessionSummaryRow,
  detail: { maps: SessionMapRow[]; rounds: SessionRoundRow[]; players: SessionPlayerRow[] },
): SessionRecapInput {
  const players: RecapPlayer[] = detail.players.map((p) => {
    const line = statLine(p);
    return {
      guid: p.guid,
      name: p.name,
      team: p.team,
      kills: line.kills,
      deaths: line.deaths,
      kdRatio: line.kdRatio,
      dpm: line.dpm,
      accuracy: line.accuracy,
      damageGiven: line.damageGiven,
      damageReceived: line.damageReceived,
      revivesGiven: line.revivesGiven,
      timeDeadSeconds: line.timeDeadSeconds,
      headshotKills: line.headshotKills,
      gibs: line.gibs,
    };
  }).sort((a, b) =>
    b.kills - a.kills || (b.dpm ?? 0) - (a.dpm ?? 0) || a.name.localeCompare(b.name)
  );
  const mvps: SessionRecapInput["mvps"] = {};
  for (const team of ["A", "B"] as const) {
    const best = players.find((p) => p.team === team);
    if (best) mvps[team] = best;
  }
  return {
    id: summary.id,
    date: summary.date,
    server: summary.server,
    durationSeconds: Math.round(
      (Date.parse(summary.endedAt) - Date.parse(summary.startedAt)) / 1000,
    ),
    teams: {
      A: { name: summary.teamAName, score: summary.scoreA, mapsWon: summary.mapsWonA },
      B: { name: summary.teamBName, score: summary.scoreB, mapsWon: summary.mapsWonB },
    },
    draws: summary.draws,
    maps: detail.maps.map((map) => ({
      map: map.map,
      counted: map.counted,
      winner: map.winner,
      points: { A: map.pointsA, B: map.pointsB },
      rounds: detail.rounds
        .filter((r) => r.matchId === map.matchId && r.status === "completed")
        .map(recapRound),
    })),
    players,
    mvps,
  };
}

const MEDALS = [THEME.gold, THEME.silver, THEME.bronze];

/** Map rows drawn at most: a marathon session shows its latest maps (the score counts all). */
const MAX_MAP_ROWS = 14;

/** The team a round's result belongs to: the attackers set a time, the defenders held. */
function credited(round: RecapRound): TeamSide | null {
  if (!round.attackers) return null;
  return round.completed ? round.attackers : round.attackers === "A" ? "B" : "A";
}

function roundText(round: RecapRound): string {
  return round.completed
    ? `R${round.round} ${clock(round.timeSetSeconds ?? round.durationSeconds)}`
    : `R${round.round} fullhold`;
}

function MapRow(props: { map: RecapMap; teams: SessionRecapInput["teams"] }) {
  const { map } = props;
  const result = map.winner === "draw"
    ? "Draw"
    : map.winner
    ? `${props.teams[map.winner].name} win`
    : map.counted
    ? "Unscored"
    : "Not finished";
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        gap: SPACE.md,
        height: 34,
        borderBottom: `1px solid ${THEME.border}`,
      }}
    >
      <div style={{ display: "flex", width: 170, fontWeight: 700 }}>{map.map}</div>
      <div style={{ display: "flex", gap: SPACE.sm, width: 330 }}>
        {map.rounds.map((round) => (
          <Chip
            text={roundText(round)}
            colour={credited(round) ? teamColour(credited(round)) : THEME.muted}
          />
        ))}
      </div>
      <div style={{ display: "flex", flexGrow: 1, justifyContent: "flex-end", gap: SPACE.sm }}>
        <div style={{ display: "flex", color: teamColour(map.winner) }}>{result}</div>
        <div style={{ display: "flex", fontFamily: NUMBER_FONT, color: THEME.muted }}>
          {`${map.points.A}–${map.points.B}`}
        </div>
      </div>
    </div>
  );
}

function Scoreboard(props: { players: RecapPlayer[] }) {
  const columns: Column<RecapPlayer>[] = [
    {
      label: "#",
      width: 30,
      numeric: true,
      cell: (_p, i) => <span style={{ color: MEDALS[i] ?? THEME.faint }}>{String(i + 1)}</span>,
    },
    {
      label: "Player",
      width: 300,
      cell: (p, i) => (
        <PlayerName
          name={p.name}
          maxWidth={292}
          fontSize={TYPE.body}
          fontWeight={i < 3 ? 700 : 400}
        />
      ),
    },
    { label: "K", width: 48, align: "right", numeric: true, text: (p) => String(p.kills) },
    { label: "D", width: 48, align: "right", numeric: true, text: (p) => String(p.deaths) },
    { label: "K/D", width: 58, align: "right", numeric: true, text: (p) => fixed(p.kdRatio, 2) },
    { label: "DPM", width: 64, align: "right", numeric: true, text: (p) => fixed(p.dpm, 1) },
    { label: "Acc", width: 70, align: "right", numeric: true, text: (p) => percent(p.accuracy) },
    {
      label: "Dmg +",
      width: 76,
      align: "right",
      numeric: true,
      text: (p) => thousands(p.damageGiven),
    },
    {
      label: "Dmg −",
      width: 76,
      align: "right",
      numeric: true,
      text: (p) => thousands(p.damageReceived),
    },
    { label: "Rev", width: 46, align: "right", numeric: true, text: (p) => String(p.revivesGiven) },
    {
      label: "Dead",
      width: 64,
      align: "right",
      numeric: true,
      text: (p) => clock(p.timeDeadSeconds),
    },
    {
      label: "HSK",
      width: 46,
      align: "right",
      numeric: true,
      text: (p) => String(p.headshotKills),
    },
  ];
  return (
    <Table
      columns={columns}
      rows={props.players}
      rowAccent={(p, i) => MEDALS[i] ?? (p.team ? teamColour(p.team) : null)}
    />
  );
}

function TeamScore(props: { input: SessionRecapInput }) {
  const { teams, draws } = props.input;
  const side = (team: TeamSide) => (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        alignItems: team === "A" ? "flex-end" : "flex-start",
      }}
    >
      <div
        style={{
          display: "flex",
          color: teamColour(team),
          fontWeight: 700,
          fontSize: TYPE.emphasis,
        }}
      >
        {teams[team].name}
      </div>
      <div style={{ display: "flex", color: THEME.muted, fontSize: TYPE.small }}>
        {`${teams[team].mapsWon} map${teams[team].mapsWon === 1 ? "" : "s"} won`}
      </div>
    </div>
  );
  return (
    <div style={{ display: "flex", alignItems: "center", gap: SPACE.lg }}>
      {side("A")}
      <div
        style={{
          display: "flex",
          fontFamily: NUMBER_FONT,
          fontSize: TYPE.display,
          fontWeight: 700,
          gap: SPACE.sm,
        }}
      >
        <span style={{ color: teamColour("A") }}>{String(teams.A.score)}</span>
        <span style={{ color: THEME.faint }}>:</span>
        <span style={{ color: teamColour("B") }}>{String(teams.B.score)}</span>
      </div>
      {side("B")}
      {draws > 0
        ? (
          <div style={{ display: "flex", color: THEME.muted }}>
            {`${draws} draw${draws === 1 ? "" : "s"}`}
          </div>
        )
        : null}
    </div>
  );
}

function MvpPanel(props: { team: TeamSide; input: SessionRecapInput }) {
  const mvp = props.input.mvps[props.team];
  return (
    <Panel
      heading={`MVP · ${props.input.teams[props.team].name}`}
      grow
      accent={teamColour(props.team)}
    >
      {mvp
        ? (
          <div style={{ display: "flex", flexDirection: "column", gap: SPACE.sm }}>
            <PlayerName name={mvp.name} maxWidth={440} fontSize={TYPE.emphasis} fontWeight={700} />
            <div style={{ display: "flex", gap: SPACE.sm }}>
              <StatTile
                width={84}
                size={24}
                label="kills"
                value={String(mvp.kills)}
                colour={teamColour(props.team)}
              />
              <StatTile width={84} size={24} label="DPM" value={fixed(mvp.dpm, 1)} />
              <StatTile width={84} size={24} label="deaths" value={String(mvp.deaths)} />
              <StatTile width={84} size={24} label="revives" value={String(mvp.revivesGiven)} />
              <StatTile width={84} size={24} label="gibs" value={String(mvp.gibs)} />
            </div>
          </div>
        )
        : <div style={{ display: "flex", color: THEME.muted }}>No player on this team</div>}
    </Panel>
  );
}

export const sessionRecapCard: CardDefinition<SessionRecapInput> = {
  name: "session-recap",
  version: 1,
  width: 1040,
  fileName: (input) => `session-${input.id}.png`,
  element: (input) => (
    <CardFrame
      width={1040}
      title={`Session ${input.date}`}
      subtitle={`${stripColourCodes(input.server)} · ${
        hoursMinutes(input.durationSeconds)
      } · ${input.maps.length} map${
        input.maps.length === 1 ? "" : "s"
      } · ${input.players.length} players`}
      aside={<TeamScore input={input} />}
    >
      <Panel heading="Maps">
        {input.maps.length > MAX_MAP_ROWS
          ? (
            <div style={{ display: "flex", color: THEME.muted }}>
              {`${input.maps.length - MAX_MAP_ROWS} earlier maps not shown`}
            </div>
          )
          : null}
        {input.maps.length > 0
          ? input.maps.slice(-MAX_MAP_ROWS).map((map) => <MapRow map={map} teams={input.teams} />)
          : <div style={{ display: "flex", color: THEME.muted }}>No maps played</div>}
      </Panel>
      <Panel heading="Scoreboard">
        {input.players.length > 0
          ? <Scoreboard players={input.players} />
          : <div style={{ display: "flex", color: THEME.muted }}>No completed rounds</div>}
      </Panel>
      <div style={{ display: "flex", gap: SPACE.lg }}>
        <MvpPanel team="A" input={input} />
        <MvpPanel team="B" input={input} />
      </div>
    </CardFrame>
  ),
};
