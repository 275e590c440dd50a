/**
 * Stores parsed rounds and recomputes the gaming sessions they touch, as pure functions of those
 * sessions' rounds: sessions, matches, round states, Round 2-only player rows whose Round 1
 * changed, persistent teams and totals. Statements that do not depend on each other's results are
 * sent together (pipelined); the server runs them in order.
 */
import { deriveSession } from "../domain/derive_session.ts";
import { applyImportCorrections } from "../domain/import_corrections.ts";
import { parseStatsFile } from "../domain/parse_stats_file.ts";
import type { ParsedRound } from "../domain/parsed_round.ts";
import { roundTwoOnly } from "../domain/round_two_only.ts";
import type { SessionRound } from "../domain/session_round.ts";
import { groupIntoSessions } from "../domain/sessions.ts";
import type { Db } from "../db/client.ts";
import {
  refreshRecordCandidates,
  refreshRecordCandidatesOnMaps,
} from "../db/queries/record_candidates.ts";
import { rawFilesById } from "../db/queries/raw_files.ts";
import {
  deletePlayerRows,
  insertPlayerRows,
  insertRounds,
  setRoundPlayerFacts,
} from "../db/queries/round_rows.ts";
import {
  addRoundsToTotals,
  deleteSessions,
  loadNeighbourhoodRosters,
  loadNeighbourhoodRounds,
  type Neighbourhood,
  refreshSessionTotals,
  type RoundStateUpdate,
  type StoredSessionRound,
  updateRoundStates,
  upsertSessions,
  writeMatches,
  writeSessionPlayers,
} from "../db/queries/session_state.ts";
import type { IngestContext } from "./context.ts";

/** Where a round ended up after its session was derived. */
export interface DerivedRoundState {
  status: string;
  sessionId: number;
  sessionKey: string;
  matchId: number | null;
  matchKey: string | null;
}

export interface DerivationResult {
  rounds: Map<number, DerivedRoundState>;
  /** Warnings of the rounds whose player rows were written now. */
  warnings: Map<number, unknown[]>;
  /** Round 2s that were orphans and now have Round 2-only numbers. */
  repairedRoundIds: number[];
  sessionIds: number[];
}

export interface NewRound {
  id: number;
  round: ParsedRound;
  /** UTC ISO instant of the file time. */
  playedAt: string;
}

const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

