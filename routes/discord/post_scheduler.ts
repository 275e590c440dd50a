/**
 * Runs the channel poster's pass every minute: with `Deno.cron` where the runtime offers it (Deno
 * Deploy; `--unstable-cron` locally), otherwise with an interval timer. A pass never overlaps the
 * previous one in this process; across instances the outbox's row claims keep posts unique.
 *
 * Deno Deploy discovers cron jobs by evaluating a module's top level before the server starts, so
 * `registerPostCron` is called there (main.ts) and the pass is attached once the database is open.
 */
import type { ChannelPoster } from "./channel_posts.ts";
import type { DiscordLog } from "./discord_deps.ts";

type CronFunction = (name: string, schedule: string, handler: () => Promise<void>) => Promise<void>;

let attachedPass: (() => Promise<void>) | null = null;

/** Registers the every-minute cron job when the runtime has `Deno.cron`; true if it did. */
export function registerPostCron(): boolean {
  const cron = (Deno as unknown as { cron?: CronFunction }).cron;
  if (typeof cron !== "function") return false;
  cron("etl-stats channel posts", "* * * * *", async () => {
    await attachedPass?.();
  });
  return true;
}

export interface PostScheduler {
  mode: "cron" | "interval";
  /** Stops scheduling; resolves once a pass still running has finished (await it on shutdown). */
  stop(): Promise<void>;
}

export function startPostScheduler(
  poster: ChannelPoster,
  options: { intervalSeconds: number; log: DiscordLog; cronRegistered: boolean },
): PostScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return running ?? Promise.resolve();
    running = run().finally(() => (running = null));
    return running;
  };
  const run = async () => {
    try {
      const result = await poster.tick();
      if (result.queued + result.sent + result.failed > 0) {
        options.log("info", "channel post pass", result);
      }
    } catch (error) {
      options.log("error", "channel post pass failed", { error: String(error) });
    }
  };
  const finish = async () => {
    stopped = true;
    await running;
  };
  if (options.cronRegistered) {
    attachedPass = pass;
    return {
      mode: "cron",
      stop: () => {
        attachedPass = null;
        return finish();
      },
    };
  }
  const timer = setInterval(pass, options.intervalSeconds * 1000);
  return {
    mode: "interval",
    stop: () => {
      clearInterval(timer);
      return finish();
    },
  };
}
