/**
 * Runs the channel poster's pass every minute: with `Deno.cron` where the runtime offers it (Deno
 * Deploy; `--unstable-cron` locally), otherwise with an interval timer. A pass never overlaps the
 * previous one in this process; across instances the outbox's row claims keep posts unique.
 */
import type { ChannelPoster } from "./channel_posts.ts";
import type { DiscordLog } from "./discord_deps.ts";

type CronFunction = (name: string, schedule: string, handler: () => Promise<void>) => Promise<void>;

export interface PostScheduler {
  mode: "cron" | "interval";
  stop(): void;
}

export function startPostScheduler(
  poster: ChannelPoster,
  options: { intervalSeconds: number; log: DiscordLog },
): PostScheduler {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const result = await poster.tick();
      if (result.queued + result.sent + result.failed > 0) {
        options.log("info", "channel post pass", result);
      }
    } catch (error) {
      options.log("error", "channel post pass failed", { error: String(error) });
    } finally {
      running = false;
    }
  };
  const cron = (Deno as unknown as { cron?: CronFunction }).cron;
  if (typeof cron === "function") {
    cron("etl-stats channel posts", "* * * * *", pass);
    return { mode: "cron", stop: () => {} };
  }
  const timer = setInterval(pass, options.intervalSeconds * 1000);
  return { mode: "interval", stop: () => clearInterval(timer) };
}
