/**
 * The comparison card: two players' lifetime numbers side by side, one row per metric, each with
 * bars growing from the centre and the leader of the row marked.
 */
import type { PlayerRow } from "../../db/queries/players.ts";
import type { PlayerSums } from "../../db/queries/sums.ts";
import { statLine } from "../json/stat_line.ts";
import { Bar, LeaderMark } from "../components/bars.tsx";
import { CardFrame, Panel } from "../components/card_frame.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { NUMBER_FONT } from "../fonts.ts";
import { fixed, hoursMinutes, percent, thousands } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { CardDefinition } from "./card.ts";

export type CompareSide = "A" | "B";
export type CompareFormat = "ratio" | "decimal" | "percent" | "count" | "duration";

export interface ComparePlayer {
  guid: string;
  name: string;
}

export interface CompareRow {
  label: string;
  format: CompareFormat;
  /** Deaths: the smaller value leads. */
  lowerIsBetter: boolean;
  /** Null when the metric is undefined for the player (e.g. DPM without played time). */
  a: number | null;
  b: number | null;
  /** Null on a tie or when either value is null. */
  leader: CompareSide | null;
}

export interface CompareInput {
  a: ComparePlayer;
  b: ComparePlayer;
  rows: CompareRow[];
}

/** What the builder needs of a player: the profile read model's player and lifetime sums. */
export interface ComparePlayerRows {
  player: Pick<PlayerRow, "guid" | "name">;
  /** Lifetime sums; fields are null for a player without counted rounds. */
  totals: Partial<Record<keyof PlayerSums, number | null>>;
}

interface RowSpec {
  label: string;
  format: CompareFormat;
  lowerIsBetter?: boolean;
  /** The value, or null when its denominator is 0 (a rate of nothing is not 0 %). */
  value(rows: ComparePlayerRows): number | null;
}

const n = (rows: ComparePlayerRows, key: keyof PlayerSums) => Number(rows.totals[key] ?? 0);
const line = (rows: ComparePlayerRows) => statLine(rows.totals);

/** The rows, in order. Rates come from `statLine` (one definition per metric). */
const ROW_SPECS: readonly RowSpec[] = [
  {
    label: "K/D",
    format: "ratio",
    value: (r) => n(r, "kills") + n(r, "deaths") > 0 ? line(r).kdRatio : null,
  },
  { label: "DPM", format: "decimal", value: (r) => line(r).dpm },
  {
    label: "Accuracy",
    format: "percent",
    value: (r) => n(r, "shots") > 0 ? line(r).accuracy : null,
  },
  {
    label: "HS accuracy",
    format: "percent",
    value: (r) => n(r, "hits") > 0 ? line(r).headshotAccuracy : null,
  },
  {
    label: "Efficiency",
    format: "percent",
    value: (r) => n(r, "kills") + n(r, "deaths") > 0 ? line(r).efficiency : null,
  },
  { label: "Kills", format: "count", value: (r) => line(r).kills },
  // Fewest deaths leads, but not for someone who never played: no rounds, no value.
  {
    label: "Deaths",
    format: "count",
    lowerIsBetter: true,
    value: (r) => n(r, "rounds") > 0 ? line(r).deaths : null,
  },
  { label: "Damage given", format: "count", value: (r) => line(r).damageGiven },
  { label: "Revives given", format: "count", value: (r) => line(r).revivesGiven },
  { label: "Rounds", format: "count", value: (r) => line(r).rounds },
  { label: "Time played", format: "duration", value: (r) => line(r).playedSeconds },
];

/** The side whose value is better; null on a tie or when a value is missing. */
export function leaderOf(
  a: number | null,
  b: number | null,
  lowerIsBetter: boolean,
): CompareSide | null {
  if (a === null || b === null || a === b) return null;
  return (a > b) !== lowerIsBetter ? "A" : "B";
}

/** Builds the card input from two players' profile read models (player and totals). */
export function compareInput(a: ComparePlayerRows, b: ComparePlayerRows): CompareInput {
  return {
    a: { guid: a.player.guid, name: a.player.name },
    b: { guid: b.player.guid, name: b.player.name },
    rows: ROW_SPECS.map((spec) => {
      const lowerIsBetter = spec.lowerIsBetter ?? false;
      const valueA = spec.value(a);
      const valueB = spec.value(b);
      return {
        label: spec.label,
        format: spec.format,
        lowerIsBetter,
        a: valueA,
        b: valueB,
        leader: leaderOf(valueA, valueB, lowerIsBetter),
      };
    }),
  };
}

/** How many rows `side` leads. */
export function leadsOf(input: CompareInput, side: CompareSide): number {
  return input.rows.filter((row) => row.leader === side).length;
}

export function formatValue(value: number | null, format: CompareFormat): string {
  if (value === null) return "–";
  switch (format) {
    case "ratio":
      return fixed(value, 2);
    case "decimal":
      return fixed(value, 1);
    case "percent":
      return percent(value);
    case "count":
      return thousands(value);
    case "duration":
      return hoursMinutes(value);
  }
}

