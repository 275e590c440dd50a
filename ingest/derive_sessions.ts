/**
 * Stores parsed rounds and recomputes the gaming sessions they touch, as pure functions of those
 * sessions' rounds: sessions, matches, round states, Round 2-only player rows whose Round 1
 * changed, persistent teams, totals and record candidates. The writes travel as scripts
 * (`Db.script`): a round trip costs far more than a statement.
 */
import { deriveSession } from "../domain/derive_session.ts";
import { applyImportCorrections } from "../domain/import_corrections.ts";
import { parseStatsFile } from "../domain/parse_stats_file.ts";
import type { ParsedRound } from "../domain/parsed_round.ts";
import {
  applyRoundMeta,
  type EndedSessionRound,
  roundEndingOf,
  type RoundMeta,
  roundMetaFromJson,
} from "../domain/round_meta.ts";
import { roundTwoOnly } from "../domain/round_two_only.ts";
import type { SessionRound } from "../domain/session_round.ts";
import { baseInvalidReason } from "../domain/session_round_of.ts";
import { groupIntoSessions } from "../domain/sessions.ts";
import type { Db } from "../db/client.ts";
import { rawFileRoundMetas, rawFilesById } from "../db/queries/raw_files.ts";
import {
  type CountedRound,
  mergeRoundCandidates,
  refreshMatchCandidatesOnMaps,
  refreshRecordCandidates,
} from "../db/queries/record_candidates.ts";
import {
  deletePlayerRows,
  insertPlayerRows,
  insertRounds,
  setRoundPlayerFacts,
} from "../db/queries/round_rows.ts";
import {
  addRowsToTotals,
  deleteSessions,
  matchState,
  type MatchWrite,
  type Neighbourhood,
  neighbourhoodRounds,
  refreshMatchTotals,
  refreshSessionTotals,
  roundStates,
  type RoundStateUpdate,
  type StoredMatchState,
  type StoredSessionRound,
  updateRoundStates,
  upsertSessions,
  writeMatches,
  writeSessionPlayers,
} from "../db/queries/session_state.ts";
import type { IngestContext } from "./context.ts";

/** Where a round ended up after its session was derived. */
export interface RoundStateRow {
  id: number;
  status: string;
  sessionId: number | null;
  sessionKey: string | null;
  matchId: number | null;
  matchKey: string | null;
}

export interface DerivationResult {
  /** The new rounds' states. */
  rounds: Map<number, RoundStateRow>;
  /** Warnings of the rounds whose player rows were written now. */
  warnings: Map<number, unknown[]>;
  /** Round 2s that were orphans and now have Round 2-only numbers. */
  repairedRoundIds: number[];
}

export interface NewRound {
  id: number;
  round: ParsedRound;
  /** UTC ISO instant of the file time. */
  playedAt: string;
  /**
   * The round meta stored with the raw file (null: none). Left out, it is read from the raw file,
   * so callers that only know the file (the rebuild) apply it too.
   */
  roundMeta?: RoundMeta | null;
}

const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

function sameMatch(a: StoredMatchState, b: StoredMatchState): boolean {
  return (Object.keys(b) as (keyof StoredMatchState)[]).every((key) => a[key] === b[key]);
}

/** A stored round meta, validated again (it was validated when it arrived). */
function storedRoundMeta(id: number, json: unknown): RoundMeta {
  const meta = roundMetaFromJson(json);
  if (!meta.ok) {
    throw new Error(`stored round meta of raw file ${id} is invalid: ${meta.error.message}`);
  }
  return meta.value;
}

