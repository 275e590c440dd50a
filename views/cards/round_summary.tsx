/** One round: map, outcome, time, the best players of each side, and the round MVP. */
import type { RoundPlayerRow, RoundRow } from "../../db/queries/rounds.ts";
import { dpm, kdRatio } from "../../domain/metrics.ts";
import { CardFrame, Panel, StatTile } from "../components/card_frame.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { type Column, Table } from "../components/table.tsx";
import { Chip } from "../components/team_chip.tsx";
import { clock, fixed, thousands } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { CardDefinition } from "./card.ts";

export type Side = "axis" | "allies";

export interface RoundPerformer {
  name: string;
  kills: number;
  deaths: number;
  kdRatio: number;
  dpm: number | null;
  damageGiven: number;
}

export interface RoundSummaryInput {
  id: number;
  map: string;
  round: number;
  localDateTime: string;
  outcome: "Completed" | "Fullhold" | "Unknown";
  defender: Side | null;
  winner: Side | null;
  /** Time the attackers set when they completed, else the round's played time. */
  timeSeconds: number;
  timeLimitSeconds: number | null;
  /** Round 2 numbers are Round 2-only when paired with their Round 1. */
  roundTwoOnly: boolean;
  sides: Record<Side, { players: number; top: RoundPerformer[] }>;
  mvp: (RoundPerformer & { score: number }) | null;
}

const TOP_PER_SIDE = 3;

function sideOf(team: number): Side | null {
  return team === 1 ? "axis" : team === 2 ? "allies" : null;
}

function performer(p: RoundPlayerRow): RoundPerformer {
  const damageGiven = p.fields.damageGiven ?? 0;
  return {
    name: p.name,
    kills: p.kills,
    deaths: p.deaths,
    kdRatio: kdRatio(p),
    dpm: dpm({
      timedDamageGiven: p.playedSeconds > 0 ? damageGiven : 0,
      playedSeconds: p.playedSeconds,
    }),
    damageGiven,
  };
}

export function roundSummaryInput(
  round: RoundRow,
  players: RoundPlayerRow[],
): RoundSummaryInput {
  const humans = players.filter((p) => !p.isBot);
  const side = (s: Side) => {
    const members = humans.filter((p) => sideOf(p.team) === s);
    return {
      players: members.length,
      top: members
        .map(performer)
        .sort((a, b) =>
          b.kills - a.kills || (b.dpm ?? 0) - (a.dpm ?? 0) || a.name.localeCompare(b.name)
        )
        .slice(0, TOP_PER_SIDE),
    };
  };
  const mvpRow = round.mvpGuid ? players.find((p) => p.guid === round.mvpGuid) : undefined;
  const completed = round.outcome === "Completed";
  return {
    id: round.id,
    map: round.map,
    round: round.round,
    localDateTime: round.localDateTime,
    outcome: round.outcome as RoundSummaryInput["outcome"],
    defender: sideOf(round.defenderTeam),
    winner: sideOf(round.winnerTeam),
    timeSeconds: completed && round.nextTimeLimitSeconds !== null
      ? round.nextTimeLimitSeconds
      : round.durationSeconds,
    timeLimitSeconds: round.timeLimitSeconds,
    roundTwoOnly: round.round === 2 && round.roundOneId !== null,
    sides: { axis: side("axis"), allies: side("allies") },
    mvp: mvpRow ? { ...performer(mvpRow), score: mvpRow.mvpScore } : null,
  };
}

const SIDE_COLOUR: Record<Side, string> = { axis: THEME.axis, allies: THEME.allies };
const SIDE_NAME: Record<Side, string> = { axis: "Axis", allies: "Allies" };

function outcomeText(input: RoundSummaryInput): string {
  const attackers = input.defender === "axis"
    ? "Allies"
    : input.defender === "allies"
    ? "Axis"
    : "Attackers";
  if (input.outcome === "Completed") return `${attackers} completed in ${clock(input.timeSeconds)}`;
  if (input.outcome === "Fullhold") {
    return `${input.defender ? SIDE_NAME[input.defender] : "Defenders"} held (fullhold)`;
  }
  return `Outcome unknown · ${clock(input.timeSeconds)} played`;
}

function SidePanel(props: { side: Side; input: RoundSummaryInput }) {
  const { side, input } = props;
  const columns: Column<RoundPerformer>[] = [
    {
      label: "Player",
      width: 200,
      cell: (p) => <PlayerName name={p.name} maxWidth={192} fontSize={TYPE.body} />,
    },
    { label: "K", width: 44, align: "right", numeric: true, cell: (p) => String(p.kills) },
    { label: "D", width: 44, align: "right", numeric: true, cell: (p) => String(p.deaths) },
    { label: "DPM", width: 70, align: "right", numeric: true, cell: (p) => fixed(p.dpm, 1) },
  ];
  const role = input.defender === side ? "defending" : input.defender ? "attacking" : "";
  const won = input.winner === side;
  return (
    <Panel
      heading={`${SIDE_NAME[side]} ${role ? `· ${role}` : ""} · ${
        input.sides[side].players
      } players`}
      grow
      accent={SIDE_COLOUR[side]}
    >
      {won ? <Chip text="Round won" colour={SIDE_COLOUR[side]} filled /> : null}
      {input.sides[side].top.length > 0
        ? <Table columns={columns} rows={input.sides[side].top} />
        : <div style={{ display: "flex", color: THEME.muted }}>No players</div>}
    </Panel>
  );
}

export const roundSummaryCard: CardDefinition<RoundSummaryInput> = {
  name: "round-summary",
  version: 1,
  width: 880,
  fileName: (input) => `round-${input.id}.png`,
  element: (input) => (
    <CardFrame
      width={880}
      title={`${input.map} · Round ${input.round}`}
      subtitle={`${input.localDateTime.replace("T", " ").slice(0, 16)}${
        input.timeLimitSeconds !== null ? ` · limit ${clock(input.timeLimitSeconds)}` : ""
      }${input.roundTwoOnly ? " · Round 2 only" : ""}`}
      aside={
        <div
          style={{
            display: "flex",
            fontSize: TYPE.emphasis,
            fontWeight: 700,
            color: input.winner ? SIDE_COLOUR[input.winner] : THEME.muted,
          }}
        >
          {outcomeText(input)}
        </div>
      }
    >
      <div style={{ display: "flex", gap: SPACE.lg }}>
        <SidePanel side="axis" input={input} />
        <SidePanel side="allies" input={input} />
      </div>
      <Panel heading="Round MVP" accent={THEME.gold}>
        {input.mvp
          ? (
            <div style={{ display: "flex", alignItems: "center", gap: SPACE.xl }}>
              <div style={{ display: "flex", width: 300 }}>
                <PlayerName
                  name={input.mvp.name}
                  maxWidth={300}
                  fontSize={TYPE.title - 4}
                  fontWeight={700}
                />
              </div>
              <StatTile width={90} size={24} label="kills" value={String(input.mvp.kills)} />
              <StatTile width={90} size={24} label="deaths" value={String(input.mvp.deaths)} />
              <StatTile width={90} size={24} label="DPM" value={fixed(input.mvp.dpm, 1)} />
              <StatTile
                width={110}
                size={24}
                label="damage"
                value={thousands(input.mvp.damageGiven)}
              />
            </div>
          )
          : <div style={{ display: "flex", color: THEME.muted }}>No MVP this round</div>}
      </Panel>
    </CardFrame>
  ),
};