function sessionRoundOf(
  row: StoredSessionRound,
  roster: SessionRound["roster"],
  context: IngestContext,
): SessionRound {
  let baseInvalidReason: SessionRound["baseInvalidReason"] = null;
  if (context.excludedMaps.has(row.map.toLowerCase())) baseInvalidReason = "excluded_map";
  else if (row.botCount > 0) baseInvalidReason = "bot_players";
  return {
    id: row.id,
    map: row.map,
    round: row.round,
    playedAt: epochSeconds(row.playedAt),
    localDateTime: row.localDateTime,
    durationSeconds: row.durationSeconds,
    durationMeasured: row.playtimeSeconds !== null,
    timeLimitSeconds: row.timeLimitSeconds,
    nextTimeLimitSeconds: row.nextTimeLimitSeconds,
    nextTimeLimit: row.nextTimeLimit,
    defenderTeam: row.defenderTeam,
    winnerTeam: row.winnerTeam,
    scoreConfidence: row.scoreConfidence,
    baseInvalidReason,
    roster,
  };
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

/**
 * Stores new rounds (player rows for all but Round 2s, which wait for their pairing) and derives
 * every session they touch. With no new rounds, re-derives the sessions of `window`.
 */
export async function storeAndDerive(
  tx: Db,
  serverId: number,
  fresh: readonly NewRound[],
  context: IngestContext,
  window?: { from: string; to: string },
): Promise<DerivationResult> {
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
  const [, , , stored, rosters] = await Promise.all([
    insertRounds(
      tx,
      fresh.map((r) => ({ id: r.id, serverId, playedAt: r.playedAt, round: r.round })),
    ),
    insertPlayerRows(
      tx,
      roundOnes.map((r) => ({ roundId: r.id, date: r.round.file.date, players: r.round.players })),
    ),
    setRoundPlayerFacts(
      tx,
      roundOnes.filter((r) => r.round.warnings.length > 0).map((r) => ({
        roundId: r.id,
        mvpGuid: r.round.mvpGuid,
        warnings: r.round.warnings,
      })),
    ),
    loadNeighbourhoodRounds(tx, neighbourhood),
    loadNeighbourhoodRosters(tx, neighbourhood),
  ]);
  const parsed = new Map(fresh.map((r) => [r.id, r.round]));
  const warnings = new Map<number, unknown[]>(roundOnes.map((r) => [r.id, r.round.warnings]));

  const storedById = new Map(stored.map((row) => [row.id, row]));
  const sessionRounds = stored.map((row) => {
    const roster = rosters.get(row.id) ??
      parsed.get(row.id)?.players.filter((p) => !p.isBot).map((p) => ({
        guid: p.guid,
        team: p.team,
      })) ??
      [];
    return sessionRoundOf(row, roster, context);
  });
  const sessions = groupIntoSessions(sessionRounds, context.sessionGapMinutes).map((group) => ({
    derived: deriveSession(group.key, group.rounds, context.roundMatchWindowMinutes),
    roundCount: group.rounds.length,
  }));
  const sessionIds = await upsertSessions(tx, serverId, sessions);
  const withIds = sessions.map((s) => ({ ...s, sessionId: sessionIds.get(s.derived.key)! }));
  const matchIds = await writeMatches(tx, serverId, withIds);

  const states = new Map<number, DerivedRoundState>();
  // Sessions where a stored round changed: their totals are recomputed, not added to.
  const restructured = new Set<number>();
  const addedToTotals: number[] = [];
  const updates: RoundStateUpdate[] = [];
  const rewrites: { id: number; roundOneId: number | null; wasOrphan: boolean }[] = [];
  for (const { derived, sessionId } of withIds) {
    const mapOf = new Map(derived.matches.map((m) => [m.key, m.map]));
    for (const round of derived.rounds) {
      const before = storedById.get(round.id)!;
      const matchId = round.matchKey === null
        ? null
        : matchIds.get(`${sessionId}/${round.matchKey}/${mapOf.get(round.matchKey)}`) ?? null;
      states.set(round.id, {
        status: round.status,
        sessionId,
        sessionKey: derived.key,
        matchId,
        matchKey: round.matchKey,
      });
      const update: RoundStateUpdate = {
        id: round.id,
        sessionId,
        matchId,
        roundOneId: round.roundOneId,
        status: round.status,
        isValid: round.invalidReason === null,
        invalidReason: round.invalidReason,
      };
      const isNew = parsed.has(round.id);
      if (
        before.sessionId !== update.sessionId || before.matchId !== update.matchId ||
        before.roundOneId !== update.roundOneId || before.status !== update.status ||
        before.isValid !== update.isValid || before.invalidReason !== update.invalidReason
      ) {
        updates.push(update);
        if (!isNew) {
          restructured.add(sessionId);
          if (before.sessionId !== null) restructured.add(before.sessionId);
        }
      }
      if (
        isNew && update.isValid &&
        (update.status === "completed" || update.status === "substitution") && before.round <= 2
      ) {
        addedToTotals.push(round.id);
      }
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

  const kept = new Set(sessionIds.values());
  const fullRefresh = [...kept].filter((id) => restructured.has(id));
  const incremental = addedToTotals.filter((id) => !restructured.has(states.get(id)!.sessionId));
  const incrementalMaps = [
    ...new Map(incremental.map((id) => {
      const pair = { sessionId: states.get(id)!.sessionId, map: storedById.get(id)!.map };
      return [`${pair.sessionId}/${pair.map}`, pair] as const;
    })).values(),
  ];
  const previous = new Set(stored.map((row) => row.sessionId).filter((id) => id !== null));
  await Promise.all([
    updateRoundStates(tx, updates),
    deletePlayerRows(tx, rewritten.filter((r) => !parsed.has(r.id)).map((r) => r.id)),
    insertPlayerRows(
      tx,
      rewritten.map((r) => ({ roundId: r.id, date: r.round.file.date, players: r.round.players })),
    ),
    setRoundPlayerFacts(
      tx,
      rewritten.map((r) => ({
        roundId: r.id,
        mvpGuid: r.round.mvpGuid,
        warnings: r.round.warnings,
      })),
    ),
    writeSessionPlayers(
      tx,
      withIds.map((s) => ({ sessionId: s.sessionId, members: s.derived.teams.members })),
    ),
    refreshSessionTotals(tx, fullRefresh),
    addRoundsToTotals(tx, incremental),
    refreshRecordCandidates(tx, fullRefresh),
    refreshRecordCandidatesOnMaps(tx, incrementalMaps),
    deleteSessions(tx, [...previous].filter((id) => !kept.has(id))),
  ]);
  return { rounds: states, warnings, repairedRoundIds: repaired, sessionIds: [...kept] };
}