function sessionRoundFromRow(
  row: StoredSessionRound,
  roster: SessionRound["roster"],
  context: IngestContext,
): EndedSessionRound {
  const ending = row.roundMeta === null
    ? null
    : roundEndingOf(storedRoundMeta(row.id, row.roundMeta));
  return {
    id: row.id,
    map: row.map,
    round: row.round,
    playedAt: epochSeconds(row.playedAt),
    localDateTime: row.localDateTime,
    // With a timed meta, the stored duration is the game's measurement (`applyRoundMeta`).
    durationSeconds: row.durationSeconds,
    durationMeasured: row.playtimeSeconds !== null || ending?.timed === true,
    timeLimitSeconds: row.timeLimitSeconds,
    nextTimeLimitSeconds: row.nextTimeLimitSeconds,
    nextTimeLimit: row.nextTimeLimit,
    defenderTeam: row.defenderTeam,
    winnerTeam: row.winnerTeam,
    scoreConfidence: row.scoreConfidence,
    baseInvalidReason: baseInvalidReason(row, context.excludedMaps),
    roster,
    ending,
  };
}

/**
 * New rounds with their meta applied to the header facts; a round whose meta the caller did not
 * pass is looked up in its raw file.
 */
async function withRoundMeta(tx: Db, rounds: readonly NewRound[]): Promise<NewRound[]> {
  const unknown = rounds.filter((r) => r.roundMeta === undefined).map((r) => r.id);
  const stored = await rawFileRoundMetas(tx, unknown);
  return rounds.map((r) => {
    const json = stored.get(r.id);
    const meta = r.roundMeta ?? (json === undefined ? null : storedRoundMeta(r.id, json));
    return meta === null ? r : { ...r, round: applyRoundMeta(r.round, meta), roundMeta: meta };
  });
}

/** Parsed rounds by id: from the batch when present, otherwise parsed again from the raw file. */
async function parsedRounds(
  tx: Db,
  known: ReadonlyMap<number, ParsedRound>,
  ids: readonly number[],
  context: IngestContext,
): Promise<Map<number, ParsedRound>> {
  const result = new Map<number, ParsedRound>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const round = known.get(id);
    if (round) result.set(id, round);
    else missing.push(id);
  }
  for (const file of await rawFilesById(tx, missing)) {
    const parsed = parseStatsFile(file.fileName, file.bytes, {
      botNamePattern: context.botNamePattern,
    });
    if (!parsed.ok) {
      throw new Error(`stored round ${file.id} no longer parses: ${parsed.error.message}`);
    }
    result.set(file.id, parsed.value);
  }
  return result;
}

type DerivedSessions = { derived: ReturnType<typeof deriveSession>; roundCount: number }[];

/** The matches to write (new or changed) and those that no longer exist. */
function matchChanges(stored: readonly StoredSessionRound[], sessions: DerivedSessions) {
  const before = new Map<string, { state: StoredMatchState; sessionKey: string | null }>();
  for (const row of stored) {
    if (row.matchState) {
      before.set(`${row.matchState.key}|${row.matchState.map}`, {
        state: row.matchState,
        sessionKey: row.sessionKey,
      });
    }
  }
  const derivedKeys = new Set<string>();
  const writes: MatchWrite[] = [];
  for (const { derived } of sessions) {
    for (const match of derived.matches) {
      const key = `${match.key}|${match.map}`;
      derivedKeys.add(key);
      const was = before.get(key);
      if (!was || was.sessionKey !== derived.key || !sameMatch(was.state, matchState(match))) {
        writes.push({ sessionKey: derived.key, match });
      }
    }
  }
  const stale = [...before]
    .filter(([key]) => !derivedKeys.has(key))
    .map(([, { state }]) => ({ key: state.key, map: state.map }));
  return { writes, stale };
}

/**
 * How rounds' derived state changed: the updates to write; the sessions where a stored round's
 * counting state changed (their totals are recomputed, not added to); the new rounds that count;
 * and the Round 2s whose player rows must be derived (again).
 */
