/**
 * The player profile card: name and aliases, lifetime numbers, favourite weapons, best maps, recent
 * form (DPM per session) and achievements/badges (domain-rules §8).
 */
import type { playerProfile } from "../../db/queries/players.ts";
import {
  type AchievementTrack,
  badgesOf,
  badgeText,
  highestAchievements,
  type LifetimeTotals,
  nextAchievement,
} from "../../domain/achievements.ts";
import { accuracy, headshotAccuracy } from "../../domain/metrics.ts";
import { WEAPON_NAMES } from "../../domain/weapons.ts";
import { round2, type StatLine, statLine } from "../json/stat_line.ts";
import { ProgressBar } from "../components/bars.tsx";
import { CardFrame, Panel, StatTile } from "../components/card_frame.tsx";
import { PlayerName } from "../components/player_name.tsx";
import { Sparkline, sparkRange } from "../components/sparkline.tsx";
import { type Column, Table } from "../components/table.tsx";
import { Chip } from "../components/team_chip.tsx";
import { NUMBER_FONT } from "../fonts.ts";
import { fixed, hoursMinutes, percent, thousands } from "../format.ts";
import { SPACE, THEME, TYPE } from "../palette.ts";
import type { Child } from "../jsx/jsx-runtime.ts";
import type { CardDefinition } from "./card.ts";

/** The read model the card is built from. */
export type PlayerProfileRows = NonNullable<Awaited<ReturnType<typeof playerProfile>>>;

/** Sessions the recent-form sparkline shows (the loader asks the query for this many). */
export const FORM_SESSIONS = 10;
/** Favourite weapons shown: the top ones by kills. */
export const FAVOURITE_WEAPONS = 5;
/**
 * Best maps: the maps with at least this many rounds (one full stopwatch map, both halves), ranked
 * by DPM (ties: more rounds, then name); a map without played time (null DPM) is left out.
 */
export const BEST_MAP_MIN_ROUNDS = 2;
/** Best maps shown. */
export const BEST_MAPS = 4;
/** Other names shown under the player's name; the rest are counted. */
export const ALIASES_SHOWN = 4;

/** Lifetime numbers; a rate is null when it has nothing to divide by (no shots, no fights…). */
export interface ProfileTotals {
  rounds: number;
  playedSeconds: number;
  kills: number;
  deaths: number;
  kdRatio: number | null;
  dpm: number | null;
  accuracy: number | null;
  headshotAccuracy: number | null;
  efficiency: number | null;
}

export interface ProfileWeapon {
  id: number;
  name: string;
  kills: number;
  deaths: number;
  /** Hits per shot (%); null for weapons without shots (knife, syringe, dynamite…). */
  accuracy: number | null;
  /** Head hits per hit (%); null without hits. */
  headshotAccuracy: number | null;
}

export interface ProfileMap {
  map: string;
  rounds: number;
  kdRatio: number;
  /** Null without shots. */
  accuracy: number | null;
  dpm: number;
}

export interface ProfileFormPoint {
  sessionId: number;
  date: string;
  /** Null when the session has no played time. */
  dpm: number | null;
}

export interface ProfileBadge {
  /** Emoji, stacked from tier 2 on (`badgeText`). */
  text: string;
  label: string;
  tier: number;
  tiers: number;
}

export interface ProfileAchievement {
  track: AchievementTrack;
  /** Name of the highest achievement reached on the track, null for none. */
  reached: string | null;
  /** The next achievement and how far it is; null when the track is complete. */
  next: {
    name: string;
    threshold: number;
    /** The player's value on the track (kills, rounds, K/D to two decimals). */
    current: number;
    /** Rounds still needed before K/D counts (only the K/D track; else 0). */
    roundsToQualify: number;
    /** 0…1 of the way from nothing to the threshold (for K/D below 20 rounds: of the round gate). */
    progress: number;
  } | null;
}

export interface PlayerProfileInput {
  guid: string;
  name: string;
  /** Other names, most recently seen first, at most {@link ALIASES_SHOWN}. */
  aliases: string[];
  /** Other names not listed. */
  moreAliases: number;
  firstSeen: string;
  lastSeen: string;
  isBot: boolean;
  totals: ProfileTotals;
  /** Top {@link FAVOURITE_WEAPONS} by kills. */
  weapons: ProfileWeapon[];
  /** See {@link BEST_MAP_MIN_ROUNDS}. */
  bestMaps: ProfileMap[];
  /** Last sessions, oldest first. */
  form: ProfileFormPoint[];
  badges: ProfileBadge[];
  /** Kills, rounds and K/D tracks, in that order. */
  achievements: ProfileAchievement[];
}

