/**
 * Automatic posts to a game server's Discord channel: the round summary after every round, the
 * map result after a Round 2, and the session recap once a session has ended. Posts go through
 * the `channel_posts` outbox: queued when a round is stored, sent right away in the background,
 * and retried with backoff by the scheduler. Nothing here can fail or slow down an upload.
 */
import type { Db } from "../../db/client.ts";
import {
  type ChannelPost,
  claimDuePosts,
  enqueueEndedSessions,
  enqueuePost,
  mapResultOfRound,
  markPostFailed,
  markPostSent,
  roundPostSubject,
  sessionIdByKey,
} from "../../db/queries/channel_posts.ts";
import { roundDetail } from "../../db/queries/rounds.ts";
import { sessionSummary } from "../../db/queries/sessions.ts";
import type { IngestOutcome } from "../../ingest/pipeline.ts";
import { mapResultEmbed } from "../../views/embeds/map_result.ts";
import { roundSummaryEmbed } from "../../views/embeds/round_summary.ts";
import { sessionRecapEmbed } from "../../views/embeds/session_recap.ts";
import { metrics } from "../metrics.ts";
import { renderCard } from "./card_message.ts";
import type { DiscordLog } from "./discord_deps.ts";
import { type MessageEdit, publicMessage } from "./messages.ts";

/** Sends a message to a channel (bot token); resolves with the new message's id. */
export interface ChannelMessenger {
  createMessage(channelId: string, message: MessageEdit): Promise<{ id: string | null }>;
}

export interface ChannelPosterOptions {
  sessionGapMinutes: number;
  now: () => number;
  log: DiscordLog;
  /** Posts claimed per pass. */
  batchSize?: number;
}

const FIRST_RETRY_SECONDS = 30;
/** Longest wait for Discord's answer; well inside the claim (STALE_CLAIM_SECONDS). */
const SEND_TIMEOUT_MS = 60_000;

/** `promise`, or a rejection after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Discord in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const LONGEST_RETRY_SECONDS = 3600;

/** An error with what discordeno keeps in its cause (status and Discord's message). */
export function describeError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause === undefined) return String(error);
  const detail = cause instanceof Error ? String(cause) : JSON.stringify(cause);
  return `${String(error)} (${detail})`;
}