const WIDTH = 900;
/** Column widths of a row; with the gaps they add up to the panel's inner width (900 − 48 − 34). */
const VALUE_WIDTH = 120;
const BAR_WIDTH = 198;
const LABEL_WIDTH = 148;
const GAP = SPACE.sm;
const NAME_WIDTH = 330;

const SIDE_COLOUR: Record<CompareSide, string> = { A: THEME.axis, B: THEME.allies };

function Value(props: { row: CompareRow; side: CompareSide }) {
  const { row, side } = props;
  const value = side === "A" ? row.a : row.b;
  const leads = row.leader === side;
  const mark = leads ? <LeaderMark colour={SIDE_COLOUR[side]} /> : null;
  const text = (
    <span
      style={{
        color: value === null ? THEME.faint : leads ? SIDE_COLOUR[side] : THEME.text,
        fontWeight: leads ? 700 : 400,
      }}
    >
      {formatValue(value, row.format)}
    </span>
  );
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        justifyContent: side === "A" ? "flex-end" : "flex-start",
        gap: SPACE.xs + 2,
        width: VALUE_WIDTH,
        fontFamily: NUMBER_FONT,
      }}
    >
      {side === "A" ? [mark, text] : [text, mark]}
    </div>
  );
}

function MetricRow(props: { row: CompareRow; index: number }) {
  const { row } = props;
  const max = Math.max(row.a ?? 0, row.b ?? 0);
  const bar = (side: CompareSide) => (
    <div style={{ display: "flex", opacity: row.leader === side ? 1 : 0.45 }}>
      <Bar
        value={side === "A" ? row.a : row.b}
        max={max}
        length={BAR_WIDTH}
        colour={SIDE_COLOUR[side]}
        grow={side === "A" ? "left" : "right"}
        track={THEME.panelRaised}
      />
    </div>
  );
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        gap: GAP,
        height: 36,
        backgroundColor: props.index % 2 === 1 ? THEME.background : "transparent",
        borderRadius: 6,
      }}
    >
      <Value row={row} side="A" />
      {bar("A")}
      <div
        style={{
          display: "flex",
          justifyContent: "center",
          width: LABEL_WIDTH,
          color: THEME.muted,
          fontSize: TYPE.small,
          fontWeight: 700,
          letterSpacing: 0.5,
          textTransform: "uppercase",
        }}
      >
        {row.label}
      </div>
      {bar("B")}
      <Value row={row} side="B" />
    </div>
  );
}

function Contender(props: { player: ComparePlayer; side: CompareSide; leads: number; of: number }) {
  const { player, side } = props;
  const colour = SIDE_COLOUR[side];
  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        alignItems: side === "A" ? "flex-start" : "flex-end",
        gap: SPACE.xs,
        width: NAME_WIDTH + 2 * SPACE.sm,
        padding: `0 ${SPACE.sm}px`,
        borderLeft: side === "A" ? `4px solid ${colour}` : "none",
        borderRight: side === "B" ? `4px solid ${colour}` : "none",
      }}
    >
      <PlayerName name={player.name} maxWidth={NAME_WIDTH} fontSize={24} fontWeight={700} />
      <div
        style={{
          display: "flex",
          gap: SPACE.sm,
          fontSize: TYPE.small,
          color: THEME.muted,
          flexDirection: side === "A" ? "row" : "row-reverse",
        }}
      >
        <span style={{ fontFamily: NUMBER_FONT }}>{player.guid}</span>
        <span style={{ color: colour, fontWeight: 700 }}>
          {`leads ${props.leads} of ${props.of}`}
        </span>
      </div>
    </div>
  );
}

export const compareCard: CardDefinition<CompareInput> = {
  name: "compare",
  version: 1,
  width: WIDTH,
  fileName: (input) => `compare-${input.a.guid}-${input.b.guid}.png`,
  element: (input) => (
    <CardFrame width={WIDTH} title="Head to head" subtitle="Lifetime numbers over counted rounds">
      <Panel>
        <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
          <Contender
            player={input.a}
            side="A"
            leads={leadsOf(input, "A")}
            of={input.rows.length}
          />
          <div
            style={{
              display: "flex",
              color: THEME.faint,
              fontSize: TYPE.emphasis,
              fontWeight: 700,
            }}
          >
            vs
          </div>
          <Contender
            player={input.b}
            side="B"
            leads={leadsOf(input, "B")}
            of={input.rows.length}
          />
        </div>
        <div style={{ display: "flex", height: 1, backgroundColor: THEME.border }} />
        <div style={{ display: "flex", flexDirection: "column" }}>
          {input.rows.map((row, index) =>
            MetricRow({ row, index })
          )}
        </div>
      </Panel>
    </CardFrame>
  ),
};