const TRACKS: readonly AchievementTrack[] = ["kills", "rounds", "kd"];

function lifetimeOf(line: StatLine): LifetimeTotals {
  return {
    rounds: line.rounds,
    kills: line.kills,
    deaths: line.deaths,
    revivesGiven: line.revivesGiven,
    timesRevived: line.timesRevived,
    dynamitesPlanted: line.dynamitesPlanted,
    dynamitesDefused: line.dynamitesDefused,
    objectives: line.objectives,
  };
}

function achievementOf(lifetime: LifetimeTotals, track: AchievementTrack): ProfileAchievement {
  const reached = highestAchievements(lifetime).find((a) => a.track === track) ?? null;
  const next = nextAchievement(lifetime, track);
  return {
    track,
    reached: reached?.name ?? null,
    next: next === null ? null : {
      name: next.achievement.name,
      threshold: next.achievement.threshold,
      current: round2(next.current)!,
      roundsToQualify: next.roundsToQualify,
      progress: round2(
        next.roundsToQualify > 0
          ? lifetime.rounds / (lifetime.rounds + next.roundsToQualify)
          : Math.min(1, next.current / next.achievement.threshold),
      )!,
    },
  };
}

/** Builds the card input from the player read model. */
export function playerProfileInput(profile: PlayerProfileRows): PlayerProfileInput {
  const { player } = profile;
  const line = statLine(profile.totals);
  const lifetime = lifetimeOf(line);
  const fights = line.kills + line.deaths;
  const shots = Number(profile.totals.shots ?? 0);
  const hits = Number(profile.totals.hits ?? 0);
  const others = profile.aliases.map((a) => a.name).filter((name, i, all) =>
    name !== player.name && all.indexOf(name) === i
  );
  const weapons = profile.weapons
    .filter((w) => w.kills > 0 || w.shots > 0)
    .sort((a, b) => b.kills - a.kills || b.hits - a.hits || a.id - b.id)
    .slice(0, FAVOURITE_WEAPONS)
    .map((w) => ({
      id: w.id,
      name: WEAPON_NAMES[w.id] ?? `Weapon ${w.id}`,
      kills: w.kills,
      deaths: w.deaths,
      accuracy: w.shots > 0 ? round2(accuracy(w)) : null,
      headshotAccuracy: w.hits > 0 ? round2(headshotAccuracy(w)) : null,
    }));
  const bestMaps = profile.maps
    .map(({ map, ...sums }) => ({ map, shots: sums.shots, line: statLine(sums) }))
    .filter(({ line }) => line.rounds >= BEST_MAP_MIN_ROUNDS && line.dpm !== null)
    .map(({ map, shots, line }) => ({
      map,
      rounds: line.rounds,
      kdRatio: line.kdRatio,
      accuracy: shots > 0 ? line.accuracy : null,
      dpm: line.dpm!,
    }))
    .sort((a, b) => b.dpm - a.dpm || b.rounds - a.rounds || a.map.localeCompare(b.map))
    .slice(0, BEST_MAPS);
  return {
    guid: player.guid,
    name: player.name,
    aliases: others.slice(0, ALIASES_SHOWN),
    moreAliases: Math.max(0, others.length - ALIASES_SHOWN),
    firstSeen: player.firstSeen,
    lastSeen: player.lastSeen,
    isBot: player.isBot,
    totals: {
      rounds: line.rounds,
      playedSeconds: line.playedSeconds,
      kills: line.kills,
      deaths: line.deaths,
      kdRatio: fights > 0 ? line.kdRatio : null,
      dpm: line.dpm,
      accuracy: shots > 0 ? line.accuracy : null,
      headshotAccuracy: hits > 0 ? line.headshotAccuracy : null,
      efficiency: fights > 0 ? line.efficiency : null,
    },
    weapons,
    bestMaps,
    // The query returns the most recent session first.
    form: profile.sessions.slice(0, FORM_SESSIONS).reverse().map((s) => ({
      sessionId: s.sessionId,
      date: s.date,
      dpm: statLine(s).dpm,
    })),
    badges: badgesOf(lifetime).map((badge) => ({
      text: badgeText(badge),
      label: badge.label,
      tier: badge.tier,
      tiers: badge.tiers,
    })),
    achievements: TRACKS.map((track) => achievementOf(lifetime, track)),
  };
}