/** Seconds before the next attempt after `attempts` failed ones. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

export class ChannelPoster {
  constructor(
    private readonly db: Db,
    private readonly messenger: ChannelMessenger,
    private readonly options: ChannelPosterOptions,
  ) {}

  #nowIso(): string {
    return new Date(this.options.now()).toISOString();
  }

  /**
   * After an upload stored round `roundId`: queue its post when the server has a channel, then
   * send what is due. Never throws (failures are logged and retried by the scheduler).
   */
  async afterImport(roundId: number): Promise<void> {
    try {
      const subject = await roundPostSubject(this.db, roundId);
      if (!subject?.channelId || !subject.isValid) return;
      // History (a backfill, a spool flushed after an outage) is stored, not announced.
      const ageMinutes = (this.options.now() - Date.parse(subject.playedAt)) / 60_000;
      if (ageMinutes > this.options.sessionGapMinutes) return;
      await enqueuePost(this.db, {
        kind: subject.paired ? "map" : "round",
        subjectKey: String(subject.roundId),
        serverId: subject.serverId,
        channelId: subject.channelId,
      }, this.#nowIso());
      await this.sendDue();
    } catch (error) {
      this.options.log("error", "queueing a channel post failed", {
        roundId,
        error: String(error),
      });
    }
  }

  /** One scheduler pass: queue the recaps of ended sessions, then send every due post. */
  async tick(): Promise<{ queued: number; sent: number; failed: number }> {
    const queued = await enqueueEndedSessions(
      this.db,
      this.options.sessionGapMinutes,
      this.#nowIso(),
    );
    return { queued, ...await this.sendDue() };
  }

  /** Claims and sends due posts until none is left. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const batch = await claimDuePosts(this.db, this.#nowIso(), this.options.batchSize ?? 5);
      if (batch.length === 0) return { sent, failed };
      for (const post of batch) {
        if (await this.#send(post)) sent++;
        else failed++;
      }
    }
  }

  async #send(post: ChannelPost): Promise<boolean> {
    let messageId: string | null;
    try {
      const message = await this.#message(post);
      messageId = (await withTimeout(
        this.messenger.createMessage(post.channelId, message),
        SEND_TIMEOUT_MS,
      )).id;
    } catch (error) {
      const retryAt = new Date(this.options.now() + retryDelaySeconds(post.attempts) * 1000);
      await markPostFailed(this.db, post, describeError(error), retryAt.toISOString());
      metrics.channelPosts.inc({ kind: post.kind, result: "failed" });
      this.options.log("warn", "channel post failed; will retry", {
        kind: post.kind,
        subject: post.subjectKey,
        attempts: post.attempts,
        retryAt: retryAt.toISOString(),
        error: describeError(error),
      });
      return false;
    }
    metrics.channelPosts.inc({ kind: post.kind, result: "sent" });
    // Discord has the message: from here on nothing may lead to sending it again.
    for (let attempt = 1;; attempt++) {
      try {
        const recorded = await markPostSent(this.db, post, messageId, this.#nowIso());
        this.options.log(recorded ? "info" : "warn", "channel post sent", {
          kind: post.kind,
          subject: post.subjectKey,
          channelId: post.channelId,
          ...(recorded ? {} : { note: "another instance had taken the post over" }),
        });
        return true;
      } catch (error) {
        if (attempt >= 3) {
          this.options.log("error", "channel post sent but not recorded; it may be sent again", {
            kind: post.kind,
            subject: post.subjectKey,
            error: describeError(error),
          });
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async #message(post: ChannelPost): Promise<MessageEdit> {
    const now = this.options.now();
    if (post.kind === "session") {
      const sessionId = await sessionIdByKey(this.db, post.subjectKey);
      const summary = sessionId === null ? null : await sessionSummary(this.db, sessionId);
      if (!summary) throw new Error(`session ${post.subjectKey} no longer exists`);
      const card = await renderCard(
        this.db,
        { kind: "session", sessionId: summary.id },
        "session gone",
        now,
      );
      return {
        ...publicMessage({ embeds: [sessionRecapEmbed(summary, "overview", card.url)] }),
        files: [card.file],
      };
    }
    const roundId = Number(post.subjectKey);
    const detail = await roundDetail(this.db, roundId);
    if (!detail) throw new Error(`round ${roundId} no longer exists`);
    const card = await renderCard(this.db, { kind: "round", roundId }, "round gone", now);
    if (post.kind === "map") {
      const result = await mapResultOfRound(this.db, roundId);
      if (result) {
        const roundOne = detail.round.roundOneId === null
          ? null
          : await roundDetail(this.db, detail.round.roundOneId);
        const roundOneTime = roundOne
          ? roundOne.round.outcome === "Completed" ? roundOne.round.nextTimeLimit : "fullhold"
          : null;
        return {
          ...publicMessage({ embeds: [mapResultEmbed(result, detail, roundOneTime, card.url)] }),
          files: [card.file],
        };
      }
    }
    return {
      ...publicMessage({ embeds: [roundSummaryEmbed(detail.round, detail.players, card.url)] }),
      files: [card.file],
    };
  }
}

/** The upload hook: every stored round queues its post in the background. */
export function postAfterImport(
  poster: ChannelPoster,
  background: { run(task: () => Promise<void>): void },
): (outcome: IngestOutcome) => void {
  return (outcome) => {
    if (outcome.status === "imported" || outcome.status === "orphan_r2") {
      // A Round 1 that completes waiting Round 2s decides their maps: post those results too.
      const roundIds = [outcome.roundId, ...outcome.repairedRoundIds];
      background.run(async () => {
        for (const roundId of roundIds) await poster.afterImport(roundId);
      });
    }
  };
}