function roundChanges(
  storedById: ReadonlyMap<number, StoredSessionRound>,
  fresh: ReadonlyMap<number, ParsedRound>,
  sessions: DerivedSessions,
) {
  const updates: RoundStateUpdate[] = [];
  const restructured = new Set<string>();
  const addedToTotals: number[] = [];
  const rewrites: { id: number; roundOneId: number | null; wasOrphan: boolean }[] = [];
  for (const { derived } of sessions) {
    const mapOf = new Map(derived.matches.map((m) => [m.key, m.map]));
    for (const round of derived.rounds) {
      const before = storedById.get(round.id)!;
      const isNew = fresh.has(round.id);
      const update: RoundStateUpdate = {
        id: round.id,
        sessionKey: derived.key,
        matchKey: round.matchKey,
        map: round.matchKey === null ? before.map : mapOf.get(round.matchKey)!,
        roundOneId: round.roundOneId,
        axisTeam: round.axisTeam,
        status: round.status,
        isValid: round.invalidReason === null,
        invalidReason: round.invalidReason,
      };
      const counting = before.sessionKey !== update.sessionKey ||
        before.matchKey !== update.matchKey ||
        before.roundOneId !== update.roundOneId || before.status !== update.status ||
        before.isValid !== update.isValid || before.invalidReason !== update.invalidReason;
      if (isNew || counting || before.axisTeam !== update.axisTeam) updates.push(update);
      if (!isNew && counting) {
        restructured.add(derived.key);
        if (before.sessionKey !== null) restructured.add(before.sessionKey);
      }
      if (
        isNew && update.isValid && before.round <= 2 &&
        (update.status === "completed" || update.status === "substitution")
      ) addedToTotals.push(round.id);
      const hasRows = before.hasPlayerRows && !isNew;
      if (before.round === 2 && (!hasRows || before.roundOneId !== round.roundOneId)) {
        rewrites.push({
          id: round.id,
          roundOneId: round.roundOneId,
          wasOrphan: hasRows && before.roundOneId === null,
        });
      }
    }
  }
  return { updates, restructured, addedToTotals, rewrites };
}

/**
 * Stores new rounds (player rows for all but Round 2s, which wait for their pairing) and derives
 * every session they touch; with no new rounds, re-derives the sessions of `window`. Two round
 * trips in the common case: the batch's rows with the neighbourhood read back, then every write.
 */