const WIDTH = 1040;
/** A half-width column: (992 content − 16 gap) / 2. */
const HALF_WIDTH = 488;
/** Inner width of a half-width panel: minus 2 × 16 padding and 2 border. */
const HALF_INNER = HALF_WIDTH - 34;
const MEDALS = [THEME.gold, THEME.silver, THEME.bronze];

/** A fixed half of the content width, so that a panel's content cannot widen its column. */
function Half(props: { children?: Child }) {
  return <div style={{ display: "flex", width: HALF_WIDTH }}>{props.children}</div>;
}

function Muted(props: { text: string }) {
  return <div style={{ display: "flex", color: THEME.muted }}>{props.text}</div>;
}

function Title(props: { input: PlayerProfileInput }) {
  const { input } = props;
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: SPACE.xs }}>
      <div style={{ display: "flex", alignItems: "center", gap: SPACE.md }}>
        <PlayerName name={input.name} maxWidth={820} fontSize={TYPE.title} fontWeight={700} />
        {input.isBot ? <Chip text="BOT" colour={THEME.muted} /> : null}
      </div>
      {input.aliases.length > 0
        ? (
          <div
            style={{
              display: "flex",
              alignItems: "center",
              gap: SPACE.sm,
              fontSize: TYPE.small,
              fontWeight: 400,
              color: THEME.muted,
            }}
          >
            <span>also played as</span>
            {input.aliases.map((alias) => (
              <div
                style={{
                  display: "flex",
                  padding: `1px ${SPACE.sm}px`,
                  borderRadius: 6,
                  backgroundColor: THEME.panelRaised,
                }}
              >
                <PlayerName name={alias} maxWidth={170} fontSize={TYPE.small} />
              </div>
            ))}
            {input.moreAliases > 0 ? <span>{`+${input.moreAliases} more`}</span> : null}
          </div>
        )
        : null}
    </div>
  );
}

function Lifetime(props: { totals: ProfileTotals }) {
  const t = props.totals;
  const tiles: { label: string; value: string; width: number; colour?: string }[] = [
    { label: "rounds", value: thousands(t.rounds), width: 96 },
    { label: "time played", value: hoursMinutes(t.playedSeconds), width: 132 },
    { label: "kills", value: thousands(t.kills), width: 104 },
    { label: "deaths", value: thousands(t.deaths), width: 104 },
    { label: "K/D", value: fixed(t.kdRatio, 2), width: 82, colour: THEME.gold },
    { label: "DPM", value: fixed(t.dpm, 1), width: 92, colour: THEME.gold },
    { label: "accuracy", value: percent(t.accuracy), width: 92 },
    { label: "HS accuracy", value: percent(t.headshotAccuracy), width: 92 },
    { label: "efficiency", value: percent(t.efficiency), width: 92 },
  ];
  return (
    <Panel heading="Lifetime">
      <div style={{ display: "flex", justifyContent: "space-between" }}>
        {tiles.map((tile) => (
          <StatTile
            label={tile.label}
            value={tile.value}
            width={tile.width}
            size={22}
            colour={tile.colour}
          />
        ))}
      </div>
    </Panel>
  );
}

/** One line of text cut with an ellipsis at `width` px. */
function Ellipsis(props: { text: string; width: number; bold?: boolean }) {
  return (
    <div
      style={{
        display: "block",
        width: props.width,
        overflow: "hidden",
        whiteSpace: "nowrap",
        textOverflow: "ellipsis",
        fontWeight: props.bold ? 700 : 400,
      }}
    >
      {props.text}
    </div>
  );
}

function Weapons(props: { weapons: ProfileWeapon[] }) {
  const columns: Column<ProfileWeapon>[] = [
    {
      label: "Weapon",
      width: 180,
      cell: (w, i) => <Ellipsis text={w.name} width={172} bold={i === 0} />,
    },
    { label: "Kills", width: 60, align: "right", numeric: true, cell: (w) => thousands(w.kills) },
    {
      label: "Deaths",
      width: 64,
      align: "right",
      numeric: true,
      cell: (w) => <span style={{ color: THEME.muted }}>{thousands(w.deaths)}</span>,
    },
    { label: "Acc", width: 64, align: "right", numeric: true, cell: (w) => percent(w.accuracy) },
    {
      label: "HS acc",
      width: 64,
      align: "right",
      numeric: true,
      cell: (w) => percent(w.headshotAccuracy),
    },
  ];
  return (
    <Panel heading="Favourite weapons" grow>
      {props.weapons.length > 0
        ? <Table columns={columns} rows={props.weapons} />
        : <Muted text="No weapon stats yet" />}
    </Panel>
  );
}

