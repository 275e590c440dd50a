/**
 * Process-wide metrics and `GET /metrics` (Prometheus text). Each instance counts its own work;
 * Prometheus scrapes every instance and sums.
 */
import { Hono } from "hono";
import { type Labels, type MetricSnapshot, prometheusText } from "../views/prometheus.ts";

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

export class Counter {
  readonly #values = new Map<string, { labels: Labels; value: number }>();

  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.#values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(key, entry);
  }

  get(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels))?.value ?? 0;
  }

  snapshot(): MetricSnapshot {
    return {
      kind: "counter",
      name: this.name,
      help: this.help,
      values: [...this.#values.values()],
    };
  }
}

export class Histogram {
  readonly #values = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    const entry = this.#values.get(key) ??
      { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    const bucket = this.buckets.findIndex((bound) => value <= bound);
    if (bucket >= 0) entry.counts[bucket]!++;
    entry.sum += value;
    entry.count++;
    this.#values.set(key, entry);
  }

  count(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels))?.count ?? 0;
  }

  snapshot(): MetricSnapshot {
    return {
      kind: "histogram",
      name: this.name,
      help: this.help,
      buckets: this.buckets,
      values: [...this.#values.values()],
    };
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Everything the app counts. */
export const metrics = {
  httpRequests: new Counter("etl_http_requests_total", "HTTP requests by method and status"),
  uploads: new Counter("etl_uploads_total", "Uploaded stats files by outcome"),
  importDuration: new Histogram(
    "etl_import_duration_seconds",
    "Time to authenticate, parse and store one uploaded stats file",
    SECONDS,
  ),
  interactions: new Counter(
    "etl_discord_interactions_total",
    "Discord interactions by type and command",
  ),
  renderDuration: new Histogram(
    "etl_card_render_duration_seconds",
    "Time to render a stat card to PNG (cache misses only)",
    SECONDS,
  ),
  channelPosts: new Counter(
    "etl_discord_posts_total",
    "Automatic channel posts by kind and result",
  ),
};

export function metricsText(): string {
  return prometheusText(Object.values(metrics).map((metric) => metric.snapshot()));
}

export function metricsRoutes(): Hono {
  const app = new Hono();
  app.get(
    "/metrics",
    (c) =>
      c.body(metricsText(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
  );
  return app;
}