export async function storeAndDerive(
  tx: Db,
  serverId: number,
  incoming: readonly NewRound[],
  context: IngestContext,
  window?: { from: string; to: string },
): Promise<DerivationResult> {
  const fresh = await withRoundMeta(tx, incoming);
  const times = fresh.map((r) => r.playedAt).sort();
  const neighbourhood: Neighbourhood = {
    serverId,
    from: window?.from ?? times[0]!,
    to: window?.to ?? times.at(-1)!,
    gapMinutes: context.sessionGapMinutes,
  };
  const roundOnes = fresh.filter((r) => r.round.file.round !== 2).map((r) => ({
    id: r.id,
    round: applyImportCorrections(r.round),
  }));
  const stored = await tx.script<StoredSessionRound>([
    ...insertRounds(
      fresh.map((r) => ({ id: r.id, serverId, playedAt: r.playedAt, round: r.round })),
    ),
    ...insertPlayerRows(
      roundOnes.map((r) => ({ roundId: r.id, date: r.round.file.date, players: r.round.players })),
    ),
    ...setRoundPlayerFacts(
      roundOnes.filter((r) => r.round.warnings.length > 0).map((r) => ({
        roundId: r.id,
        mvpGuid: r.round.mvpGuid,
        warnings: r.round.warnings,
      })),
    ),
    neighbourhoodRounds(neighbourhood),
  ]);
  const parsed = new Map(fresh.map((r) => [r.id, r.round]));
  const warnings = new Map<number, unknown[]>(roundOnes.map((r) => [r.id, r.round.warnings]));

  const storedById = new Map(stored.map((row) => [row.id, row]));
  const sessionRounds = stored.map((row) => {
    const roster = row.roster.length > 0 || !parsed.has(row.id)
      ? row.roster
      : parsed.get(row.id)!.players.filter((p) => !p.isBot).map((p) => ({
        guid: p.guid,
        team: p.team,
      }));
    return sessionRoundFromRow(row, roster, context);
  });
  const sessions = groupIntoSessions(sessionRounds, context.sessionGapMinutes).map((group) => ({
    derived: deriveSession(group.key, group.rounds, context.roundMatchWindowMinutes),
    roundCount: group.rounds.length,
  }));
  const newKeys = new Set(sessions.map((s) => s.derived.key));

  const { writes: matchWrites, stale: staleMatches } = matchChanges(stored, sessions);

  const { updates, restructured, addedToTotals, rewrites } = roundChanges(
    storedById,
    parsed,
    sessions,
  );
  const updateOf = new Map(updates.map((u) => [u.id, u]));

  const byId = await parsedRounds(
    tx,
    parsed,
    rewrites.flatMap((r) => r.roundOneId === null ? [r.id] : [r.id, r.roundOneId]),
    context,
  );
  const repaired: number[] = [];
  const rewritten = rewrites.map((rewrite) => {
    let result = byId.get(rewrite.id)!;
    if (rewrite.roundOneId !== null) {
      const differential = roundTwoOnly(byId.get(rewrite.roundOneId)!, result);
      if (!differential.ok) throw new Error(differential.error.message);
      result = differential.value;
      if (rewrite.wasOrphan) repaired.push(rewrite.id);
    }
    const corrected = applyImportCorrections(result);
    warnings.set(rewrite.id, corrected.warnings);
    return { id: rewrite.id, round: corrected };
  });

  const fullRefresh = [...newKeys].filter((key) => restructured.has(key));
  // Newly counted rounds of sessions where nothing else changed: their rows are added.
  const finalRows = new Map<number, ParsedRound>([
    ...roundOnes.map((r) => [r.id, r.round] as const),
    ...rewritten.map((r) => [r.id, r.round] as const),
  ]);
  const counted: CountedRound[] = addedToTotals
    .filter((id) => !restructured.has(updateOf.get(id)!.sessionKey))
    .map((id) => {
      const update = updateOf.get(id)!;
      return {
        sessionKey: update.sessionKey,
        map: storedById.get(id)!.map,
        roundId: id,
        matchKey: update.matchKey,
        playedAt: storedById.get(id)!.playedAt,
        players: finalRows.get(id)!.players,
      };
    });
  // A Round 2 among them completes its match: the match's totals and candidates are computed anew.
  const completedMatches = counted
    .filter((r) => storedById.get(r.roundId)!.round === 2 && r.matchKey !== null)
    .map((r) => ({ matchKey: r.matchKey!, map: r.map, sessionKey: r.sessionKey }));
  const vanished = [
    ...new Set(
      stored.filter((r) => r.sessionId !== null && !newKeys.has(r.sessionKey!)).map((r) =>
        r.sessionId!
      ),
    ),
  ];
  const freshIds = fresh.map((r) => r.id);
  const states = await tx.script<RoundStateRow>([
    ...upsertSessions(serverId, sessions),
    ...writeMatches(serverId, matchWrites, staleMatches),
    ...updateRoundStates(serverId, updates),
    ...deletePlayerRows(rewritten.filter((r) => !parsed.has(r.id)).map((r) => r.id)),
    ...insertPlayerRows(
      rewritten.map((r) => ({ roundId: r.id, date: r.round.file.date, players: r.round.players })),
    ),
    ...setRoundPlayerFacts(
      rewritten.map((r) => ({
        roundId: r.id,
        mvpGuid: r.round.mvpGuid,
        warnings: r.round.warnings,
      })),
    ),
    ...writeSessionPlayers(serverId, sessions),
    ...refreshSessionTotals(serverId, fullRefresh),
    ...addRowsToTotals(serverId, counted),
    ...refreshMatchTotals(serverId, completedMatches),
    ...refreshRecordCandidates(serverId, fullRefresh),
    ...mergeRoundCandidates(serverId, counted),
    ...refreshMatchCandidatesOnMaps(serverId, completedMatches),
    ...deleteSessions(vanished),
    roundStates(freshIds),
  ]);
  return {
    rounds: new Map(states.map((row) => [row.id, row])),
    warnings,
    repairedRoundIds: repaired,
  };
}