function BestMaps(props: { maps: ProfileMap[] }) {
  const columns: Column<ProfileMap>[] = [
    {
      label: "#",
      width: 28,
      numeric: true,
      cell: (_m, i) => <span style={{ color: MEDALS[i] ?? THEME.faint }}>{String(i + 1)}</span>,
    },
    {
      label: "Map",
      width: 156,
      cell: (m, i) => <Ellipsis text={m.map} width={148} bold={i === 0} />,
    },
    { label: "Rounds", width: 64, align: "right", numeric: true, cell: (m) => thousands(m.rounds) },
    { label: "K/D", width: 56, align: "right", numeric: true, cell: (m) => fixed(m.kdRatio, 2) },
    { label: "Acc", width: 64, align: "right", numeric: true, cell: (m) => percent(m.accuracy) },
    {
      label: "DPM",
      width: 64,
      align: "right",
      numeric: true,
      cell: (m) => <span style={{ color: THEME.gold }}>{fixed(m.dpm, 1)}</span>,
    },
  ];
  return (
    <Panel heading="Best maps · by DPM" grow>
      {props.maps.length > 0
        ? <Table columns={columns} rows={props.maps} />
        : <Muted text={`No map with ${BEST_MAP_MIN_ROUNDS}+ rounds yet`} />}
    </Panel>
  );
}

const SPARK_WIDTH = 250;
const SPARK_HEIGHT = 124;
/** The form chart spans at least this many DPM, so a change of a few DPM stays a small slope. */
const FORM_MIN_SPAN = 60;

function Form(props: { form: ProfileFormPoint[]; careerDpm: number | null }) {
  const values = props.form.map((p) => p.dpm);
  const latest = props.form[props.form.length - 1];
  const delta = latest?.dpm != null && props.careerDpm !== null
    ? latest.dpm - props.careerDpm
    : null;
  const range = sparkRange(values, {
    reference: props.careerDpm,
    minSpan: FORM_MIN_SPAN,
    floor: 0,
  });
  const axisLabel = (text: string) => (
    <div style={{ display: "flex", fontFamily: NUMBER_FONT, fontSize: 12, color: THEME.faint }}>
      {text}
    </div>
  );
  const heading = `Recent form · DPM, last ${props.form.length} session${
    props.form.length === 1 ? "" : "s"
  }`;
  if (range === null) {
    return (
      <Panel heading="Recent form" grow>
        <Muted text="No sessions with played time yet" />
      </Panel>
    );
  }
  return (
    <Panel heading={heading} grow>
      <div style={{ display: "flex", gap: SPACE.md }}>
        <div
          style={{
            display: "flex",
            flexDirection: "column",
            justifyContent: "space-between",
            alignItems: "flex-end",
            width: 44,
            height: SPARK_HEIGHT,
          }}
        >
          {axisLabel(fixed(range.high, 0))}
          {axisLabel(fixed(range.low, 0))}
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: SPACE.xs }}>
          <Sparkline
            values={values}
            width={SPARK_WIDTH}
            height={SPARK_HEIGHT}
            colour={THEME.allies}
            reference={props.careerDpm}
            range={range}
          />
          <div style={{ display: "flex", justifyContent: "space-between", width: SPARK_WIDTH }}>
            {axisLabel(props.form[0]!.date)}
            {props.form.length > 1 ? axisLabel(latest!.date) : null}
          </div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: SPACE.md, width: 124 }}>
          <StatTile
            label="latest session"
            value={fixed(latest?.dpm ?? null, 1)}
            size={24}
            width={124}
            colour={THEME.allies}
          />
          <div style={{ display: "flex", flexDirection: "column", gap: 2 }}>
            <div
              style={{
                display: "flex",
                fontFamily: NUMBER_FONT,
                fontSize: TYPE.body,
                fontWeight: 700,
                color: delta === null ? THEME.muted : delta >= 0 ? THEME.good : THEME.bad,
              }}
            >
              {delta === null ? "–" : `${delta >= 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)}`}
            </div>
            <div style={{ display: "flex", color: THEME.muted, fontSize: TYPE.small }}>
              {`vs career ${fixed(props.careerDpm, 1)}`}
            </div>
          </div>
        </div>
      </div>
    </Panel>
  );
}

const TRACK_LABELS: Record<AchievementTrack, string> = {
  kills: "Kills",
  rounds: "Rounds",
  kd: "K/D",
};

