import assert from "node:assert/strict";
import type { ChannelPoster } from "../../../routes/discord/channel_posts.ts";
import { registerPostCron, startPostScheduler } from "../../../routes/discord/post_scheduler.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("without Deno.cron the scheduler runs passes on a timer, never two at once", async () => {
  assert.equal(registerPostCron(), false, "tests run without --unstable-cron");
  let running = 0;
  let most = 0;
  let passes = 0;
  const poster = {
    tick: async () => {
      running++;
      most = Math.max(most, running);
      passes++;
      await sleep(60);
      running--;
      return { queued: 0, sent: 0, failed: 0 };
    },
  } as unknown as ChannelPoster;
  const scheduler = startPostScheduler(poster, {
    intervalSeconds: 0.02,
    log: () => {},
    cronRegistered: false,
  });
  assert.equal(scheduler.mode, "interval");
  await sleep(300);
  while (running === 0) await sleep(2);
  const stopping = scheduler.stop();
  await stopping;
  assert.equal(running, 0, "stop waits for the running pass");
  assert.ok(passes >= 2, `${passes} passes`);
  assert.equal(most, 1, "passes do not overlap");
  const after = passes;
  await sleep(100);
  assert.equal(passes, after, "stopped");
});

Deno.test("a failing pass is logged and the next one still runs", async () => {
  let passes = 0;
  const logs: string[] = [];
  const poster = {
    tick: () => {
      passes++;
      return Promise.reject(new Error("database down"));
    },
  } as unknown as ChannelPoster;
  const scheduler = startPostScheduler(poster, {
    intervalSeconds: 0.02,
    log: (level, msg) => logs.push(`${level} ${msg}`),
    cronRegistered: false,
  });
  await sleep(150);
  await scheduler.stop();
  assert.ok(passes >= 2);
  assert.ok(logs.includes("error channel post pass failed"));
});
