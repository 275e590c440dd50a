import assert from "node:assert/strict";
import {
  accuracy,
  damageRatio,
  dpm,
  efficiency,
  emptyTotals,
  fragPotential,
  kdRatio,
  metricsOf,
  minutesToSeconds,
  pickRoundMvp,
  type PlayerTotals,
  sumTotals,
  timeDeadRatio,
} from "../../domain/metrics.ts";

const totals = (over: Partial<PlayerTotals>): PlayerTotals => ({ ...emptyTotals(), ...over });

Deno.test("K/D is kills when there are no deaths (not the writer's kills + 1)", () => {
  assert.equal(kdRatio({ kills: 5, deaths: 0 }), 5);
  assert.equal(kdRatio({ kills: 6, deaths: 3 }), 2);
});

Deno.test("ratios with a zero denominator are 0, DPM without played time is null", () => {
  assert.equal(accuracy({ hits: 0, shots: 0 }), 0);
  assert.equal(efficiency({ kills: 0, deaths: 0 }), 0);
  assert.equal(dpm({ timedDamageGiven: 500, playedSeconds: 0 }), null);
  assert.equal(
    fragPotential({ timedDamageGiven: 500, playedSeconds: 60, timeDeadSeconds: 60 }),
    null,
  );
  assert.equal(damageRatio({ damageGiven: 300, damageReceived: 0 }), 300);
});

Deno.test("minutes convert to seconds exactly, without trunc's lost second", () => {
  assert.equal(minutesToSeconds(8.2), 492);
  assert.equal(Math.trunc(8.2 * 60), 491);
  assert.equal(minutesToSeconds(9.7), 582);
});

Deno.test("dead time is clamped to played time when reading ratios", () => {
  const stale = totals({ playedSeconds: 60, timeDeadSeconds: 600 });
  assert.equal(timeDeadRatio(stale), 100);
  assert.equal(metricsOf(stale).timeAliveSeconds, 0);
});

Deno.test("aggregate DPM divides summed damage by summed seconds, not a mean of round DPMs", () => {
  const a = totals({ damageGiven: 1000, timedDamageGiven: 1000, playedSeconds: 600 });
  const b = totals({ damageGiven: 1000, timedDamageGiven: 1000, playedSeconds: 60 });
  const sum = sumTotals([a, b]);
  assert.equal(dpm(sum), (2000 * 60) / 660);
  assert.notEqual(dpm(sum), (dpm(a)! + dpm(b)!) / 2);
});

Deno.test("damage of rows without played time counts in totals but not in DPM", () => {
  const timed = totals({ damageGiven: 600, timedDamageGiven: 600, playedSeconds: 60 });
  const untimed = totals({ damageGiven: 400, timedDamageGiven: 0, playedSeconds: 0 });
  const sum = sumTotals([timed, untimed]);
  assert.equal(sum.damageGiven, 1000);
  assert.equal(dpm(sum), 600);
});

Deno.test("the round MVP has the highest score above 0, first in file order on ties", () => {
  const p = (name: string, score: number) => ({ name, metrics: { mvpScore: score } });
  assert.equal(pickRoundMvp([p("a", 10), p("b", 30), p("c", 30)])?.name, "b");
  assert.equal(pickRoundMvp([p("a", 0), p("b", 0)]), null);
});