function progressText(a: ProfileAchievement): string {
  const next = a.next;
  if (next === null) return "track complete";
  if (next.roundsToQualify > 0) {
    return `needs ${next.roundsToQualify} more round${next.roundsToQualify === 1 ? "" : "s"}`;
  }
  return a.track === "kd"
    ? `${next.current.toFixed(2)} / ${next.threshold.toFixed(1)}`
    : `${thousands(next.current)} / ${thousands(next.threshold)}`;
}

function AchievementRow(props: { achievement: ProfileAchievement }) {
  const a = props.achievement;
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: SPACE.xs }}>
      <div style={{ display: "flex", alignItems: "center", gap: SPACE.sm }}>
        <div
          style={{
            display: "flex",
            width: 68,
            color: THEME.muted,
            fontSize: TYPE.small,
            fontWeight: 700,
            textTransform: "uppercase",
          }}
        >
          {TRACK_LABELS[a.track]}
        </div>
        <div
          style={{
            display: "flex",
            width: 170,
            fontWeight: 700,
            color: a.reached ? THEME.gold : THEME.faint,
            whiteSpace: "nowrap",
          }}
        >
          {a.reached ?? "none yet"}
        </div>
        <div
          style={{
            display: "flex",
            flexGrow: 1,
            justifyContent: "flex-end",
            fontSize: TYPE.small,
            color: THEME.muted,
            whiteSpace: "nowrap",
          }}
        >
          {a.next ? `next: ${a.next.name}` : ""}
        </div>
      </div>
      <div style={{ display: "flex", alignItems: "center", gap: SPACE.sm }}>
        <div style={{ display: "flex", width: 68 }} />
        <ProgressBar
          share={a.next?.progress ?? 1}
          width={200}
          colour={a.next ? THEME.allies : THEME.gold}
        />
        <div
          style={{
            display: "flex",
            flexGrow: 1,
            justifyContent: "flex-end",
            fontFamily: NUMBER_FONT,
            fontSize: 12,
            color: THEME.muted,
            whiteSpace: "nowrap",
          }}
        >
          {progressText(a)}
        </div>
      </div>
    </div>
  );
}

function BadgeChip(props: { badge: ProfileBadge }) {
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        gap: SPACE.xs,
        padding: `2px ${SPACE.sm}px`,
        borderRadius: 6,
        backgroundColor: THEME.panelRaised,
        border: `1px solid ${THEME.border}`,
        fontSize: TYPE.small,
        whiteSpace: "nowrap",
      }}
    >
      <span>{props.badge.text}</span>
      <span style={{ color: THEME.muted }}>{props.badge.label}</span>
    </div>
  );
}

function Achievements(props: { achievements: ProfileAchievement[]; badges: ProfileBadge[] }) {
  return (
    <Panel heading="Achievements & badges" grow>
      <div style={{ display: "flex", flexDirection: "column", gap: SPACE.md }}>
        {props.achievements.map((a) => AchievementRow({ achievement: a }))}
      </div>
      <div style={{ display: "flex", flexWrap: "wrap", gap: SPACE.xs, width: HALF_INNER }}>
        {props.badges.length > 0
          ? props.badges.map((badge) => BadgeChip({ badge }))
          : (
            <div style={{ display: "flex", color: THEME.faint, fontSize: TYPE.small }}>
              No badges yet
            </div>
          )}
      </div>
    </Panel>
  );
}

function seenText(input: PlayerProfileInput): string {
  return input.firstSeen === input.lastSeen
    ? `seen ${input.firstSeen}`
    : `seen ${input.firstSeen} – ${input.lastSeen}`;
}

export const playerProfileCard: CardDefinition<PlayerProfileInput> = {
  name: "player-profile",
  version: 1,
  width: WIDTH,
  fileName: (input) => `player-${input.guid}.png`,
  element: (input) => (
    <CardFrame
      width={WIDTH}
      title={<Title input={input} />}
      subtitle={`GUID ${input.guid} · ${seenText(input)}`}
    >
      <Lifetime totals={input.totals} />
      <div style={{ display: "flex", gap: SPACE.lg }}>
        <Half>
          <Weapons weapons={input.weapons} />
        </Half>
        <Half>
          <BestMaps maps={input.bestMaps} />
        </Half>
      </div>
      <div style={{ display: "flex", gap: SPACE.lg }}>
        <Half>
          <Form form={input.form} careerDpm={input.totals.dpm} />
        </Half>
        <Half>
          <Achievements achievements={input.achievements} badges={input.badges} />
        </Half>
      </div>
    </CardFrame>
  ),
};
